import { z } from "zod";
import { LIMITS, HEADER_NAME } from "./limits";
import { AUTH_TYPES, INPUT_TYPES } from "./types";

/**
 * The shape of a definition and the per-value server rules, in the API's snake_case.
 * Rules that relate several keys live in rules.ts, where unknown preview values can be skipped.
 * Objects are strict: the server silently drops unknown keys, so a typo would otherwise be lost.
 */

const str = (what: string) => z.string({ invalid_type_error: `must be a string (${what})` });
const bool = () => z.boolean({ invalid_type_error: "must be true or false" });

const httpsUrl = (what: string) =>
  str(what)
    .max(LIMITS.urlMax, `must be at most ${LIMITS.urlMax} characters`)
    .refine((v) => v === "" || /^https:\/\/[^\s/]+/.test(v), {
      message: `must be an https:// URL (${what})`,
    });

export const fieldSchema = z
  .object({
    field_name: str("the stored key, e.g. api_key, token, username, domain").min(1, "must not be empty"),
    label: str("the label shown to the user").optional(),
    input_type: z
      .enum(["", ...INPUT_TYPES], { errorMap: () => ({ message: `must be one of ${INPUT_TYPES.join(", ")}` }) })
      .optional(),
    hint: str("a hint shown to the user").optional(),
    required: bool().optional(),
    is_path_param: bool().optional(),
    options: z.unknown().optional(),
  })
  .strict();

export const scopeSchema = z
  .object({
    scope: str("the OAuth scope value").min(1, "must not be empty"),
    display_name: str("a label").optional(),
    description: str("a description").optional(),
    required: bool().optional(),
  })
  .strict();

export const oauthConfigSchema = z
  .object({
    authorize_uri: httpsUrl("the provider's authorization endpoint").optional(),
    token_uri: httpsUrl("the provider's token endpoint").optional(),
    user_info_uri: httpsUrl("the provider's user-info endpoint").optional(),
    available_scopes: z.array(scopeSchema, { invalid_type_error: "must be a list of scopes" }).optional(),
    pkce_enabled: bool().optional(),
    allow_use_scalekit_credentials: bool().optional(),
    custom_scope_name: str("a custom scope parameter name").optional(),
  })
  .strict();

export const fieldMutationSchema = z
  .object({
    prefix: str("text put before the value").optional(),
    suffix: str("text put after the value").optional(),
    default: str("the value used when none is given").optional(),
  })
  .strict();

export const authPatternSchema = z
  .object({
    type: z.enum(AUTH_TYPES, {
      errorMap: () => ({ message: `must be one of ${AUTH_TYPES.join(", ")}` }),
    }),
    display_name: str("a label shown to the user").optional(),
    description: str("a description shown to the user").optional(),
    fields: z.array(fieldSchema, { invalid_type_error: "must be a list of fields" }).optional(),
    account_fields: z.array(fieldSchema, { invalid_type_error: "must be a list of fields" }).optional(),
    oauth_config: oauthConfigSchema.optional(),
    is_mcp: bool().optional(),
    auth_header_key_override: str("an HTTP header name, e.g. x-api-key")
      .refine((v) => v === "" || HEADER_NAME.test(v), {
        message: "must be an HTTP header name such as x-api-key (letters, digits and -)",
      })
      .optional(),
    auth_field_mutations: z
      .record(fieldMutationSchema, { invalid_type_error: "must map a credential field name to {prefix, suffix, default}" })
      .optional(),
  })
  .strict();

export const definitionSchema = z
  .object({
    display_name: str("letters, digits and spaces")
      .min(1, "is required: 1-200 letters, digits and spaces, e.g. \"My Asana\"")
      .max(LIMITS.displayNameMax, `must be at most ${LIMITS.displayNameMax} characters`)
      .refine((v) => v === "" || LIMITS.displayNamePattern.test(v), {
        message:
          "may contain only letters, digits and spaces, with at least one letter or digit (no hyphens, underscores or dots), e.g. \"My Asana\"",
      }),
    description: str("free text").optional(),
    auth_patterns: z
      .array(authPatternSchema, {
        required_error: "is required: exactly one auth pattern, e.g. [{type: \"BEARER\", fields: [...]}]",
        invalid_type_error: "must be a list holding exactly one auth pattern",
      })
      .length(LIMITS.authPatternsExactly, "must hold exactly one auth pattern (Scalekit supports one per provider)"),
    proxy_url: str("the upstream base URL")
      .min(1, "is required: the https:// base URL that tool calls are proxied to")
      .max(LIMITS.urlMax, `must be at most ${LIMITS.urlMax} characters`)
      .refine((v) => v === "" || v.startsWith("https://"), {
        message: "must start with https:// (placeholders such as https://{{domain}}/api are allowed)",
      }),
    proxy_enabled: bool().optional(),
    icon_src: httpsUrl("an icon image URL, or empty").optional(),
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
