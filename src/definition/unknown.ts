/**
 * During preview, inputs that depend on other resources' outputs reach the provider as this literal
 * string, at any depth. Validation and diffing must let it through rather than reject it.
 */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

export function isUnknown(value: unknown): boolean {
  return value === UNKNOWN;
}

/** Paths (as arrays of keys/indices) of every unknown value inside `value`. */
export function unknownPaths(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  if (isUnknown(value)) return [prefix];
  if (Array.isArray(value)) return value.flatMap((v, i) => unknownPaths(v, [...prefix, i]));
  if (value !== null && typeof value === "object") {
    return Object.entries(value as Record<string, unknown>).flatMap(([k, v]) => unknownPaths(v, [...prefix, k]));
  }
  return [];
}

export function containsUnknown(value: unknown): boolean {
  return unknownPaths(value).length > 0;
}
