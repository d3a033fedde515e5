import { z } from "zod";
import type { PathSegment } from "../definition/case";
import { COSMETIC_KEYS } from "../definition/compare";
import { unwrap } from "../definition/keys";
import { definitionSchema, OPEN_ENUM_VALUES } from "../definition/schema";
import type { FlagKind, Opacity } from "./flags";
import type { Action } from "./steps";

/**
 * A value of a definition that the preview does not show (secret, or known only after apply), and
 * the flags it might trigger by where it sits. The review raises each of them marked "cannot
 * verify", so that hiding a value never hides a risk from a `--fail-on` gate.
 */
export interface OpaquePath {
  path: PathSegment[];
  opacity: Opacity;
  /** Which side of the change holds it. */
  sides: { old: boolean; new: boolean };
}

/** The name of a scope: `scopes-added` and `scopes-removed` compare these (in the first auth pattern). */
const SCOPE_NAME: readonly (PathSegment | "*")[] = ["auth_patterns", 0, "oauth_config", "available_scopes", "*", "scope"];

/** Whether `path` is `pattern` or holds it (a prefix): the value there can change what is at `pattern`. */
function holds(path: PathSegment[], pattern: readonly (PathSegment | "*")[]): boolean {
  return path.length <= pattern.length && path.every((seg, i) => pattern[i] === "*" || pattern[i] === seg);
}

/** Whether a value of this schema could hold a key or an enumeration value this version does not know. */
function canHoldUnknownKeys(schema: z.ZodTypeAny): boolean {
  const s = unwrap(schema);
  if (OPEN_ENUM_VALUES.has(s) || s instanceof z.ZodObject) return true;
  if (s instanceof z.ZodArray) return canHoldUnknownKeys(s.element);
  if (s instanceof z.ZodRecord) return canHoldUnknownKeys(s.valueSchema);
  return false;
}

/** The schema at `path`; undefined where the path leaves it (a key it does not know is reported by name anyway). */
function schemaAt(path: PathSegment[]): z.ZodTypeAny | undefined {
  let s: z.ZodTypeAny = definitionSchema;
  for (const seg of path) {
    const u = unwrap(s);
    if (u instanceof z.ZodArray && typeof seg === "number") s = u.element;
    else if (u instanceof z.ZodRecord) s = u.valueSchema;
    else if (u instanceof z.ZodObject && typeof seg === "string" && seg in u.shape) s = (u.shape as z.ZodRawShape)[seg];
    else return undefined;
  }
  return s;
}

export function kindsItMightTrigger(value: OpaquePath, action: Action): FlagKind[] {
  const { path, sides } = value;
  const whole = path.length === 0;
  const changes = action === "update" || action === "replace";
  const kinds: FlagKind[] = [];
  if (changes && (whole || (path.length === 1 && path[0] === "display_name"))) kinds.push("rename");
  if (action === "update" && (whole || (path[0] === "auth_patterns" && !COSMETIC_KEYS.has(String(path[path.length - 1]))))) {
    kinds.push("auth-changed");
  }
  if (changes && holds(path, SCOPE_NAME)) kinds.push("scopes-added", "scopes-removed");
  if (sides.new && (whole || (path.length === 1 && path[0] === "proxy_enabled"))) kinds.push("proxy-disabled");
  if (sides.new) {
    const schema = schemaAt(path);
    if (schema && canHoldUnknownKeys(schema)) kinds.push("unknown-keys");
  }
  return kinds;
}
