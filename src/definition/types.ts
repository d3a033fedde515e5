/**
 * The custom-provider definition in the Scalekit API's own shape (snake_case), as its docs print it.
 * This is the canonical form inside the library: camelCase resource inputs are converted to it before
 * validation, payload building and diffing.
 */

export const AUTH_TYPES = ["OAUTH", "BASIC", "BEARER", "API_KEY", "NO_AUTH"] as const;
export type AuthType = (typeof AUTH_TYPES)[number];

export const INPUT_TYPES = ["text", "password", "select"] as const;
export type InputType = (typeof INPUT_TYPES)[number];

export interface ApiField {
  field_name: string;
  label?: string;
  input_type?: InputType | "";
  hint?: string;
  required?: boolean;
  is_path_param?: boolean;
  /** The shape of `select` options is undocumented: passed through untouched. */
  options?: unknown;
}

export interface ApiScope {
  scope: string;
  display_name?: string;
  description?: string;
  required?: boolean;
}

export interface ApiOAuthConfig {
  authorize_uri?: string;
  token_uri?: string;
  user_info_uri?: string;
  available_scopes?: ApiScope[];
  pkce_enabled?: boolean;
  allow_use_scalekit_credentials?: boolean;
  custom_scope_name?: string;
}

export interface ApiFieldMutation {
  prefix?: string;
  suffix?: string;
  default?: string;
}

export interface ApiAuthPattern {
  type: AuthType;
  display_name?: string;
  description?: string;
  fields?: ApiField[];
  account_fields?: ApiField[];
  oauth_config?: ApiOAuthConfig;
  is_mcp?: boolean;
  auth_header_key_override?: string;
  auth_field_mutations?: Record<string, ApiFieldMutation>;
}

export interface ApiDefinition {
  display_name: string;
  description?: string;
  auth_patterns: ApiAuthPattern[];
  proxy_url: string;
  proxy_enabled?: boolean;
  icon_src?: string;
  metadata?: Record<string, string>;
}

/** A provider as the API returns it: the definition plus server-owned fields. */
export interface ApiProvider extends ApiDefinition {
  id: string;
  identifier: string;
  is_custom?: boolean;
  is_custom_mcp?: boolean;
  categories?: unknown[];
  display_priority?: number;
  coming_soon?: boolean;
}

/** The top-level keys of a definition: everything else in a provider object is server-owned. */
export const DEFINITION_KEYS = [
  "display_name",
  "description",
  "auth_patterns",
  "proxy_url",
  "proxy_enabled",
  "icon_src",
  "metadata",
] as const;
