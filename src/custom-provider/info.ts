import { nameKey } from "../definition/provider-key";
import { managerOf } from "./reference";
import { serverDefinition } from "../definition/ownership";
import type { ApiDefinition, ApiProvider } from "../definition/types";
import { missingProvider, ScalekitDuplicateNameError, ScalekitNotFoundError } from "../errors";

/** One custom provider as a lookup returns it. */
export interface CustomProviderInfo {
  /** The key Scalekit uses for the provider, e.g. `MYASANA:12345`; it differs between environments. */
  identifier: string;
  /** Scalekit's internal id. */
  scalekitId: string;
  /** The definition as Scalekit stores it: the API's snake_case JSON, without the ownership marker. */
  definition: ApiDefinition;
  /** Who manages it: the `project/stack/resource` of its ownership marker, when a Pulumi stack does. */
  managedBy?: string;
}

/** Which provider a lookup asks for: by identifier, or by display name (matched as Scalekit matches names). */
export type CustomProviderQuery = { identifier: string } | { displayName: string };

export function infoOf(provider: ApiProvider): CustomProviderInfo {
  const managedBy = managerOf(provider);
  return {
    identifier: provider.identifier,
    scalekitId: provider.id ?? "",
    definition: serverDefinition(provider),
    ...(managedBy !== undefined ? { managedBy } : {}),
  };
}

/** By display name, then identifier: the same order whatever order the server lists them in. */
export function sortedInfos(providers: ApiProvider[]): CustomProviderInfo[] {
  return [...providers]
    .sort((a, b) => (a.display_name ?? "").localeCompare(b.display_name ?? "") || a.identifier.localeCompare(b.identifier))
    .map(infoOf);
}

/**
 * The one provider holding `displayName`'s key among `providers`. None is a ScalekitNotFoundError;
 * several (made before Scalekit refused a second, or by a path that skipped the check) a
 * ScalekitDuplicateNameError naming every one, never an arbitrary pick.
 */
export function pickByName(providers: ApiProvider[], displayName: string, environmentUrl: string, context: string): ApiProvider {
  const key = nameKey(displayName);
  const matches = providers.filter((p) => nameKey(p.display_name ?? "") === key);
  if (matches.length === 0)
    throw new ScalekitNotFoundError(missingProvider({ displayName }, environmentUrl, context), { displayName }, environmentUrl);
  if (matches.length > 1) {
    const listed = matches
      .map((p) => ({ identifier: p.identifier, displayName: p.display_name }))
      .sort((a, b) => a.identifier.localeCompare(b.identifier));
    throw new ScalekitDuplicateNameError(displayName, listed, environmentUrl, context);
  }
  return matches[0];
}
