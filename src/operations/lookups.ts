import type { EnvironmentEntry } from "../client/environments";
import { CustomProviderInfo, CustomProviderQuery, infoOf, pickByName, sortedInfos } from "../custom-provider/info";
import { missingProvider, ScalekitDeclarationError, ScalekitNotFoundError } from "../errors";

/**
 * The lookups (one custom provider by identifier or display name; every custom provider), read-only,
 * from an environment's shared listing: the program-side functions (lookups/) and the native plugin's
 * Invoke both answer with these. `context` (the call, e.g. `getCustomProvider({...})`) leads every error.
 */
export async function findCustomProvider(entry: EnvironmentEntry, query: unknown, context: string): Promise<CustomProviderInfo> {
  const wanted = checkQuery(query, context);
  const { client, snapshot } = entry;
  if ("identifier" in wanted) {
    const found = await snapshot.findByIdentifier(wanted.identifier);
    if (!found)
      throw new ScalekitNotFoundError(missingProvider(wanted, client.environmentUrl, context), wanted, client.environmentUrl);
    return infoOf(found);
  }
  return infoOf(pickByName(await snapshot.list(), wanted.displayName, client.environmentUrl, context));
}

/** Every custom provider of the environment, sorted by display name, then identifier. */
export async function listCustomProviderInfos(entry: EnvironmentEntry): Promise<CustomProviderInfo[]> {
  return sortedInfos(await entry.snapshot.list());
}

/** Exactly one of `identifier` and `displayName`, a non-empty string. */
export function checkQuery(query: unknown, context: string): CustomProviderQuery {
  const q = (query ?? {}) as Record<string, unknown>;
  const given = (["identifier", "displayName"] as const).filter((k) => q[k] !== undefined);
  if (given.length !== 1) throw new ScalekitDeclarationError(`${context}: give exactly one of identifier and displayName`);
  const [key] = given;
  const value = q[key];
  if (typeof value !== "string" || value.trim() === "")
    throw new ScalekitDeclarationError(`${context}: ${key} must be a non-empty string`);
  return key === "identifier" ? { identifier: value } : { displayName: value };
}
