import type { ApiAuthPattern, ApiDefinition, ApiField, ApiOAuthConfig, ApiScope } from "./types";
import { DEFINITION_KEYS } from "./types";

/**
 * The canonical form of a definition: every optional key filled with the empty default the server
 * reports (grpc-gateway emits "", [], {}, false), so that a declaration and the server's copy of it
 * compare equal when they mean the same thing.
 */

/** We default proxy_enabled to true: Scalekit's docs call it mandatory, and tool calling needs it. */
export const DEFAULT_PROXY_ENABLED = true;

const s = (v: unknown) => (typeof v === "string" ? v : "");
const b = (v: unknown) => v === true;

function field(f: ApiField): ApiField {
  const out: ApiField = {
    field_name: s(f.field_name),
    label: s(f.label),
    input_type: s(f.input_type) as ApiField["input_type"],
    hint: s(f.hint),
    required: b(f.required),
    is_path_param: b(f.is_path_param),
  };
  if (f.options !== undefined && f.options !== null) out.options = f.options;
  return out;
}

function scope(sc: ApiScope): ApiScope {
  return { scope: s(sc.scope), display_name: s(sc.display_name), description: s(sc.description), required: b(sc.required) };
}

function oauth(c: ApiOAuthConfig): ApiOAuthConfig {
  return {
    authorize_uri: s(c.authorize_uri),
    token_uri: s(c.token_uri),
    user_info_uri: s(c.user_info_uri),
    available_scopes: (c.available_scopes ?? []).map(scope),
    pkce_enabled: b(c.pkce_enabled),
    allow_use_scalekit_credentials: b(c.allow_use_scalekit_credentials),
    custom_scope_name: s(c.custom_scope_name),
  };
}

function pattern(p: ApiAuthPattern): ApiAuthPattern {
  const mutations: Record<string, { prefix: string; suffix: string; default: string }> = {};
  for (const [key, m] of Object.entries(p.auth_field_mutations ?? {})) {
    const norm = { prefix: s(m?.prefix), suffix: s(m?.suffix), default: s(m?.default) };
    if (norm.prefix || norm.suffix || norm.default) mutations[key] = norm;
  }
  const out: ApiAuthPattern = {
    type: p.type,
    display_name: s(p.display_name),
    description: s(p.description),
    fields: (p.fields ?? []).map(field),
    account_fields: (p.account_fields ?? []).map(field),
    is_mcp: b(p.is_mcp),
    auth_header_key_override: s(p.auth_header_key_override),
    auth_field_mutations: mutations,
  };
  // The server may echo an empty oauth_config on other types; it only means something for OAUTH.
  if (p.type === "OAUTH") out.oauth_config = oauth(p.oauth_config ?? {});
  return out;
}

export function canonicalDefinition(def: ApiDefinition): Required<ApiDefinition> {
  return {
    display_name: s(def.display_name),
    description: s(def.description),
    auth_patterns: (def.auth_patterns ?? []).map(pattern),
    proxy_url: s(def.proxy_url),
    proxy_enabled: typeof def.proxy_enabled === "boolean" ? def.proxy_enabled : DEFAULT_PROXY_ENABLED,
    icon_src: s(def.icon_src),
    metadata: { ...(def.metadata ?? {}) },
  };
}

/** Only the definition's keys of a provider object (drops id, identifier and catalogue fields). */
export function definitionOf(provider: object): ApiDefinition {
  const source = provider as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const key of DEFINITION_KEYS) if (source[key] !== undefined) out[key] = source[key];
  return out as unknown as ApiDefinition;
}

/** JSON with sorted keys: equal for structurally equal values whatever their key order. */
export function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b2]) => (a < b2 ? -1 : a > b2 ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

export function sameDefinition(a: ApiDefinition, b2: ApiDefinition): boolean {
  return stableJson(canonicalDefinition(a)) === stableJson(canonicalDefinition(b2));
}

/** Drops undefined and null members so a payload carries only what was declared. */
export function compact<T>(value: T): T {
  if (Array.isArray(value)) return value.map(compact) as unknown as T;
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      if (v !== undefined && v !== null) out[k] = compact(v);
    }
    return out as T;
  }
  return value;
}

/** The body sent on create and on every update: the complete declared definition. */
export function buildPayload(def: ApiDefinition): ApiDefinition {
  const body = compact(definitionOf(def));
  if (body.proxy_enabled === undefined) body.proxy_enabled = DEFAULT_PROXY_ENABLED;
  return body;
}
