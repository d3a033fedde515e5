import type { PathSegment } from "./case";
import { valueAt } from "./path";

/**
 * Which values of a definition are credentials, and how one is told without being shown: THE rule,
 * used by `compare`, the provider's warnings and the review. A credential is compared like any
 * value, but only its length is ever printed ("N characters changed").
 *
 * A credential is:
 * - the `default` of an auth field mutation (`auth_patterns[i].auth_field_mutations.<field>.default`):
 *   a value Scalekit sends upstream when a connected account gives none, i.e. an API key or a token;
 * - any value a field whose `input_type` is `password` holds beyond what describes it (its name,
 *   label, type, hint, flags and header name): a `default`, a `value`, an example, an open key, on
 *   either side of a comparison.
 * A value that the source itself declares secret (a Pulumi secret in a preview) is a credential too;
 * only the review can see that marking (review/secrets.ts), and it never shows such a value at all.
 */

/** The input type whose field holds a credential; its other values are described by FIELD_DESCRIPTION_KEYS. */
export const CREDENTIAL_INPUT_TYPE = "password";

/** Keys of a field that describe it: shown even for a password field. Any other key of one may hold its value. */
export const FIELD_DESCRIPTION_KEYS: ReadonlySet<string> = new Set([
  "field_name",
  "label",
  "input_type",
  "hint",
  "required",
  "is_path_param",
  "header_name",
  "display_name",
  "description",
]);

const FIELD_LISTS = new Set(["fields", "account_fields"]);

/**
 * Whether the value at `path` (snake_case, from the definition's root) is a credential, or inside
 * one. `definitions`: the definitions the path is read in (both sides of a comparison), which say
 * what type a field is.
 */
export function isCredentialPath(path: readonly PathSegment[], ...definitions: unknown[]): boolean {
  if (path[0] !== "auth_patterns" || typeof path[1] !== "number") return false;
  const [, , list, index, key] = path;
  if (list === "auth_field_mutations") return path.length >= 5 && key === "default";
  if (typeof list !== "string" || !FIELD_LISTS.has(list) || typeof index !== "number" || path.length < 5) return false;
  if (FIELD_DESCRIPTION_KEYS.has(String(key))) return false;
  return definitions.some((d) => {
    const field = valueAt(d, path.slice(0, 4));
    return field !== null && typeof field === "object" && (field as Record<string, unknown>).input_type === CREDENTIAL_INPUT_TYPE;
  });
}

/**
 * The credentials inside `value`, which sits at `path` of `definitions`: paths relative to `value`
 * (`[]` when `value` is one itself).
 */
export function credentialPathsIn(
  value: unknown,
  path: readonly PathSegment[],
  definitions: readonly unknown[],
): PathSegment[][] {
  const found: PathSegment[][] = [];
  const walk = (v: unknown, rel: PathSegment[]) => {
    if (isCredentialPath([...path, ...rel], ...definitions)) {
      if (v !== undefined) found.push(rel);
      return;
    }
    if (Array.isArray(v)) v.forEach((item, i) => walk(item, [...rel, i]));
    else if (v !== null && typeof v === "object") for (const [k, item] of Object.entries(v)) walk(item, [...rel, k]);
  };
  walk(value, []);
  return found;
}

/** A credential's size, the only thing told of it: "12 characters" (code points), or "a value". */
export function credentialSize(value: unknown): string {
  if (typeof value === "string") {
    const n = [...value].length;
    return `${n} character${n === 1 ? "" : "s"}`;
  }
  return "a value";
}

/** How a credential stands in a value that is shown: `[secret: 12 characters]`. */
export function maskedCredential(value: unknown): string {
  return `[secret: ${credentialSize(value)}]`;
}

/** What a change of a credential tells: "12 characters changed", never a value. */
export function credentialChange(before: unknown, after: unknown): string {
  if (before === undefined) return `set, ${credentialSize(after)} (secret, not shown)`;
  if (after === undefined) return `removed, ${credentialSize(before)} (secret, not shown)`;
  return `${credentialSize(after)} changed (secret, not shown)`;
}

/** A copy of `value` with the credentials at `paths` (relative to it, see credentialPathsIn) replaced by `maskedCredential`. */
export function maskCredentials(value: unknown, paths: readonly PathSegment[][]): unknown {
  if (paths.length === 0 || value === undefined) return value;
  if (paths.some((p) => p.length === 0)) return maskedCredential(value);
  const copy = structuredClone(value);
  for (const p of paths) {
    const parent = valueAt(copy, p.slice(0, -1));
    if (parent === null || typeof parent !== "object") continue;
    const last = p[p.length - 1] as string;
    const held = (parent as Record<string, unknown>)[last];
    if (held !== undefined) (parent as Record<string, unknown>)[last] = maskedCredential(held);
  }
  return copy;
}
