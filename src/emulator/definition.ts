/**
 * Decoding a request body into a definition, the way protojson would: known fields are type-checked,
 * unknown fields are dropped silently, `null` and absent fields take their empty value.
 * A type mismatch is a decode error (400 without field violations), not a validation violation.
 */
import { invalidArgument, ApiError } from './errors';
import type {
  AuthFieldMutationObject,
  DecodedAuthPattern,
  Definition,
  FieldObject,
  OAuthConfigObject,
  OAuthScopeObject,
} from './types';

type Json = unknown;

function decodeError(path: string, expected: string): ApiError {
  return invalidArgument(`invalid request body: ${path}: expected ${expected}`);
}

function isObject(v: Json): v is Record<string, Json> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function str(obj: Record<string, Json>, key: string, path: string): string {
  const v = obj[key];
  if (v === undefined || v === null) return '';
  if (typeof v !== 'string') throw decodeError(`${path}${key}`, 'a string');
  return v;
}

function bool(obj: Record<string, Json>, key: string, path: string): boolean {
  const v = obj[key];
  if (v === undefined || v === null) return false;
  if (typeof v !== 'boolean') throw decodeError(`${path}${key}`, 'a boolean');
  return v;
}

function arr(obj: Record<string, Json>, key: string, path: string): Json[] {
  const v = obj[key];
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) throw decodeError(`${path}${key}`, 'an array');
  return v;
}

function obj(v: Json, path: string): Record<string, Json> {
  if (!isObject(v)) throw decodeError(path, 'an object');
  return v;
}

function map(o: Record<string, Json>, key: string, path: string): Record<string, Json> {
  const v = o[key];
  if (v === undefined || v === null) return {};
  return obj(v, `${path}${key}`);
}

function decodeField(v: Json, path: string): FieldObject {
  const o = obj(v, path);
  const p = `${path}.`;
  return {
    field_name: str(o, 'field_name', p),
    label: str(o, 'label', p),
    input_type: str(o, 'input_type', p),
    hint: str(o, 'hint', p),
    required: bool(o, 'required', p),
    is_path_param: bool(o, 'is_path_param', p),
  };
}

function decodeScope(v: Json, path: string): OAuthScopeObject {
  const o = obj(v, path);
  const p = `${path}.`;
  return {
    scope: str(o, 'scope', p),
    display_name: str(o, 'display_name', p),
    description: str(o, 'description', p),
    required: bool(o, 'required', p),
  };
}

function decodeOAuthConfig(v: Json, path: string): OAuthConfigObject {
  const o = obj(v, path);
  const p = `${path}.`;
  return {
    authorize_uri: str(o, 'authorize_uri', p),
    token_uri: str(o, 'token_uri', p),
    user_info_uri: str(o, 'user_info_uri', p),
    available_scopes: arr(o, 'available_scopes', p).map((s, i) => decodeScope(s, `${p}available_scopes[${i}]`)),
    pkce_enabled: bool(o, 'pkce_enabled', p),
    allow_use_scalekit_credentials: bool(o, 'allow_use_scalekit_credentials', p),
    custom_scope_name: str(o, 'custom_scope_name', p),
  };
}

function decodeMutations(o: Record<string, Json>, path: string): Record<string, AuthFieldMutationObject> {
  const out: Record<string, AuthFieldMutationObject> = {};
  for (const [k, v] of Object.entries(map(o, 'auth_field_mutations', path))) {
    const mp = `${path}auth_field_mutations["${k}"]`;
    const m = obj(v, mp);
    out[k] = { prefix: str(m, 'prefix', `${mp}.`), suffix: str(m, 'suffix', `${mp}.`), default: str(m, 'default', `${mp}.`) };
  }
  return out;
}

function decodePattern(v: Json, path: string): DecodedAuthPattern {
  const o = obj(v, path);
  const p = `${path}.`;
  const pattern: DecodedAuthPattern = {
    type: str(o, 'type', p),
    display_name: str(o, 'display_name', p),
    description: str(o, 'description', p),
    fields: arr(o, 'fields', p).map((f, i) => decodeField(f, `${p}fields[${i}]`)),
    account_fields: arr(o, 'account_fields', p).map((f, i) => decodeField(f, `${p}account_fields[${i}]`)),
    is_mcp: bool(o, 'is_mcp', p),
    auth_header_key_override: str(o, 'auth_header_key_override', p),
    auth_field_mutations: decodeMutations(o, p),
  };
  if (o.oauth_config !== undefined && o.oauth_config !== null) {
    pattern.oauth_config = decodeOAuthConfig(o.oauth_config, `${p}oauth_config`);
  }
  return pattern;
}

/** Decode a parsed JSON body into a definition; throws an ApiError (400) on a type mismatch. */
export function decodeDefinition(body: Json): Definition {
  const o = obj(body, '(body)');
  const metadata: Record<string, string> = {};
  for (const [k, v] of Object.entries(map(o, 'metadata', ''))) {
    if (typeof v !== 'string') throw decodeError(`metadata["${k}"]`, 'a string');
    metadata[k] = v;
  }
  return {
    display_name: str(o, 'display_name', ''),
    description: str(o, 'description', ''),
    auth_patterns: arr(o, 'auth_patterns', '').map((p, i) => decodePattern(p, `auth_patterns[${i}]`)),
    proxy_url: str(o, 'proxy_url', ''),
    proxy_enabled: bool(o, 'proxy_enabled', ''),
    icon_src: str(o, 'icon_src', ''),
    metadata,
  };
}
