export {
  CustomProvider,
  type CustomProviderArgs,
  type CustomProviderDefinitionArgs,
  type CustomProviderGetArgs,
  type CustomProviderJsonArgs,
} from "./dynamic/resource";
export * from "./lookups";
export * from "./definition/types";
export { DEFINITION_KEYS } from "./definition/keys";
export * from "./definition/camel-types";
export { validateApiDefinition, validateCamelDefinition, type ValidationResult } from "./definition/validate";
export { describeProblem, type Problem } from "./definition/problem";
export { toCamelCase, toSnakeCase, formatPath } from "./definition/case";
export { canonicalDefinition, sameDefinition, buildPayload, definitionOf } from "./definition/normalize";
export { compareDefinitions, describeChange, type DefinitionChange, type DefinitionComparison } from "./definition/compare";
export * from "./client";
export { resolveEnvironment, DEFAULT_NAMESPACE, ENVIRONMENT_VARIABLES, type ConfigSource } from "./config";
export { loadDefinitions, type LoadedDefinition } from "./definition-files/load";
// The review of a preview (what `scalekit-providers review` prints), for hosts such as an Automation API program.
export { buildReview, type Review, type StackReview } from "./review/review";
export { renderMarkdown } from "./review/markdown";
export {
  parsePreviewDocuments,
  type PreviewDocument,
  type PreviewStep,
  type PreviewState,
  type PreviewDiagnostic,
} from "./review/preview-json";
export { FLAG_KINDS, type FlagKind } from "./review/flags";
export { AdoptionRequiredError } from "./operations/errors/adoption-required-error";
export { ProviderInUseError } from "./operations/errors/provider-in-use-error";
export { ProviderGoneError } from "./operations/errors/provider-gone-error";
export { ProviderTakenOverError } from "./operations/errors/provider-taken-over-error";
export { NotAppliedError } from "./operations/errors/not-applied-error";
export { MetadataLimitError } from "./operations/errors/metadata-limit-error";
export { MarkerNotKeptError } from "./operations/errors/marker-not-kept-error";
