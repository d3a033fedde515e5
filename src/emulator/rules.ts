/**
 * The server's validation of a decoded definition. Every violation is reported, in field order.
 * Only what the contract marks as server rules: display_name, proxy_url (with its placeholders),
 * icon_src, metadata and the number of auth patterns. Inside a pattern the server validates almost
 * nothing (free-form JSON, sdk 2.21), so neither does the emulator: the library's own checks
 * (typos, OAUTH without oauth_config, ...) must never be mistaken for the server's.
 * Constraint ids follow buf.validate (`required`, `string.pattern`, ...) where the proto has a
 * standard rule; the placeholder rule carries an emulator-chosen id (the real one is not documented).
 */
import type { AuthPatternObject, Definition, FieldViolation, JsonValue } from "./types";

export const DISPLAY_NAME_PATTERN = /^[a-zA-Z0-9 ]*[a-zA-Z0-9][a-zA-Z0-9 ]*$/;
/** Placeholders that need a field of that name, path parameter or not. */
export const BUILTIN_PLACEHOLDERS = ["domain", "version"] as const;
/**
 * Auth patterns per provider that create and update accept today ("list type is intentional for
 * future multi-pattern support", sdk 2.21). The library has a constant of the same meaning
 * (LIMITS.authPatternsPerProvider); the emulator imports nothing from the library, so it keeps its own.
 */
export const AUTH_PATTERNS_PER_PROVIDER = 1;

const URL_MAX = 2048;
const DISPLAY_NAME_MAX = 200;
const METADATA_MAX_PAIRS = 20;
const METADATA_KEY_MIN = 3;
const METADATA_KEY_MAX = 25;
const METADATA_VALUE_MIN = 1;
const METADATA_VALUE_MAX = 256;

/** Length in Unicode code points, as buf.validate counts it. */
function len(s: string): number {
  return [...s].length;
}

function v(field: string, description: string, constraint: string): FieldViolation {
  return { field, description, constraint };
}

function checkDisplayName(name: string, out: FieldViolation[]): void {
  if (name === "") {
    out.push(v("display_name", "value is required", "required"));
    return;
  }
  if (len(name) > DISPLAY_NAME_MAX) {
    out.push(v("display_name", `value length must be at most ${DISPLAY_NAME_MAX} characters`, "string.max_len"));
  }
  if (!DISPLAY_NAME_PATTERN.test(name)) {
    out.push(v("display_name", `value does not match regex pattern \`${DISPLAY_NAME_PATTERN.source}\``, "string.pattern"));
  }
}

/** The fields a pattern declares, read from free-form JSON: anything that is not a field is ignored. */
function fieldsOf(p: AuthPatternObject): { name: string; pathParam: boolean }[] {
  const out: { name: string; pathParam: boolean }[] = [];
  for (const key of ["fields", "account_fields"]) {
    const list: JsonValue = p[key] ?? [];
    if (!Array.isArray(list)) continue;
    for (const f of list) {
      if (f !== null && typeof f === "object" && !Array.isArray(f) && typeof f.field_name === "string") {
        out.push({ name: f.field_name, pathParam: f.is_path_param === true });
      }
    }
  }
  return out;
}

/** The `{{name}}` placeholders of a URL, in order, without duplicates. */
export function placeholders(url: string): string[] {
  const names: string[] = [];
  for (const m of url.matchAll(/\{\{([^{}]*)\}\}/g)) {
    if (!names.includes(m[1])) names.push(m[1]);
  }
  return names;
}

function checkProxyUrl(def: Definition, out: FieldViolation[]): void {
  const url = def.proxy_url;
  if (url === "") {
    out.push(v("proxy_url", "value is required", "required"));
    return;
  }
  if (len(url) > URL_MAX) out.push(v("proxy_url", `value length must be at most ${URL_MAX} characters`, "string.max_len"));
  if (!url.startsWith("https://")) out.push(v("proxy_url", "value does not have prefix `https://`", "string.prefix"));
  const fields = def.auth_patterns.flatMap(fieldsOf);
  for (const name of placeholders(url)) {
    const builtin = (BUILTIN_PLACEHOLDERS as readonly string[]).includes(name);
    const ok = fields.some((f) => f.name === name && (builtin || f.pathParam));
    if (!ok) {
      const need = builtin ? `a field named "${name}"` : `a field named "${name}" with is_path_param true`;
      out.push(v("proxy_url", `placeholder {{${name}}} has no matching field: it needs ${need}`, "proxy_url.placeholders"));
    }
  }
}

function checkIconSrc(icon: string, out: FieldViolation[]): void {
  if (icon === "") return;
  if (len(icon) > URL_MAX) out.push(v("icon_src", `value length must be at most ${URL_MAX} characters`, "string.max_len"));
  if (!icon.startsWith("https://")) out.push(v("icon_src", "value does not have prefix `https://`", "string.prefix"));
}

function checkMetadata(metadata: Record<string, string>, out: FieldViolation[]): void {
  const entries = Object.entries(metadata);
  if (entries.length > METADATA_MAX_PAIRS) {
    out.push(v("metadata", `map must be at most ${METADATA_MAX_PAIRS} entries`, "map.max_pairs"));
  }
  for (const [key, value] of entries) {
    const path = `metadata["${key}"]`;
    if (len(key) < METADATA_KEY_MIN)
      out.push(v(path, `map key length must be at least ${METADATA_KEY_MIN} characters`, "string.min_len"));
    if (len(key) > METADATA_KEY_MAX)
      out.push(v(path, `map key length must be at most ${METADATA_KEY_MAX} characters`, "string.max_len"));
    if (len(value) < METADATA_VALUE_MIN)
      out.push(v(path, `value length must be at least ${METADATA_VALUE_MIN} characters`, "string.min_len"));
    if (len(value) > METADATA_VALUE_MAX)
      out.push(v(path, `value length must be at most ${METADATA_VALUE_MAX} characters`, "string.max_len"));
  }
}

/** Every rule the server enforces on a definition; [] when the definition is valid. */
export function validateDefinition(def: Definition): FieldViolation[] {
  const out: FieldViolation[] = [];
  checkDisplayName(def.display_name, out);
  if (def.auth_patterns.length === 0) {
    out.push(v("auth_patterns", "value must contain at least 1 item(s)", "repeated.min_items"));
  } else if (def.auth_patterns.length > AUTH_PATTERNS_PER_PROVIDER) {
    out.push(v("auth_patterns", `value must contain no more than ${AUTH_PATTERNS_PER_PROVIDER} item(s)`, "repeated.max_items"));
  }
  checkProxyUrl(def, out);
  checkIconSrc(def.icon_src, out);
  checkMetadata(def.metadata, out);
  return out;
}

/** The key two providers clash on: the display name uppercased, letters and digits only. */
export function deriveKey(displayName: string): string {
  return displayName.toUpperCase().replace(/[^A-Z0-9]/g, "");
}
