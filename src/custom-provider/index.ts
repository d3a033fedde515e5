/**
 * The CustomProvider resource's contract, pure (no Pulumi SDK, no HTTP): its type token, its inputs
 * and outputs, the control keys and the default namespace. The resource (program side), the dynamic
 * provider (engine side) and the review (reading previews) all read it from here.
 */
export {
  CUSTOM_PROVIDER_TYPE,
  CUSTOM_PROVIDER_TYPES,
  isCustomProviderType,
  NATIVE_CUSTOM_PROVIDER_TYPE,
  NATIVE_PACKAGE,
  RESOURCE_MODULE,
  RESOURCE_TYPE_NAME,
} from "./type";
export {
  CAMEL_DEFINITION_KEYS,
  CONTROL_KEYS,
  USER_CONTROL_KEYS,
  type DefinitionStyle,
  type Inputs,
  declaredDefinition,
  definitionStyle,
  inputsOnly,
  namespaceOf,
  ownerOfInputs,
  stateIdOfInputs,
  claimantOf,
  markerOfInputs,
  importIdentifierOf,
  isUnclaimed,
  UNCLAIMED,
} from "./inputs";
export { OUTPUT_PROPERTIES, SECRET_OUTPUTS, buildOutputs, notAppliedOf, recordedIdentifier } from "./outputs";
export { checkInputs } from "./check";
export { inputsFromServer } from "./from-server";
export { importedInputs } from "./imported";
export { DEFAULT_NAMESPACE, NAMESPACE_PATTERN, isNamespace } from "./namespace";
export { REFERENCE_KEY, REFERENCE_SECRET_OUTPUTS, isReference, managerOf, referenceOutputs } from "./reference";
export { ENCODED_OUTPUTS, encodeOutputs, decodeOutputs, decodeOutput } from "./state-encoding";
