import { z } from "zod";
import { LIMITS } from "./limits";

/**
 * THE description of a custom-provider definition, in the API's snake_case. Everything else is
 * derived from it: the snake_case and camelCase types (types.ts, camel-types.ts), the key lists
 * (keys.ts), the user-keyed maps that case conversion leaves alone (case.ts), the typo and
 * unknown-key checks (open-keys.ts) and the resource's args (dynamic/resource.ts).
 * Adding a key Scalekit documents is one line in the object it belongs to.
 *
 * The top level is strict: grpc-gateway drops unknown top-level fields silently, so a typo there
 * would be lost. Auth patterns and everything inside them are open (free-form JSON on the server,
 * sdk 2.21): unknown keys pass through and are reported as warnings, near misses as errors.
 * Rules that relate several keys live in rules.ts, where unknown preview values can be skipped.
 */

/** Auth types authored for custom providers (sdk 2.21 lists four; BASIC comes from the docs and the Java SDK). */
export const AUTH_TYPES = ["OAUTH", "BASIC", "BEARER", "API_KEY", "NO_AUTH"] as const;
/** Known input types; the set "may grow" (sdk 2.21), so other values pass through with a warning. */
export const INPUT_TYPES = ["text", "password", "select", "textarea"] as const;

/** `what` is also the key's description (the plugin's schema, and so every generated SDK, shows it). */
const str = (what: string) => z.string({ invalid_type_error: `must be a string (${what})` }).describe(what);
const bool = (what: string) => z.boolean({ invalid_type_error: "must be true or false" }).describe(what);
const list = <T extends z.ZodTypeAny>(item: T, what: string) =>
  z.array(item, { invalid_type_error: `must be a list of ${what}` });

/** Values of a vocabulary the server owns: the known ones for open-keys.ts to check near misses against. */
export const OPEN_ENUM_VALUES = new WeakMap<z.ZodTypeAny, readonly string[]>();

/** A string typed as one of `values` for authors' completion, yet accepting any other string. */
function openEnum<T extends string>(
  values: readonly T[],
  what: string,
): z.ZodType<T | (string & {}), z.ZodTypeDef, T | (string & {})> {
  const schema = str(what);
  OPEN_ENUM_VALUES.set(schema, values);
  return schema as unknown as z.ZodType<T | (string & {}), z.ZodTypeDef, T | (string & {})>;
}

/** An object of the free-form part: unknown keys are kept. */
const open = <S extends z.ZodRawShape>(shape: S) => z.object(shape).passthrough();

export const optionSchema = open({
  value: str("the value stored when this choice is selected"),
  display_name: str("the label shown in the dropdown").optional(),
  description: str("helper text").optional(),
  default: bool("whether this choice is preselected").optional(),
});

export const fieldSchema = open({
  field_name: str("the stored key, e.g. api_key, token, username, domain").min(1, "must not be empty"),
  label: str("the label shown to the user").optional(),
  input_type: openEnum(INPUT_TYPES, `one of ${INPUT_TYPES.join(", ")}`).optional(),
  hint: str("a hint shown to the user").optional(),
  required: bool("whether the user must fill the field in").optional(),
  options: list(optionSchema, "options {value, display_name, description, default}")
    .describe("the choices of a select field")
    .optional(),
  is_path_param: bool("the field fills a {{placeholder}} of the same name in proxy_url").optional(),
  header_name: str("an HTTP header name, e.g. X-Api-Key").optional(),
});

export const scopeSchema = open({
  scope: str("the OAuth scope value").min(1, "must not be empty"),
  display_name: str("a label").optional(),
  description: str("a description").optional(),
  required: bool("whether the scope is always requested").optional(),
});

export const oauthConfigSchema = open({
  authorize_uri: str("the provider's authorization endpoint").optional(),
  token_uri: str("the provider's token endpoint").optional(),
  user_info_uri: str("the provider's user-info endpoint").optional(),
  available_scopes: list(scopeSchema, "scopes").describe("the scopes a connection may ask for").optional(),
  pkce_enabled: bool("use PKCE in the authorization flow").optional(),
  allow_use_scalekit_credentials: bool("let connections use Scalekit's own OAuth app credentials").optional(),
  custom_scope_name: str("a custom scope parameter name").optional(),
});

export const fieldMutationSchema = open({
  prefix: str("text put before the value").optional(),
  suffix: str("text put after the value").optional(),
  default: str("the value used when none is given").optional(),
});

