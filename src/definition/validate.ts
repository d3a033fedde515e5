import type { ZodIssue } from "zod";
import { pathToCamel, PathSegment } from "./case";
import { describeProblem, Problem } from "./problem";
import { crossKeyProblems, definitionWarnings, metadataProblems } from "./rules";
import { definitionSchema } from "./schema";
import { AUTH_TYPES } from "./types";
import { unknownPaths } from "./unknown";

export interface ValidationResult {
  problems: Problem[];
  warnings: string[];
}

const REQUIRED_HINT: Record<string, string> = {
  display_name: 'is required: 1-200 letters, digits and spaces, e.g. "My Asana"',
  auth_patterns: 'is required: exactly one auth pattern, e.g. [{type: "BEARER", fields: [...]}]',
  proxy_url: "is required: the https:// base URL that tool calls are proxied to",
  type: `is required: one of ${AUTH_TYPES.join(", ")}`,
  field_name: "is required: the stored key, e.g. api_key, token, username, domain",
  scope: "is required: the OAuth scope value",
};

function fromZodIssue(issue: ZodIssue): Problem[] {
  if (issue.code === "unrecognized_keys") {
    return issue.keys.map((key) => ({
      path: [...issue.path, key],
      message: "is not a known property: check its spelling (Scalekit would silently drop it)",
    }));
  }
  if (issue.code === "invalid_type" && issue.received === "undefined") {
    const last = String(issue.path[issue.path.length - 1]);
    return [{ path: issue.path, message: REQUIRED_HINT[last] ?? "is required" }];
  }
  return [{ path: issue.path, message: issue.message }];
}

const startsWith = (path: PathSegment[], prefix: PathSegment[]) => prefix.every((seg, i) => path[i] === seg);

/** Every problem with a definition in the API's snake_case shape, paths in snake_case. */
export function validateApiDefinition(def: unknown): ValidationResult {
  const parsed = definitionSchema.safeParse(def);
  const schemaProblems = parsed.success ? [] : parsed.error.issues.flatMap(fromZodIssue);
  const obj = def !== null && typeof def === "object" ? (def as Record<string, unknown>) : {};
  const unknowns = unknownPaths(def);
  const problems = [...schemaProblems, ...metadataProblems(obj.metadata), ...crossKeyProblems(def)].filter(
    (p) => !unknowns.some((u) => startsWith(p.path, u)),
  );
  return { problems: dedupe(problems), warnings: definitionWarnings(def) };
}

/** The same, for a definition written with camelCase keys; paths come back in camelCase. */
export function validateCamelDefinition(snakeFromCamel: unknown): ValidationResult {
  const result = validateApiDefinition(snakeFromCamel);
  return {
    problems: result.problems.map((p) => ({ ...p, path: pathToCamel(p.path) })),
    warnings: result.warnings.map((w) => w.replace("proxy_enabled", "proxyEnabled")),
  };
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
