import { toCamelCase } from "../definition/case";
import { DEFAULT_PROXY_ENABLED } from "../definition/normalize";
import { shapeLike } from "../definition/shape";
import type { ApiDefinition } from "../definition/types";
import { CONTROL_KEYS, declaredDefinition, definitionStyle, Inputs } from "./inputs";

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
