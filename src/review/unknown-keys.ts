import { formatPath } from "../definition/case";
import { openKeyFindings } from "../definition/open-keys";
import { definitionSchema } from "../definition/schema";
import { isSecretMarker } from "./secrets";

/** A masked secret is a value, not a key or a vocabulary word: it must not read as an unknown value. */
function withoutSecrets(value: unknown): unknown {
  if (isSecretMarker(value)) return undefined;
  if (Array.isArray(value)) return value.map(withoutSecrets);
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, withoutSecrets(v)]));
  }
  return value;
}

/**
 * Keys, and enumeration values, of an API-shaped definition that this version of the library does
 * not know: the same findings `check` reports (open-keys.ts), as sorted `path` or `path = "value"` lines.
 */
export function unknownKeys(definition: unknown): string[] {
  const { problems, warnings } = openKeyFindings(definitionSchema, withoutSecrets(definition), (k) => k);
  return [...problems, ...warnings]
    .map((f) => (f.value === undefined ? formatPath(f.path) : `${formatPath(f.path)} = ${JSON.stringify(f.value)}`))
    .sort();
}
