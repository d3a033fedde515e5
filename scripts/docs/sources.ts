/**
 * Everything the docs generator reads from the library, in one block: when a source file moves,
 * these lines are the only ones to repoint.
 */
export { CLIENT_SETTINGS } from "../../src/client/settings";
export { DEFAULT_NAMESPACE, ENVIRONMENT_VARIABLES } from "../../src/client/credentials";
export {
  definitionSchema,
  authPatternSchema,
  fieldSchema,
  optionSchema,
  oauthConfigSchema,
  scopeSchema,
  fieldMutationSchema,
  OPEN_ENUM_VALUES,
} from "../../src/definition/schema";
export { DEFINITION_KEYS, unwrap } from "../../src/definition/keys";
export { snakeToCamel } from "../../src/definition/case-rule";
export { DEFINITION_KEY_NOTES } from "../../src/definition/descriptions";
export { OUTPUT_PROPERTIES } from "../../src/resource-type";
export type { ControlArgs, CustomProvider, CustomProviderDefinitionArgs } from "../../src/resource";
export type { Resource as DynamicResource } from "@pulumi/pulumi/dynamic";
