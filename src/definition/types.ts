import type { z } from "zod";
import type {
  authPatternSchema,
  definitionSchema,
  fieldMutationSchema,
  fieldSchema,
  oauthConfigSchema,
  optionSchema,
  scopeSchema,
} from "./schema";
import { AUTH_TYPES, INPUT_TYPES } from "./schema";

/**
 * The custom-provider definition in the Scalekit API's own shape (snake_case), as its docs print it:
 * derived from schema.ts, never written out by hand. This is the canonical form inside the library:
 * camelCase resource inputs are converted to it before validation, payload building and diffing.
 * Auth patterns and everything inside them carry an index signature: keys this version does not
 * know are kept (the server stores patterns as free-form JSON).
 */

export { AUTH_TYPES, INPUT_TYPES };
export type AuthType = (typeof AUTH_TYPES)[number];
export type InputType = (typeof INPUT_TYPES)[number];

export type ApiDefinition = z.input<typeof definitionSchema>;
export type ApiAuthPattern = z.input<typeof authPatternSchema>;
export type ApiField = z.input<typeof fieldSchema>;
export type ApiFieldOption = z.input<typeof optionSchema>;
export type ApiScope = z.input<typeof scopeSchema>;
export type ApiOAuthConfig = z.input<typeof oauthConfigSchema>;
export type ApiFieldMutation = z.input<typeof fieldMutationSchema>;

/** A provider as the API returns it: the definition plus server-owned fields (any others are ignored). */
export type ApiProvider = ApiDefinition & {
  id: string;
  identifier: string;
  is_custom?: boolean;
  is_custom_mcp?: boolean;
  categories?: unknown[];
  display_priority?: number;
  coming_soon?: boolean;
};
