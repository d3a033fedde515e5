/**
 * Pulumi's property values as they cross the wire: a secret is an object carrying Pulumi's signature
 * key, an unknown preview value is a fixed string (definition/unknown.ts handles that one). The plugin
 * asks the engine for plain values (Configure answers acceptSecrets: false), so secrets reach it only
 * in the provider's own arguments; it marks the outputs that must stay secret itself.
 */
export const SIG_KEY = "4dabf18193072939515e22adb298388d";
const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";

export type PropertyMap = Record<string, unknown>;

export function isSecret(value: unknown): value is { value: unknown } {
  return value !== null && typeof value === "object" && (value as Record<string, unknown>)[SIG_KEY] === SECRET_SIG;
}

/** `value` marked secret, as the engine reads a secret in a response. */
export function secret(value: unknown): unknown {
  return isSecret(value) ? value : { [SIG_KEY]: SECRET_SIG, value };
}

/** The value with every secret marker removed (the plugin works on plain values). */
export function reveal(value: unknown): unknown {
  if (isSecret(value)) return reveal(value.value);
  if (Array.isArray(value)) return value.map(reveal);
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value as PropertyMap).map(([k, v]) => [k, reveal(v)]));
  }
  return value;
}

/** A copy without undefined values (a protobuf Struct has no way to say "undefined"). */
export function defined(value: unknown): unknown {
  if (Array.isArray(value)) return value.map((v) => (v === undefined ? null : defined(v)));
  if (value !== null && typeof value === "object" && !isSecret(value)) {
    const out: PropertyMap = {};
    for (const [k, v] of Object.entries(value as PropertyMap)) if (v !== undefined) out[k] = defined(v);
    return out;
  }
  if (isSecret(value)) return secret(defined(value.value));
  return value;
}

/** `props` with the named top-level keys marked secret (where present). */
export function withSecrets(props: PropertyMap, keys: readonly string[]): PropertyMap {
  const out = { ...props };
  for (const key of keys) if (out[key] !== undefined) out[key] = secret(out[key]);
  return out;
}
