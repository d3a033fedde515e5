/** Server-side limits from Scalekit's protobuf contract (buf.validate rules). */
export const LIMITS = {
  displayNameMax: 200,
  displayNamePattern: /^[a-zA-Z0-9 ]*[a-zA-Z0-9][a-zA-Z0-9 ]*$/,
  urlMax: 2048,
  metadataMaxPairs: 20,
  metadataKeyMin: 3,
  metadataKeyMax: 25,
  metadataValueMin: 1,
  metadataValueMax: 256,
  /**
   * Auth patterns per provider: what create and update support today ("list type is intentional for
   * future multi-pattern support", sdk 2.21). The one place this limit lives in the library.
   */
  authPatternsPerProvider: 1,
} as const;

/** Credential fields that `auth_field_mutations` may address even when they are not declared in `fields`. */
export const CREDENTIAL_FIELDS = ["api_key", "token", "username", "password"] as const;

/** Placeholders that are always allowed in `proxy_url` (each still needs a field of that name). */
export const BUILTIN_PLACEHOLDERS = ["domain", "version"] as const;

/** An HTTP header name (RFC 9110 token). */
export const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
