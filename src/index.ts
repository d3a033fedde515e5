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
// The review of a preview (what `scalekit-providers review` prints), for hosts such as an Automation API program.
export { buildReview, Review, StackReview } from "./review/review";
export { renderMarkdown } from "./review/markdown";
export { parsePreviewDocuments, PreviewDocument, PreviewStep, PreviewState, PreviewDiagnostic } from "./review/preview-json";
export { FLAG_KINDS, FlagKind } from "./review/flags";
export { AdoptionRequiredError } from "./provider/errors/adoption-required-error";
export { ProviderInUseError } from "./provider/errors/provider-in-use-error";
export { ProviderGoneError } from "./provider/errors/provider-gone-error";
export { ProviderTakenOverError } from "./provider/errors/provider-taken-over-error";
export { NotAppliedError } from "./provider/errors/not-applied-error";
