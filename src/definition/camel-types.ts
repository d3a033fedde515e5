import type { AuthType, InputType } from "./types";

/**
 * The same definition with camelCase keys, as Pulumi users expect of resource inputs.
 * Map keys (metadata keys, the credential-field names in authFieldMutations) are user data and keep
 * their spelling.
 */

export interface Field {
  fieldName: string;
  label?: string;
  inputType?: InputType | "";
  hint?: string;
  required?: boolean;
  isPathParam?: boolean;
  options?: unknown;
}

export interface Scope {
  scope: string;
  displayName?: string;
  description?: string;
  required?: boolean;
}

export interface OAuthConfig {
  authorizeUri?: string;
  tokenUri?: string;
  userInfoUri?: string;
  availableScopes?: Scope[];
  pkceEnabled?: boolean;
  allowUseScalekitCredentials?: boolean;
  customScopeName?: string;
}

export interface FieldMutation {
  prefix?: string;
  suffix?: string;
  default?: string;
}

export interface AuthPattern {
  type: AuthType;
  displayName?: string;
  description?: string;
  fields?: Field[];
  accountFields?: Field[];
  oauthConfig?: OAuthConfig;
  isMcp?: boolean;
  authHeaderKeyOverride?: string;
  authFieldMutations?: Record<string, FieldMutation>;
}

export interface Definition {
  displayName: string;
  description?: string;
  authPatterns: AuthPattern[];
  proxyUrl: string;
  proxyEnabled?: boolean;
  iconSrc?: string;
  metadata?: Record<string, string>;
}
