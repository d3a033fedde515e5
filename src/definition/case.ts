import { camelToSnake, snakeToCamel } from "./case-rule";
import { USER_KEYED } from "./keys";

/**
 * Conversion between the API's snake_case and the resource's camelCase. Every key, known or not, is
 * renamed by rule (`allowedProxyDomains` <-> `allowed_proxy_domains`), so keys this version does not
 * know survive the round trip. Keys of user-keyed maps (metadata, auth_field_mutations; derived from
 * the schema) are user data and keep their spelling.
 */

export type PathSegment = string | number;
export { camelToSnake, snakeToCamel };

function convert(value: unknown, rename: (k: string) => string): unknown {
  if (Array.isArray(value)) return value.map((v) => convert(v, rename));
  if (value === null || typeof value !== "object") return value;
  const out: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
    if (USER_KEYED.has(key) && child !== null && typeof child === "object" && !Array.isArray(child)) {
      const entries = Object.entries(child as Record<string, unknown>).map(([k, v]) => [k, convert(v, rename)]);
      out[rename(key)] = Object.fromEntries(entries);
    } else {
      out[rename(key)] = convert(child, rename);
    }
  }
  return out;
}

export function toSnakeCase<T = unknown>(camel: unknown): T {
  return convert(camel, camelToSnake) as T;
}

export function toCamelCase<T = unknown>(snake: unknown): T {
  return convert(snake, snakeToCamel) as T;
}

/** Translates a snake_case property path into the camelCase the user wrote, keeping user-keyed segments. */
export function pathToCamel(path: readonly PathSegment[]): PathSegment[] {
  return path.map((seg, i) => {
    if (typeof seg === "number") return seg;
    const parent = i > 0 ? path[i - 1] : undefined;
    if (typeof parent === "string" && USER_KEYED.has(parent)) return seg;
    return snakeToCamel(seg);
  });
}

/** `authPatterns[0].fields[1].fieldName`, `metadata["team name"]`. */
export function formatPath(path: readonly PathSegment[]): string {
  let out = "";
  for (const seg of path) {
    if (typeof seg === "number") out += `[${seg}]`;
    else if (/^[A-Za-z_$][\w$]*$/.test(seg)) out += out ? `.${seg}` : seg;
    else out += `[${JSON.stringify(seg)}]`;
  }
  return out;
}
