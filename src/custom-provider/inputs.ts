import { toSnakeCase } from "../definition/case";
import { CAMEL_DEFINITION_KEYS } from "../definition/keys";
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
 * Every input that is not one of the definition's camelCase keys. `managedBy` is set by the
 * CustomProvider resource, not the user: the ownership marker (see definition/ownership.ts).
 */
export const CONTROL_KEYS = ["definition", ...USER_CONTROL_KEYS, "managedBy"] as const;

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

/** The ownership marker this resource writes (absent for inputs of an older program or a direct call). */
export function ownerOfInputs(inputs: Inputs): string | undefined {
  return typeof inputs.managedBy === "string" && inputs.managedBy !== "" ? inputs.managedBy : undefined;
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
