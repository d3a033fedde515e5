import type { PathSegment } from "../definition/case";

/** How the review shows a secret, and how `pulumi preview --json` prints one without --show-secrets. */
export const SECRET = "[secret]";

/** Pulumi's marker for a secret in serialized property values (`{<sig>: <secret sig>, value}`). */
const SIG_KEY = "4dabf18193072939515e22adb298388d";
const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";

export function isSecretMarker(value: unknown): boolean {
  if (value === SECRET) return true;
  return value !== null && typeof value === "object" && (value as Record<string, unknown>)[SIG_KEY] === SECRET_SIG;
}

/**
 * A copy with every secret replaced by SECRET, whatever it held, and the paths where secrets were.
 * The review reads only masked values, so no plaintext can reach its output.
 */
export function maskSecrets(
  value: unknown,
  path: PathSegment[] = [],
  found: PathSegment[][] = [],
): { masked: unknown; secretPaths: PathSegment[][] } {
  const walk = (v: unknown, p: PathSegment[]): unknown => {
    if (isSecretMarker(v)) {
      found.push(p);
      return SECRET;
    }
    if (Array.isArray(v)) return v.map((item, i) => walk(item, [...p, i]));
    if (v !== null && typeof v === "object") {
      return Object.fromEntries(Object.entries(v as Record<string, unknown>).map(([k, item]) => [k, walk(item, [...p, k])]));
    }
    return v;
  };
  return { masked: walk(value, path), secretPaths: found };
}
