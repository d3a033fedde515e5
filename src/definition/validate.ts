import type { ZodIssue } from "zod";
import { pathToCamel, PathSegment, snakeToCamel } from "./case";
import { compact } from "./normalize";
import { KeySpelling, openKeyFindings } from "./open-keys";
import { describeProblem, Problem } from "./problem";
import { crossKeyFindings, metadataProblems } from "./rules";
import { AUTH_TYPES, definitionSchema } from "./schema";
import { unknownPaths } from "./unknown";

export interface ValidationResult {
  problems: Problem[];
  warnings: string[];
}

const REQUIRED_HINT: Record<string, string> = {
  display_name: 'is required: 1-200 letters, digits and spaces, e.g. "My Asana"',
  proxy_url: "is required: the https:// base URL that tool calls are proxied to",
  type: `is required: one of ${AUTH_TYPES.join(", ")}`,
  field_name: "is required: the stored key, e.g. api_key, token, username, domain",
  scope: "is required: the OAuth scope value",
};

function fromZodIssue(issue: ZodIssue): Problem[] {
  // Unknown keys are judged by open-keys.ts, which knows where the server is open and suggests spellings.
  if (issue.code === "unrecognized_keys") return [];
  if (issue.code === "invalid_type" && issue.received === "undefined") {
    const last = String(issue.path[issue.path.length - 1]);
    return [{ path: issue.path, message: REQUIRED_HINT[last] ?? issue.message }];
  }
  return [{ path: issue.path, message: issue.message }];
}

const startsWith = (path: PathSegment[], prefix: PathSegment[]) => prefix.every((seg, i) => path[i] === seg);

interface Findings {
  problems: Problem[];
  warnings: Problem[];
}

/** Every finding, paths in snake_case; `spell` spells suggested keys the way the user writes keys. */
function findings(def: unknown, spell: KeySpelling): Findings {
  // null means absent, as on the server (and buildPayload drops it before sending).
  const input = compact(def);
  const parsed = definitionSchema.safeParse(input);
  const schemaProblems = parsed.success ? [] : parsed.error.issues.flatMap(fromZodIssue);
  const obj = input !== null && typeof input === "object" ? (input as Record<string, unknown>) : {};
  const keys = openKeyFindings(definitionSchema, input, spell);
  const cross = crossKeyFindings(input);
  const unknowns = unknownPaths(input);
  const decided = (p: Problem) => !unknowns.some((u) => startsWith(p.path, u));
  return {
    problems: dedupe([...schemaProblems, ...keys.problems, ...metadataProblems(obj.metadata), ...cross.problems].filter(decided)),
    warnings: dedupe([...keys.warnings, ...cross.warnings].filter(decided)),
  };
}

/** Every problem with a definition in the API's snake_case shape, paths in snake_case. */
export function validateApiDefinition(def: unknown): ValidationResult {
  const { problems, warnings } = findings(def, (k) => k);
  return { problems, warnings: warnings.map(describeProblem) };
}

/** The same, for a definition written with camelCase keys (converted to snake_case); paths come back in camelCase. */
export function validateCamelDefinition(snakeFromCamel: unknown): ValidationResult {
  const { problems, warnings } = findings(snakeFromCamel, snakeToCamel);
  const camel = (p: Problem): Problem => ({ ...p, path: pathToCamel(p.path) });
  return { problems: problems.map(camel), warnings: warnings.map(camel).map(describeProblem) };
}

function dedupe(problems: Problem[]): Problem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = describeProblem(p);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
