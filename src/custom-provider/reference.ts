import { toCamelCase } from "../definition/case";
import { compact } from "../definition/normalize";
import { ownerOf, parseMarker, serverDefinition } from "../definition/ownership";
import { shapeLike } from "../definition/shape";
import type { ApiProvider } from "../definition/types";
import { Inputs } from "./inputs";
import { buildOutputs } from "./outputs";

/**
 * A read-only reference (`CustomProvider.get`): a provider that another stack or team manages,
 * read from Scalekit and never written. The resource passes `reference: true` and, optionally, its
 * config namespace; nothing else, since nothing is declared. Its outputs carry the flag too, so a
 * refresh (which hands the provider its last outputs) is still served as a reference.
 */
export const REFERENCE_KEY = "reference";

export function isReference(props: Inputs | undefined): boolean {
  return props?.[REFERENCE_KEY] === true;
}

/**
 * Outputs of a reference that may hold a secret. Nothing says which stored values were secret where
 * the provider is declared (a default API key in `authPatterns`, a value in `metadata`), so those are
 * secret, with `stored` as for every CustomProvider; names, URLs and identifiers stay readable.
 */
export const REFERENCE_SECRET_OUTPUTS = ["stored", "authPatterns", "metadata"] as const;

/**
 * What a reference shows: the definition as Scalekit stores it, in the resource's camelCase keys
 * (without grpc-gateway's empty defaults, proxyEnabled always), the usual outputs, and `managedBy`:
 * the `project/stack/resource` that manages it, when one does.
 */
/**
 * Who manages a provider, as a CustomProvider's own `managedBy` says it: the `project/stack/resource`
 * of its ownership marker (without the state id), or undefined when no stack marked it.
 */
export function managerOf(provider: ApiProvider): string | undefined {
  const marker = ownerOf(provider);
  return marker === undefined ? undefined : parseMarker(marker).owner;
}

export function referenceOutputs(provider: ApiProvider, environmentUrl: string, configNamespace?: string): Inputs {
  const shaped = compact(shapeLike(serverDefinition(provider), { proxy_enabled: true }));
  const inputs: Inputs = { ...toCamelCase<Inputs>(shaped) };
  if (configNamespace !== undefined) inputs.configNamespace = configNamespace;
  const managedBy = managerOf(provider);
  if (managedBy !== undefined) inputs.managedBy = managedBy;
  return { ...buildOutputs(inputs, provider, environmentUrl), [REFERENCE_KEY]: true };
}
