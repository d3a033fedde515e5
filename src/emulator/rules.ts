/**
 * The server's validation of a decoded definition. Every violation is reported, in field order.
 * Constraint ids follow buf.validate (`required`, `string.pattern`, ...) where the proto has a
 * standard rule; the cross-key rules carry emulator-chosen ids (the real ids are not documented).
 */
import type { DecodedAuthPattern, Definition, FieldObject, FieldViolation } from './types';

export const DISPLAY_NAME_PATTERN = /^[a-zA-Z0-9 ]*[a-zA-Z0-9][a-zA-Z0-9 ]*$/;
export const AUTH_TYPES = ['OAUTH', 'BASIC', 'BEARER', 'API_KEY', 'NO_AUTH'] as const;
export const INPUT_TYPES = ['text', 'password', 'select'] as const;
/** Placeholders that need a field of that name, path parameter or not. */
export const BUILTIN_PLACEHOLDERS = ['domain', 'version'] as const;

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
  if (name === '') {
    out.push(v('display_name', 'value is required', 'required'));
    return;
  }
  if (len(name) > DISPLAY_NAME_MAX) {
    out.push(v('display_name', `value length must be at most ${DISPLAY_NAME_MAX} characters`, 'string.max_len'));
  }
  if (!DISPLAY_NAME_PATTERN.test(name)) {
    out.push(v('display_name', `value does not match regex pattern \`${DISPLAY_NAME_PATTERN.source}\``, 'string.pattern'));
  }
}

function checkField(f: FieldObject, path: string, seen: Set<string>, out: FieldViolation[]): void {
  if (f.field_name === '') {
    out.push(v(`${path}.field_name`, 'value is required', 'required'));
  } else if (seen.has(f.field_name)) {
    out.push(v(`${path}.field_name`, `duplicate field_name "${f.field_name}": field names must be unique within an auth pattern`, 'auth_pattern.unique_field_names'));
  } else {
    seen.add(f.field_name);
  }
  if (f.input_type !== '' && !(INPUT_TYPES as readonly string[]).includes(f.input_type)) {
    out.push(v(`${path}.input_type`, `value must be in list [${INPUT_TYPES.join(', ')}]`, 'string.in'));
  }
}

function checkPattern(p: DecodedAuthPattern, path: string, out: FieldViolation[]): void {
  const known = (AUTH_TYPES as readonly string[]).includes(p.type);
  if (p.type === '') {
    out.push(v(`${path}.type`, 'value is required', 'required'));
  } else if (!known) {
    out.push(v(`${path}.type`, `value must be one of [${AUTH_TYPES.join(', ')}]`, 'enum.in'));
  }
  if (known) {
    if (p.type === 'OAUTH') {
      if (p.oauth_config === undefined) {
        out.push(v(`${path}.oauth_config`, 'oauth_config is required when type is OAUTH', 'auth_pattern.oauth_config_required'));
      }
      if (p.fields.length > 0) {
        out.push(v(`${path}.fields`, 'fields must be empty when type is OAUTH (use account_fields for per-account inputs)', 'auth_pattern.oauth_fields_empty'));
      }
    } else if (p.oauth_config !== undefined) {
      out.push(v(`${path}.oauth_config`, 'oauth_config is only allowed when type is OAUTH', 'auth_pattern.oauth_config_only_for_oauth'));
    }
    if (p.type === 'NO_AUTH') {
      if (!p.is_mcp) {
        out.push(v(`${path}.is_mcp`, 'NO_AUTH is only allowed for MCP servers: is_mcp must be true', 'auth_pattern.no_auth_requires_mcp'));
      }
      if (p.fields.length > 0) {
        out.push(v(`${path}.fields`, 'fields must be empty when type is NO_AUTH', 'auth_pattern.no_auth_fields_empty'));
      }
    }
  }
  const seen = new Set<string>();
  p.fields.forEach((f, i) => checkField(f, `${path}.fields[${i}]`, seen, out));
  p.account_fields.forEach((f, i) => checkField(f, `${path}.account_fields[${i}]`, seen, out));
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
  if (url === '') {
    out.push(v('proxy_url', 'value is required', 'required'));
    return;
  }
  if (len(url) > URL_MAX) out.push(v('proxy_url', `value length must be at most ${URL_MAX} characters`, 'string.max_len'));
  if (!url.startsWith('https://')) out.push(v('proxy_url', 'value does not have prefix `https://`', 'string.prefix'));
  const fields = def.auth_patterns.flatMap((p) => [...p.fields, ...p.account_fields]);
  for (const name of placeholders(url)) {
    const builtin = (BUILTIN_PLACEHOLDERS as readonly string[]).includes(name);
    const ok = fields.some((f) => f.field_name === name && (builtin || f.is_path_param));
    if (!ok) {
      const need = builtin ? `a field named "${name}"` : `a field named "${name}" with is_path_param true`;
      out.push(v('proxy_url', `placeholder {{${name}}} has no matching field: it needs ${need}`, 'proxy_url.placeholders'));
    }
  }
}

function checkIconSrc(icon: string, out: FieldViolation[]): void {
  if (icon === '') return;
  if (len(icon) > URL_MAX) out.push(v('icon_src', `value length must be at most ${URL_MAX} characters`, 'string.max_len'));
  if (!icon.startsWith('https://')) out.push(v('icon_src', 'value does not have prefix `https://`', 'string.prefix'));
}

function checkMetadata(metadata: Record<string, string>, out: FieldViolation[]): void {
  const entries = Object.entries(metadata);
  if (entries.length > METADATA_MAX_PAIRS) {
    out.push(v('metadata', `map must be at most ${METADATA_MAX_PAIRS} entries`, 'map.max_pairs'));
  }
  for (const [key, value] of entries) {
    const path = `metadata["${key}"]`;
    if (len(key) < METADATA_KEY_MIN) out.push(v(path, `map key length must be at least ${METADATA_KEY_MIN} characters`, 'string.min_len'));
    if (len(key) > METADATA_KEY_MAX) out.push(v(path, `map key length must be at most ${METADATA_KEY_MAX} characters`, 'string.max_len'));
    if (len(value) < METADATA_VALUE_MIN) out.push(v(path, `value length must be at least ${METADATA_VALUE_MIN} characters`, 'string.min_len'));
    if (len(value) > METADATA_VALUE_MAX) out.push(v(path, `value length must be at most ${METADATA_VALUE_MAX} characters`, 'string.max_len'));
  }
}

/** Every rule the server enforces on a definition; [] when the definition is valid. */
export function validateDefinition(def: Definition): FieldViolation[] {
  const out: FieldViolation[] = [];
  checkDisplayName(def.display_name, out);
  if (def.auth_patterns.length === 0) {
    out.push(v('auth_patterns', 'value must contain at least 1 item(s)', 'repeated.min_items'));
  } else if (def.auth_patterns.length > 1) {
    out.push(v('auth_patterns', 'value must contain no more than 1 item(s)', 'repeated.max_items'));
  }
  def.auth_patterns.forEach((p, i) => checkPattern(p, `auth_patterns[${i}]`, out));
  checkProxyUrl(def, out);
  checkIconSrc(def.icon_src, out);
  checkMetadata(def.metadata, out);
  return out;
}

/** The key two providers clash on: the display name uppercased, letters and digits only. */
export function deriveKey(displayName: string): string {
  return displayName.toUpperCase().replace(/[^A-Z0-9]/g, '');
}
