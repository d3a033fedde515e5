import { toCamelCase, toSnakeCase, PathSegment } from "../definition/case";
import { CAMEL_DEFINITION_KEYS } from "../definition/keys";
import { DEFAULT_PROXY_ENABLED } from "../definition/normalize";
import { ownerProblems, serverDefinition } from "../definition/ownership";
import { shapeLike } from "../definition/shape";
import type { Problem } from "../definition/problem";
import type { ApiDefinition, ApiProvider } from "../definition/types";
import { isUnknown } from "../definition/unknown";
import { validateApiDefinition, validateCamelDefinition, ValidationResult } from "../definition/validate";
import { DEFAULT_NAMESPACE } from "../config/credentials";

/**
 * The resource's inputs: either the definition's keys in camelCase, or `definition` holding the
 * API's own snake_case JSON unchanged. Plus `adopt` and `configNamespace`, which steer the provider
 * and are not sent to Scalekit, and `managedBy`, the ownership marker the provider writes into `metadata`.
 */
export { CAMEL_DEFINITION_KEYS };
/** `managedBy` is set by the CustomProvider resource, not the user: see definition/ownership.ts. */
export const CONTROL_KEYS = ["definition", "adopt", "configNamespace", "managedBy"] as const;

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

/**
 * The identifier to address a recorded provider by: the one last reported by Scalekit (the
 * `identifier` output), which can differ from the Pulumi id if an update ever answered with a new
 * one (the id of a resource cannot change on update).
 */
export function recordedIdentifier(id: string, props: Inputs): string {
  return typeof props.identifier === "string" && props.identifier !== "" ? props.identifier : id;
}

export function namespaceOf(inputs: Inputs): string {
  return typeof inputs.configNamespace === "string" && inputs.configNamespace ? inputs.configNamespace : DEFAULT_NAMESPACE;
}

/** Everything wrong with the inputs, with paths as the user wrote them. */
export function checkInputs(inputs: Inputs): ValidationResult {
  const problems: Problem[] = [];
  const style = definitionStyle(inputs);
  let result: ValidationResult;
  if (style === "snake") {
    const mixed = CAMEL_DEFINITION_KEYS.filter((k) => inputs[k] !== undefined);
    if (mixed.length) {
      problems.push({
        path: [mixed[0]],
        message: `cannot be combined with definition: declare the provider either with definition (the API's JSON) or with ${mixed.join(", ")}`,
      });
    }
    const def = inputs.definition;
    const isObject = isUnknown(def) || (def !== null && typeof def === "object" && !Array.isArray(def));
    result = isObject
      ? validateApiDefinition(def)
      : {
          problems: [{ path: [], message: "must be an object: the provider's definition as Scalekit's API takes it" }],
          warnings: [],
        };
    const marker = ownerProblems(
      (declaredDefinition(inputs) as { metadata?: unknown } | undefined)?.metadata,
      ownerOfInputs(inputs) !== undefined,
    );
    const all = [...result.problems, ...(isObject ? marker : [])];
    result = { ...result, problems: all.map((p) => ({ ...p, path: ["definition", ...p.path] as PathSegment[] })) };
  } else {
    const def = declaredDefinition(inputs);
    result = validateCamelDefinition(def);
    result = { ...result, problems: [...result.problems, ...ownerProblems(def.metadata, ownerOfInputs(inputs) !== undefined)] };
  }
  if (inputs.adopt !== undefined && typeof inputs.adopt !== "boolean" && !isUnknown(inputs.adopt)) {
    problems.push({ path: ["adopt"], message: "must be true or false" });
  }
  const ns = inputs.configNamespace;
  if (ns !== undefined && !isUnknown(ns) && !(typeof ns === "string" && /^[A-Za-z][A-Za-z0-9_-]*$/.test(ns))) {
    problems.push({ path: ["configNamespace"], message: 'must be a config namespace such as "scalekit" or "scalekitProd"' });
  }
  return { problems: [...problems, ...result.problems], warnings: result.warnings };
}

/** Only the user's inputs, without outputs and the engine's own keys. */
export function inputsOnly(props: Inputs): Inputs {
  const out: Inputs = {};
  for (const key of [...CAMEL_DEFINITION_KEYS, ...CONTROL_KEYS]) if (props[key] !== undefined) out[key] = props[key];
  return out;
}

/** The outputs: the inputs as declared, plus what the server says. */
export function buildOutputs(inputs: Inputs, provider: ApiProvider, environmentUrl: string): Inputs {
  return {
    ...inputsOnly(inputs),
    identifier: provider.identifier,
    scalekitId: provider.id ?? "",
    isCustomMcp: provider.is_custom_mcp === true,
    environmentUrl,
    stored: serverDefinition(provider),
  };
}

/** Inputs that declare exactly what the server holds, in the style (camel or snake) of `previous`. */
export function inputsFromServer(server: ApiDefinition, previous: Inputs): Inputs {
  const controls: Inputs = {};
  for (const key of CONTROL_KEYS) if (key !== "definition" && previous[key] !== undefined) controls[key] = previous[key];
  const template = declaredDefinition(previous);
  const shaped = shapeLike(server, template) as ApiDefinition;
  // proxy_enabled defaults to true here, not false: leave it out when it holds our default.
  if (template.proxy_enabled === undefined && shaped.proxy_enabled === DEFAULT_PROXY_ENABLED) delete shaped.proxy_enabled;
  if (definitionStyle(previous) === "snake") return { definition: shaped, ...controls };
  return { ...toCamelCase<Inputs>(shaped), ...controls };
}
