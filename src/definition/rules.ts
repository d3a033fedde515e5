import { BUILTIN_PLACEHOLDERS, CREDENTIAL_FIELDS, HEADER_NAME, LIMITS } from "./limits";
import { scanPlaceholders } from "./placeholders";
import type { Problem } from "./problem";
import { AUTH_TYPES } from "./schema";
import { isUnknown } from "./unknown";

/**
 * Rules that relate several keys. The errors are exactly the contract's: OAUTH needs oauth_config
 * and NO_AUTH has no fields (the official SDK's authoring guardrails), and every proxy_url
 * placeholder needs a matching field (docs). Everything else is advice the server does not enforce,
 * so it is a warning: Scalekit takes such definitions. The rules run on raw input, so every access
 * is guarded, and a value still unknown at preview time is never judged.
 */

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === "object" && !Array.isArray(v);
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const nonEmpty = (v: unknown) => Array.isArray(v) && v.length > 0;
const present = (v: unknown) => v !== undefined && v !== null;

export interface Findings {
  problems: Problem[];
  warnings: Problem[];
}

const FIELD_HINT: Record<string, string> = {
  BASIC: "e.g. username and password",
  BEARER: "e.g. a password field named token",
  API_KEY: "e.g. a password field named api_key",
};

interface NamedField {
  name: string;
  pathParam: boolean;
  path: (string | number)[];
  field: Obj;
}

function fieldsOf(pattern: Obj, index: number): NamedField[] {
  const out: NamedField[] = [];
  for (const key of ["fields", "account_fields"]) {
    list(pattern[key]).forEach((f, j) => {
      if (isObj(f) && typeof f.field_name === "string" && !isUnknown(f.field_name)) {
        out.push({ name: f.field_name, pathParam: f.is_path_param === true, path: ["auth_patterns", index, key, j], field: f });
      }
    });
  }
  return out;
}

/** Whether a field list holds a field, a field_name or an is_path_param still unknown at preview time. */
function undecidedFields(pattern: Obj): boolean {
  return ["fields", "account_fields"].some(
    (key) =>
      isUnknown(pattern[key]) ||
      list(pattern[key]).some((f) => isUnknown(f) || (isObj(f) && (isUnknown(f.field_name) || isUnknown(f.is_path_param)))),
  );
}

function patternFindings(pattern: Obj, i: number, out: Findings): void {
  const at = (...rest: (string | number)[]) => ["auth_patterns", i, ...rest];
  const warn = (path: (string | number)[], message: string) => out.warnings.push({ path, message });
  const label = pattern.display_name;
  if (!present(label) || (typeof label === "string" && !isUnknown(label) && label.trim() === "")) {
    // Every official client sends one (sdk 2.21 marks it required); the server takes a pattern without.
    warn(at("display_name"), "is missing: every official Scalekit client sends a label for each auth pattern");
  }
  const type = pattern.type;
  if (isUnknown(type) || typeof type !== "string") return;

  if (type === "OAUTH") {
    if (!present(pattern.oauth_config)) {
      out.problems.push({
        path: at("oauth_config"),
        message: "is required for OAUTH: {authorize_uri, token_uri, available_scopes}, or {pkce_enabled: true} for an MCP server",
      });
    }
    // No advice about missing authorize_uri/token_uri: sdk 2.21 calls pkce_enabled "the only key you
    // set when authoring a connector"; the endpoints are optional.
  } else if (
    (AUTH_TYPES as readonly string[]).includes(type) &&
    present(pattern.oauth_config) &&
    !isUnknown(pattern.oauth_config)
  ) {
    // An unknown type (e.g. the catalogue's OAUTH_M2M) may well take oauth_config: judge known ones only.
    warn(at("oauth_config"), `is only used with type OAUTH, not ${type} (Scalekit docs); sent as-is`);
  }
  if (isObj(pattern.oauth_config)) {
    for (const key of ["authorize_uri", "token_uri", "user_info_uri"]) {
      const uri = pattern.oauth_config[key];
      if (typeof uri === "string" && uri !== "" && !isUnknown(uri) && !/^https:\/\/[^\s/]+/.test(uri)) {
        warn(at("oauth_config", key), "is not an https:// URL");
      }
    }
  }

  if (type === "NO_AUTH") {
    if (pattern.is_mcp !== true && !isUnknown(pattern.is_mcp)) {
      warn(at("is_mcp"), "is not true: NO_AUTH is meant for MCP servers (Scalekit docs)");
    }
    if (nonEmpty(pattern.fields)) {
      out.problems.push({ path: at("fields"), message: "must be empty for NO_AUTH: there is no credential to collect" });
    }
  }

  if (type in FIELD_HINT && !isUnknown(pattern.fields) && !nonEmpty(pattern.fields)) {
    warn(at("fields"), `is empty: ${type} normally collects a credential (${FIELD_HINT[type]})`);
  }

  const fields = fieldsOf(pattern, i);
  const seen = new Set<string>();
  for (const f of fields) {
    if (seen.has(f.name)) warn([...f.path, "field_name"], `repeats "${f.name}": each field should have its own name`);
    seen.add(f.name);
    if (f.field.input_type === "select" && !nonEmpty(f.field.options) && !isUnknown(f.field.options)) {
      warn([...f.path, "options"], "is empty: a select field without options cannot be rendered (add [{value, display_name}])");
    }
    const header = f.field.header_name;
    if (typeof header === "string" && header !== "" && !isUnknown(header) && !HEADER_NAME.test(header)) {
      warn([...f.path, "header_name"], "is not an HTTP header name such as X-Api-Key (letters, digits and -)");
    }
  }

  const override = pattern.auth_header_key_override;
  if (typeof override === "string" && override !== "" && !isUnknown(override)) {
    if (!HEADER_NAME.test(override))
      warn(at("auth_header_key_override"), "is not an HTTP header name such as x-api-key (letters, digits and -)");
    const multi = fields.find((f) => typeof f.field.header_name === "string" && f.field.header_name !== "");
    if (multi) {
      warn(
        at("auth_header_key_override"),
        `is ignored: field "${multi.name}" sets header_name, which puts the pattern in multiple-headers mode (each field names its own header)`,
      );
    }
  }

  const mutations = pattern.auth_field_mutations;
  if (isObj(mutations) && !undecidedFields(pattern)) {
    const allowed = new Set<string>([...CREDENTIAL_FIELDS, ...seen]);
    for (const key of Object.keys(mutations)) {
      if (!allowed.has(key))
        warn(at("auth_field_mutations", key), `names no credential field (known: ${[...allowed].join(", ")})`);
    }
  }
}

