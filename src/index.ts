export {
  CustomProvider,
  CustomProviderArgs,
  CustomProviderDefinitionArgs,
  CustomProviderGetArgs,
  CustomProviderJsonArgs,
} from "./resource";
export * from "./lookups";
export * from "./definition/types";
export { DEFINITION_KEYS } from "./definition/keys";
export * from "./definition/camel-types";
export { validateApiDefinition, validateCamelDefinition, ValidationResult } from "./definition/validate";
export { describeProblem, Problem } from "./definition/problem";
export { toCamelCase, toSnakeCase, formatPath } from "./definition/case";
export { canonicalDefinition, sameDefinition, buildPayload, definitionOf } from "./definition/normalize";
export { compareDefinitions, describeChange, DefinitionChange, DefinitionComparison } from "./definition/compare";
export * from "./client";
export { resolveEnvironment, DEFAULT_NAMESPACE, ENVIRONMENT_VARIABLES, ConfigSource } from "./config";
export { loadDefinitions, LoadedDefinition } from "./definitions-loader";
export { AdoptionRequiredError } from "./provider/errors/adoption-required-error";
export { ProviderInUseError } from "./provider/errors/provider-in-use-error";
export { ProviderGoneError } from "./provider/errors/provider-gone-error";