export const authPatternSchema = open({
  type: openEnum(AUTH_TYPES, `one of ${AUTH_TYPES.join(", ")}`),
  display_name: str("a label shown to the user").optional(),
  description: str("a description shown to the user").optional(),
  fields: list(fieldSchema, "fields")
    .describe("inputs shown when a connection is set up; the credential itself for BASIC, BEARER and API_KEY")
    .optional(),
  account_fields: list(fieldSchema, "fields")
    .describe("inputs per connected account, such as a workspace or subdomain")
    .optional(),
  // Described on the wrapper: describe() copies a schema, and the nested objects are known by identity (NESTED_OBJECTS).
  oauth_config: oauthConfigSchema.optional().describe("required for OAUTH; omitted otherwise"),
  is_mcp: bool("the upstream is an MCP server, and proxy_url is its URL").optional(),
  auth_header_key_override: str("an HTTP header name, e.g. x-api-key").optional(),
  auth_field_mutations: z
    .record(fieldMutationSchema, { invalid_type_error: "must map a credential field name to {prefix, suffix, default}" })
    .describe(
      "per credential field (api_key, token, username, password): default, then prefix, then suffix, applied before the header is formatted",
    )
    .optional(),
  allowed_proxy_domains: list(str("a domain name"), "domain names")
    .describe("domains this connector's proxied requests may be routed to; empty: no restriction beyond proxy_url")
    .optional(),
});

const patternCount =
  LIMITS.authPatternsPerProvider === 1 ? "exactly one auth pattern" : `1-${LIMITS.authPatternsPerProvider} auth patterns`;

export const definitionSchema = z
  .object({
    display_name: str("letters, digits and spaces")
      .min(1, 'is required: 1-200 letters, digits and spaces, e.g. "My Asana"')
      .max(LIMITS.displayNameMax, `must be at most ${LIMITS.displayNameMax} characters`)
      .refine((v) => v === "" || LIMITS.displayNamePattern.test(v), {
        message:
          'may contain only letters, digits and spaces, with at least one letter or digit (no hyphens, underscores or dots), e.g. "My Asana"',
      }),
    description: str("free text").optional(),
    auth_patterns: z
      .array(authPatternSchema, {
        required_error: `is required: ${patternCount}, e.g. [{type: "BEARER", fields: [...]}]`,
        invalid_type_error: `must be a list holding ${patternCount}`,
      })
      .min(1, `must hold ${patternCount}`)
      .max(LIMITS.authPatternsPerProvider, `must hold ${patternCount} (what Scalekit's create and update support today)`),
    proxy_url: str("the upstream base URL")
      .min(1, "is required: the https:// base URL that tool calls are proxied to")
      .max(LIMITS.urlMax, `must be at most ${LIMITS.urlMax} characters`)
      .refine((v) => v === "" || v.startsWith("https://"), {
        message: "must start with https:// (placeholders such as https://{{domain}}/api are allowed)",
      }),
    proxy_enabled: bool("route tool calls through Scalekit's proxy").optional(),
    icon_src: str("an icon image URL, or empty")
      .max(LIMITS.urlMax, `must be at most ${LIMITS.urlMax} characters`)
      .refine((v) => v === "" || /^https:\/\/[^\s/]+/.test(v), {
        message: "must be an https:// URL (an icon image URL, or empty)",
      })
      .optional(),
    metadata: z
      .record(
        z
          .string({ invalid_type_error: "must be a string" })
          .min(LIMITS.metadataValueMin, `must be ${LIMITS.metadataValueMin}-${LIMITS.metadataValueMax} characters`)
          .max(LIMITS.metadataValueMax, `must be ${LIMITS.metadataValueMin}-${LIMITS.metadataValueMax} characters`),
        { invalid_type_error: "must map strings to strings" },
      )
      .optional(),
  })
  .strict();

/**
 * The definition's nested objects, named once: in prose for the docs' tables ("auth pattern"), and as
 * the type names of the native plugin's schema (`scalekit:index:AuthPattern`), hence of every SDK.
 */
export const NESTED_OBJECTS: readonly { schema: z.ZodTypeAny; prose: string; type: string }[] = [
  { schema: authPatternSchema, prose: "auth pattern", type: "AuthPattern" },
  { schema: fieldSchema, prose: "field", type: "Field" },
  { schema: optionSchema, prose: "option", type: "FieldOption" },
  { schema: oauthConfigSchema, prose: "OAuth config", type: "OAuthConfig" },
  { schema: scopeSchema, prose: "scope", type: "Scope" },
  { schema: fieldMutationSchema, prose: "mutation", type: "FieldMutation" },
];
