import { BUILTIN_PLACEHOLDERS, CREDENTIAL_FIELDS, LIMITS } from "./limits";
import { scanPlaceholders } from "./placeholders";
import type { Problem } from "./problem";
import { AUTH_TYPES } from "./types";
import { isUnknown } from "./unknown";

/**
 * Rules that relate several keys (Scalekit docs and SDKs): which auth type takes which keys, and
 * whether proxy_url placeholders and path-parameter fields match. They run on raw input, so every
 * access is guarded, and a value still unknown at preview time is never judged.
 */

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === "object" && !Array.isArray(v);
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const nonEmpty = (v: unknown) => Array.isArray(v) && v.length > 0;

const FIELD_HINT: Record<string, string> = {
  BASIC: "e.g. username and password",
  BEARER: "e.g. a password field named token",
  API_KEY: "e.g. a password field named api_key",
};

interface NamedField {
  name: string;
  pathParam: boolean;
  path: (string | number)[];
}

function fieldsOf(pattern: Obj, index: number): NamedField[] {
  const out: NamedField[] = [];
  for (const key of ["fields", "account_fields"]) {
    list(pattern[key]).forEach((f, j) => {
      if (isObj(f) && typeof f.field_name === "string" && !isUnknown(f.field_name)) {
        out.push({ name: f.field_name, pathParam: f.is_path_param === true, path: ["auth_patterns", index, key, j] });
      }
    });
  }
  return out;
}

/** Whether a field list holds a field, a field_name or an is_path_param still unknown at preview time. */
function undecidedFields(pattern: Obj): boolean {
  return ["fields", "account_fields"].some((key) =>
    list(pattern[key]).some((f) => isUnknown(f) || (isObj(f) && (isUnknown(f.field_name) || isUnknown(f.is_path_param)))),
  );
}

function patternProblems(pattern: Obj, i: number): Problem[] {
  const at = (...rest: (string | number)[]) => ["auth_patterns", i, ...rest];
  const problems: Problem[] = [];
  const type = pattern.type;
  if (isUnknown(type) || typeof type !== "string") return problems;

  if (type === "OAUTH") {
    if (pattern.oauth_config === undefined) {
      problems.push({
        path: at("oauth_config"),
        message:
          "is required for OAUTH: {authorize_uri, token_uri, available_scopes}, or {pkce_enabled: true} for an MCP server",
      });
    } else if (isObj(pattern.oauth_config) && pattern.is_mcp !== true && !isUnknown(pattern.is_mcp)) {
      for (const key of ["authorize_uri", "token_uri"]) {
        if (!pattern.oauth_config[key]) {
          problems.push({
            path: at("oauth_config", key),
            message: "is required for an OAUTH provider that is not an MCP server: the provider's https:// endpoint",
          });
        }
      }
    }
    if (nonEmpty(pattern.fields)) {
      problems.push({
        path: at("fields"),
        message: "must be empty for OAUTH: per-account inputs such as path parameters belong in account_fields",
      });
    }
  } else if ((AUTH_TYPES as readonly string[]).includes(type)) {
    // An unrecognised type (e.g. "oauth") is reported by the schema; judging it as "not OAUTH" would
    // wrongly advise removing oauth_config and account_fields.
    if (pattern.oauth_config !== undefined && !isUnknown(pattern.oauth_config)) {
      problems.push({ path: at("oauth_config"), message: `is only allowed with type OAUTH, not ${type}: remove it` });
    }
    if (nonEmpty(pattern.account_fields)) {
      problems.push({
        path: at("account_fields"),
        message: `is only allowed with type OAUTH, not ${type}: put per-account inputs in fields`,
      });
    }
  }

  if (type === "NO_AUTH") {
    if (pattern.is_mcp !== true && !isUnknown(pattern.is_mcp)) {
      problems.push({ path: at("is_mcp"), message: "must be true: NO_AUTH is only for MCP servers" });
    }
    if (nonEmpty(pattern.fields)) {
      problems.push({ path: at("fields"), message: "must be empty for NO_AUTH: there is no credential to collect" });
    }
  }

  if (type in FIELD_HINT && !isUnknown(pattern.fields) && !nonEmpty(pattern.fields)) {
    problems.push({
      path: at("fields"),
      message: `needs at least one field for ${type} (${FIELD_HINT[type]})`,
    });
  }

  const fields = fieldsOf(pattern, i);
  const seen = new Set<string>();
  for (const f of fields) {
    if (seen.has(f.name)) {
      problems.push({
        path: [...f.path, "field_name"],
        message: `repeats "${f.name}": field names must be unique across fields and account_fields`,
      });
    }
    seen.add(f.name);
  }

  const mutations = pattern.auth_field_mutations;
  if (isObj(mutations) && !isUnknown(pattern.fields) && !isUnknown(pattern.account_fields) && !undecidedFields(pattern)) {
    const allowed = new Set<string>([...CREDENTIAL_FIELDS, ...seen]);
    for (const key of Object.keys(mutations)) {
      if (!allowed.has(key)) {
        problems.push({
          path: at("auth_field_mutations", key),
          message: `names no credential field: use one of ${[...allowed].join(", ")}`,
        });
      }
    }
  }
  return problems;
}