function placeholderFindings(proxyUrl: unknown, patterns: unknown[], out: Findings): void {
  if (typeof proxyUrl !== "string" || isUnknown(proxyUrl)) return;
  if (patterns.some((p) => !isObj(p) || undecidedFields(p))) return;
  const fields = patterns.flatMap((p, i) => fieldsOf(p as Obj, i));
  const byName = new Map(fields.map((f) => [f.name, f]));
  const { names, malformed } = scanPlaceholders(proxyUrl);
  for (const m of malformed) {
    out.problems.push({
      path: ["proxy_url"],
      message: `has a malformed placeholder "${m}": write {{name}} with letters, digits or _ and no spaces`,
    });
  }
  for (const name of names) {
    const field = byName.get(name);
    if ((BUILTIN_PLACEHOLDERS as readonly string[]).includes(name)) {
      if (!field) {
        out.problems.push({
          path: ["proxy_url"],
          message: `uses {{${name}}} but no field is named "${name}": add a field {field_name: "${name}"}`,
        });
      }
    } else if (!field || !field.pathParam) {
      out.problems.push({
        path: ["proxy_url"],
        message: `uses {{${name}}}, which is neither {{domain}}, {{version}} nor a field with is_path_param: true named "${name}"`,
      });
    }
  }
  for (const f of fields) {
    if (f.pathParam && !names.includes(f.name)) {
      out.warnings.push({
        path: [...f.path, "is_path_param"],
        message: `is true but proxy_url has no {{${f.name}}}: the value is never used`,
      });
    }
  }
}

export function crossKeyFindings(def: unknown): Findings {
  const out: Findings = { problems: [], warnings: [] };
  if (!isObj(def)) return out;
  const patterns = list(def.auth_patterns);
  patterns.forEach((p, i) => isObj(p) && patternFindings(p, i, out));
  placeholderFindings(def.proxy_url, patterns, out);
  if (def.proxy_enabled === false) {
    out.warnings.push({
      path: ["proxy_enabled"],
      message: "is false: Scalekit's tool calling works only through the proxy, so tools using this provider will fail",
    });
  }
  return out;
}

export function metadataProblems(metadata: unknown): Problem[] {
  if (!isObj(metadata)) return [];
  const problems: Problem[] = [];
  const keys = Object.keys(metadata);
  if (keys.length > LIMITS.metadataMaxPairs) {
    problems.push({ path: ["metadata"], message: `has ${keys.length} entries: at most ${LIMITS.metadataMaxPairs} are allowed` });
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
