import { toSnakeCase } from "../definition/case";
import { CAMEL_DEFINITION_KEYS } from "../definition/keys";
import { Claimant, markerValue, STATE_ID_PATTERN } from "../definition/ownership";
import type { ApiDefinition } from "../definition/types";
import { DEFAULT_NAMESPACE } from "./namespace";

/**
 * The resource's inputs: either the definition's keys in camelCase, or `definition` holding the
 * API's own snake_case JSON unchanged. Plus the control keys, which steer the provider and are not
 * sent to Scalekit.
 */
export { CAMEL_DEFINITION_KEYS };

/** Control inputs a user sets: take over an existing provider; the config namespace of its environment. */
export const USER_CONTROL_KEYS = ["adopt", "configNamespace"] as const;

/**
 * Every input that is not one of the definition's camelCase keys. The CustomProvider resource sets
 * the last three, not the user: `managedBy` and `stateId` make the ownership marker (see
 * definition/ownership.ts); `importIdentifier` carries Pulumi's `import` option.
 */
export const CONTROL_KEYS = ["definition", ...USER_CONTROL_KEYS, "managedBy", "stateId", "importIdentifier"] as const;

export type Inputs = Record<string, unknown>;

export type DefinitionStyle = "camel" | "snake";

export function definitionStyle(inputs: Inputs): DefinitionStyle {
  return inputs.definition !== undefined ? "snake" : "camel";
}

/** The API-shaped definition that the inputs declare. */
export function declaredDefinition(inputs: Inputs): ApiDefinition {
  if (definitionStyle(inputs) === "snake") return inputs.definition as ApiDefinition;
  const camel: Record<string, unknown> = {};
  for (const key of CAMEL_DEFINITION_KEYS) if (inputs[key] !== undefined) camel[key] = inputs[key];
  return toSnakeCase<ApiDefinition>(camel);
}

/** project/stack/resource of the resource (absent for inputs of an older program or a direct call). */
export function ownerOfInputs(inputs: Inputs): string | undefined {
  return typeof inputs.managedBy === "string" && inputs.managedBy !== "" ? inputs.managedBy : undefined;
}

/**
 * The `managedBy` a resource records when Pulumi imported its provider (the native plugin's import read)
 * and this stack has not yet written its marker: the first update writes it, if the provider is
 * nobody else's.
 */
export const UNCLAIMED = "";

/** Whether recorded outputs are an import's that has not yet claimed the provider (see UNCLAIMED). */
export function isUnclaimed(props: Inputs): boolean {
  return props.managedBy === UNCLAIMED;
}

/** The state id in the inputs, when known (absent in inputs recorded before state ids). */
export function stateIdOfInputs(inputs: Inputs): string | undefined {
  return typeof inputs.stateId === "string" && STATE_ID_PATTERN.test(inputs.stateId) ? inputs.stateId : undefined;
}

/** Who the resource is, to compare with a provider's marker; undefined when the inputs carry no owner. */
export function claimantOf(inputs: Inputs, formerInputs?: Inputs): Claimant | undefined {
  const owner = ownerOfInputs(inputs);
  if (owner === undefined) return undefined;
  const former = formerInputs && ownerOfInputs(formerInputs);
  return {
    owner,
    stateId: stateIdOfInputs(inputs),
    ...(former !== undefined ? { former: [markerValue(former, stateIdOfInputs(formerInputs!))] } : {}),
  };
}

/** The marker the resource writes into the provider's metadata (undefined without an owner). */
export function markerOfInputs(inputs: Inputs): string | undefined {
  const owner = ownerOfInputs(inputs);
  return owner === undefined ? undefined : markerValue(owner, stateIdOfInputs(inputs));
}

/** Pulumi's `import` option, as the resource passes it on: take over the provider with this identifier. */
export function importIdentifierOf(inputs: Inputs): string | undefined {
  return typeof inputs.importIdentifier === "string" && inputs.importIdentifier !== "" ? inputs.importIdentifier : undefined;
}

/** The config namespace the inputs name, or the default. */
export function namespaceOf(inputs: Inputs | undefined): string {
  const ns = inputs?.configNamespace;
  return typeof ns === "string" && ns ? ns : DEFAULT_NAMESPACE;
}

/** Only the user's inputs, without outputs and the engine's own keys. */
export function inputsOnly(props: Inputs): Inputs {
  const out: Inputs = {};
  for (const key of [...CAMEL_DEFINITION_KEYS, ...CONTROL_KEYS]) if (props[key] !== undefined) out[key] = props[key];
  return out;
}