function placeholderProblems(proxyUrl: unknown, patterns: unknown[]): Problem[] {
  if (typeof proxyUrl !== "string" || isUnknown(proxyUrl)) return [];
  if (patterns.some((p) => !isObj(p) || isUnknown(p.fields) || isUnknown(p.account_fields) || undecidedFields(p))) return [];
  const fields = patterns.flatMap((p, i) => fieldsOf(p as Obj, i));
  const byName = new Map(fields.map((f) => [f.name, f]));
  const { names, malformed } = scanPlaceholders(proxyUrl);
  const problems: Problem[] = malformed.map((m) => ({
    path: ["proxy_url"],
    message: `has a malformed placeholder "${m}": write {{name}} with letters, digits or _ and no spaces`,
  }));

  for (const name of names) {
    const field = byName.get(name);
    if ((BUILTIN_PLACEHOLDERS as readonly string[]).includes(name)) {
      if (!field) {
        problems.push({
          path: ["proxy_url"],
          message: `uses {{${name}}} but no field is named "${name}": add a field {field_name: "${name}"}`,
        });
      }
    } else if (!field || !field.pathParam) {
      problems.push({
        path: ["proxy_url"],
        message: `uses {{${name}}}, which is neither {{domain}}, {{version}} nor a field with is_path_param: true named "${name}"`,
      });
    }
  }
  for (const f of fields) {
    if (f.pathParam && !names.includes(f.name)) {
      problems.push({
        path: [...f.path, "is_path_param"],
        message: `is true but proxy_url has no {{${f.name}}}: add it to the URL or drop is_path_param`,
      });
    }
  }
  return problems;
}

export function crossKeyProblems(def: unknown): Problem[] {
  if (!isObj(def)) return [];
  const patterns = list(def.auth_patterns);
  return [
    ...patterns.flatMap((p, i) => (isObj(p) ? patternProblems(p, i) : [])),
    ...placeholderProblems(def.proxy_url, patterns),
  ];
}

/** Things that are allowed but almost certainly not meant. */
export function definitionWarnings(def: unknown): string[] {
  if (isObj(def) && def.proxy_enabled === false) {
    return [
      "proxy_enabled is false: Scalekit's tool calling works only through the proxy, so tools using this provider will fail",
    ];
  }
  return [];
}

export function metadataProblems(metadata: unknown): Problem[] {
  if (!isObj(metadata)) return [];
  const problems: Problem[] = [];
  const keys = Object.keys(metadata);
  if (keys.length > LIMITS.metadataMaxPairs) {
    problems.push({
      path: ["metadata"],
      message: `has ${keys.length} entries: at most ${LIMITS.metadataMaxPairs} are allowed`,
    });
  }
  for (const key of keys) {
    if (key.length < LIMITS.metadataKeyMin || key.length > LIMITS.metadataKeyMax) {
      problems.push({
        path: ["metadata", key],
        message: `has a key of ${key.length} characters: keys must be ${LIMITS.metadataKeyMin}-${LIMITS.metadataKeyMax} characters`,
      });
    }
  }
  return problems;
}
