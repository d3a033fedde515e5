import type {
  ApiAuthPattern,
  ApiDefinition,
  ApiField,
  ApiFieldMutation,
  ApiFieldOption,
  ApiOAuthConfig,
  ApiScope,
} from "./types";

/**
 * The same definition with camelCase keys, as Pulumi users expect of resource inputs: the snake_case
 * types with every key renamed by rule (`allowed_proxy_domains` -> `allowedProxyDomains`), so that
 * the camelCase shape can never drift from the API's. Map keys (metadata keys, the credential-field
 * names in authFieldMutations) are user data: a `Record<string, …>` keeps its keys under the rule.
 */

export type SnakeToCamel<S extends string> = S extends `${infer Head}_${infer Tail}`
  ? `${Head}${Capitalize<SnakeToCamel<Tail>>}`
  : S;

export type CamelCased<T> = T extends string | number | boolean | null | undefined
  ? T
  : T extends readonly (infer E)[]
    ? CamelCased<E>[]
    : T extends object
      ? { [K in keyof T as K extends string ? SnakeToCamel<K> : K]: CamelCased<T[K]> }
      : T;

export type Definition = CamelCased<ApiDefinition>;
export type AuthPattern = CamelCased<ApiAuthPattern>;
export type Field = CamelCased<ApiField>;
export type FieldOption = CamelCased<ApiFieldOption>;
export type Scope = CamelCased<ApiScope>;
export type OAuthConfig = CamelCased<ApiOAuthConfig>;
export type FieldMutation = CamelCased<ApiFieldMutation>;
