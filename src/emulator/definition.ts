/**
 * Decoding a request body into a definition, the way protojson would: known top-level fields are
 * type-checked, unknown top-level fields are dropped silently, `null` and absent fields take their
 * empty value. `auth_patterns` is a ListValue of free-form objects: each pattern is kept as sent.
 * A type mismatch is a decode error (400 without field violations), not a validation violation.
 */
import { invalidArgument, ApiError } from "./errors";
import type { AuthPatternObject, Definition } from "./types";

type Json = unknown;

function decodeError(path: string, expected: string): ApiError {
  return invalidArgument(`invalid request body: ${path}: expected ${expected}`);
}

function isObject(v: Json): v is Record<string, Json> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function str(obj: Record<string, Json>, key: string, path: string): string {
  const v = obj[key];
  if (v === undefined || v === null) return "";
  if (typeof v !== "string") throw decodeError(`${path}${key}`, "a string");
  return v;
}

function bool(obj: Record<string, Json>, key: string, path: string): boolean {
  const v = obj[key];
  if (v === undefined || v === null) return false;
  if (typeof v !== "boolean") throw decodeError(`${path}${key}`, "a boolean");
  return v;
}

function arr(obj: Record<string, Json>, key: string, path: string): Json[] {
  const v = obj[key];
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) throw decodeError(`${path}${key}`, "an array");
  return v;
}

function obj(v: Json, path: string): Record<string, Json> {
  if (!isObject(v)) throw decodeError(path, "an object");
  return v;
}

function map(o: Record<string, Json>, key: string, path: string): Record<string, Json> {
  const v = o[key];
  if (v === undefined || v === null) return {};
  return obj(v, `${path}${key}`);
}

/** A pattern is kept exactly as sent (free-form JSON on the server); only its being an object is checked. */
function decodePattern(v: Json, path: string): AuthPatternObject {
  return structuredClone(obj(v, path)) as AuthPatternObject;
}

/** Decode a parsed JSON body into a definition; throws an ApiError (400) on a type mismatch. */
export function decodeDefinition(body: Json): Definition {
  const o = obj(body, "(body)");
  const metadata: Record<string, string> = {};
  for (const [k, v] of Object.entries(map(o, "metadata", ""))) {
    if (typeof v !== "string") throw decodeError(`metadata["${k}"]`, "a string");
    metadata[k] = v;
  }
  return {
    display_name: str(o, "display_name", ""),
    description: str(o, "description", ""),
    auth_patterns: arr(o, "auth_patterns", "").map((p, i) => decodePattern(p, `auth_patterns[${i}]`)),
    proxy_url: str(o, "proxy_url", ""),
    proxy_enabled: bool(o, "proxy_enabled", ""),
    icon_src: str(o, "icon_src", ""),
    metadata,
  };
}
