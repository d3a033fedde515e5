import type { PathSegment } from "../definition/case";
import { MAX_DEFINITION_DEPTH, nestedDeeperThan } from "../definition/depth";
import { CAMEL_DEFINITION_KEYS } from "../definition/keys";
import { ownerProblems } from "../definition/ownership";
import type { Problem } from "../definition/problem";
import { isUnknown } from "../definition/unknown";
import { validateApiDefinition, validateCamelDefinition, ValidationResult } from "../definition/validate";
import { declaredDefinition, definitionStyle, Inputs, ownerOfInputs } from "./inputs";
import { isNamespace } from "./namespace";

/** Everything wrong with the inputs, with paths as the user wrote them. */
export function checkInputs(inputs: Inputs): ValidationResult {
  // Checked before anything reads the definition recursively.
  if (nestedDeeperThan(declaredDefinition(inputs), MAX_DEFINITION_DEPTH)) {
    return {
      problems: [
        {
          path: [],
          message: `the definition nests objects and arrays more than ${MAX_DEFINITION_DEPTH} levels deep: this client could not read such a provider back from Scalekit`,
        },
      ],
      warnings: [],
    };
  }
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
  if (ns !== undefined && !isUnknown(ns) && !isNamespace(ns)) {
    problems.push({ path: ["configNamespace"], message: 'must be a config namespace such as "scalekit" or "scalekitProd"' });
  }
  return { problems: [...problems, ...result.problems], warnings: result.warnings };
}
