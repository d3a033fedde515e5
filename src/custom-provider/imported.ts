import { toCamelCase } from "../definition/case";
import { canonicalDefinition, DEFAULT_PROXY_ENABLED } from "../definition/normalize";
import { openKeyFindings } from "../definition/open-keys";
import { serverDefinition } from "../definition/ownership";
import { definitionSchema } from "../definition/schema";
import type { ApiProvider } from "../definition/types";
import type { Inputs } from "./inputs";

/**
 * The inputs a program declares to match a provider that Pulumi imports: the definition as Scalekit
 * stores it, without the server's empty defaults (and without proxy_enabled when it holds our default).
 * In the resource's camelCase keys when every key is one the schema lists, so that the code Pulumi
 * generates from them is typed; otherwise as `definition`, the API's own JSON, which keeps the keys a
 * newer Scalekit added (typed SDK objects are closed and would refuse them).
 */
export function importedInputs(provider: ApiProvider): Inputs {
  const def: Record<string, unknown> = { ...canonicalDefinition(serverDefinition(provider)) };
  if (def.proxy_enabled === DEFAULT_PROXY_ENABLED) delete def.proxy_enabled;
  const unknownKeys = openKeyFindings(definitionSchema, def, (k) => k).warnings.some((w) => w.value === undefined);
  return unknownKeys ? { definition: def } : toCamelCase<Inputs>(def);
}
