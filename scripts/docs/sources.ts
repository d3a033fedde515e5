/**
 * Everything the docs generator reads from the library, in one block: when a source file moves,
 * these lines are the only ones to repoint.
 */
export { CONFIG_KEYS, DEFAULT_NAMESPACE, FALLBACK_RULES } from "../../src/config";
export {
  definitionSchema,
  authPatternSchema,
  fieldSchema,
  optionSchema,
  oauthConfigSchema,
  scopeSchema,
  fieldMutationSchema,
  OPEN_ENUM_VALUES,
  NESTED_OBJECTS,
} from "../../src/definition/schema";
export { unwrap } from "../../src/definition/keys";
export { snakeToCamel } from "../../src/definition/case-rule";
export { DEFINITION_KEY_NOTES } from "../../src/definition/descriptions";
export { OUTPUT_PROPERTIES } from "../../src/custom-provider";
export { CONTROL_INPUT_NOTES, OUTPUT_NOTES } from "../../src/custom-provider/notes";
export { FLAG_DESCRIPTIONS, FLAG_KINDS } from "../../src/review/flags";
export type { ControlArgs, CustomProvider, CustomProviderDefinitionArgs } from "../../src/dynamic/resource";
export type { Resource as DynamicResource } from "@pulumi/pulumi/dynamic";
export { packageSchema } from "../../src/plugin/package-schema";
export { ownPackageRoot } from "../../src/meta/package-json";
