import { z } from "zod";

/**
 * The generated tables of the docs, as pure functions of the data they describe: generate.ts feeds
 * them the library's own constants and schema, a test can feed them anything.
 */

/** One `<namespace>:<key>` as src/config/keys.ts describes it. */
export interface ConfigKeyData {
  key: string;
  group: string;
  envVars: readonly string[];
  secret?: boolean;
  description: string;
  unit?: "seconds" | "count";
  min?: number;
  max?: number;
  default?: number;
}

export interface SettingsData {
  namespace: string;
  keys: readonly ConfigKeyData[];
  /** How each group falls back to its variables (src/config/keys.ts FALLBACK_RULES). */
  fallback: Readonly<Record<string, { unit: "group" | "key"; namespaces: "default" | "any" }>>;
}

/** How a schema's types are named in the docs. */
export interface SchemaVocabulary {
  unwrap(schema: z.ZodTypeAny): z.ZodTypeAny;
  /** Known values of an open vocabulary (a string that also accepts others). */
  openEnumValues: WeakMap<z.ZodTypeAny, readonly string[]>;
  /** Names of the nested objects, e.g. authPatternSchema -> "auth pattern". */
  objectNames: Map<z.ZodTypeAny, string>;
  toCamel(snake: string): string;
}

export interface InputsData {
  definitionSchema: z.ZodObject<z.ZodRawShape>;
  notes: Readonly<Record<string, string>>;
  controls: Readonly<Record<string, { type: string; notes: string }>>;
  vocabulary: SchemaVocabulary;
}

export interface OutputsData {
  /** What the resource registers as outputs; each must have a note. */
  registered: readonly string[];
  notes: Readonly<Record<string, string>>;
}

const code = (s: string) => `\`${s}\``;
const row = (cells: string[]) => `| ${cells.join(" | ")} |`;
const table = (head: string[], rows: string[][]) => [row(head), row(head.map(() => "---")), ...rows.map(row)].join("\n") + "\n";

/** The note for `key`, refusing to render a table with a hole in it. */
function noteFor<T>(notes: Readonly<Record<string, T>>, key: string, what: string): T {
  if (!(key in notes))
    throw new Error(`no note for ${what} "${key}": add one (scripts/docs/notes.ts or src/definition/descriptions.ts)`);
  return notes[key];
}

/** Notes for keys the code does not have are as wrong as missing ones: they document nothing. */
function refuseExtraNotes(notes: Readonly<Record<string, unknown>>, keys: readonly string[], what: string): void {
  const extra = Object.keys(notes).filter((k) => !keys.includes(k));
  if (extra.length) throw new Error(`notes for ${what} the code does not have: ${extra.join(", ")}`);
}

/** `docs/x.md` in a description becomes a link relative to docs/reference/, where the tables are written. */
function linked(text: string): string {
  return text.replace(/\bdocs\/([\w/-]+\.md)\b/g, (_, file: string) => `[${file}](../${file})`);
}

function number(n: number, unit: ConfigKeyData["unit"]): string {
  return unit === "seconds" ? `${n} s` : String(n);
}

export function settingsTable(data: SettingsData): string {
  const rows: string[][] = [];
  const groups = [...new Set(data.keys.map((k) => k.group))];
  for (const group of groups) {
    const rule = data.fallback[group];
    if (!rule) throw new Error(`no fallback rule for the config group "${group}"`);
    const keys = data.keys.filter((k) => k.group === group);
    for (const spec of keys) {
      const [first, ...also] = spec.envVars;
      const vars =
        code(first) +
        (also.length ? ` (also ${also.map(code).join(", ")})` : "") +
        (rule.namespaces === "any" ? " (for every namespace)" : "");
      const name = rule.namespaces === "default" ? `${data.namespace}:${spec.key}` : `<namespace>:${spec.key}`;
      const numeric = spec.unit !== undefined && spec.min !== undefined && spec.max !== undefined && spec.default !== undefined;
      rows.push([
        code(name) + (spec.secret ? " (set with `--secret`)" : ""),
        vars,
        linked(spec.description),
        numeric ? number(spec.default!, spec.unit) : "",
        numeric
          ? `${number(spec.min!, spec.unit)} to ${number(spec.max!, spec.unit)}${spec.unit === "count" ? ", whole" : ""}`
          : "",
      ]);
    }
    if (rule.namespaces === "default") {
      rows.push([
        keys.map((k) => code(`<namespace>:${k.key}`)).join(", "),
        "none",
        `The same settings for a resource with ${code(`configNamespace: "<namespace>"`)}, to manage several environments ` +
          `from one program. Environment variables are read for the ${code(data.namespace)} namespace only` +
          (rule.unit === "group" ? ", and only when the stack config sets none of these keys: all come from one place." : "."),
        "",
        "",
      ]);
    }
  }
  return table(["config key", "environment variable (fallback)", "meaning", "default", "allowed"], rows);
}

/** A schema's type in words: `string`, `list of field`, `map of string to mutation`... */
export function typeName(schema: z.ZodTypeAny, vocabulary: SchemaVocabulary): string {
  const s = vocabulary.unwrap(schema);
  const named = vocabulary.objectNames.get(s);
  if (named) return named;
  if (s instanceof z.ZodString) {
    const known = vocabulary.openEnumValues.get(s);
    return known ? `string: ${known.map(code).join(", ")}, or another (sent as-is, with a warning)` : "string";
  }
  if (s instanceof z.ZodBoolean) return "boolean";
  if (s instanceof z.ZodNumber) return "number";
  if (s instanceof z.ZodArray) return `list of ${typeName(s.element, vocabulary)}`;
  if (s instanceof z.ZodRecord) return `map of string to ${typeName(s.valueSchema, vocabulary)}`;
  throw new Error(`no docs name for a ${s.constructor.name}: add it to tables.ts typeName`);
}

export function inputsTable(data: InputsData): string {
  const shape = data.definitionSchema.shape;
  const keys = Object.keys(shape);
  refuseExtraNotes(data.notes, keys, "definition keys");
  const rows = keys.map((key) => [
    code(data.vocabulary.toCamel(key)),
    code(key),
    typeName(shape[key], data.vocabulary),
    shape[key].isOptional() ? "no" : "**yes**",
    noteFor(data.notes, key, "definition key"),
  ]);
  rows.push([
    code("definition"),
    "",
    "the whole definition",
    "instead of the keys above",
    "The API's own snake_case JSON, as Scalekit's docs print it.",
  ]);
  for (const [key, { type, notes }] of Object.entries(data.controls)) rows.push([code(key), "", type, "no", notes]);
  return table(["input", "in `definition`", "type", "required", "notes"], rows);
}

/** Every key of every nested object of the definition, in the order the schema lists them. */
export function patternKeysTable(objects: readonly z.ZodTypeAny[], vocabulary: SchemaVocabulary): string {
  const rows: string[][] = [];
  for (const object of objects) {
    const s = vocabulary.unwrap(object);
    if (!(s instanceof z.ZodObject)) throw new Error("patternKeysTable takes object schemas");
    const name = vocabulary.objectNames.get(s) ?? "object";
    for (const [key, child] of Object.entries(s.shape as z.ZodRawShape)) {
      rows.push([
        name,
        code(vocabulary.toCamel(key)),
        code(key),
        typeName(child, vocabulary),
        child.isOptional() ? "no" : "**yes**",
      ]);
    }
  }
  return table(["in", "key", "in `definition`", "type", "required"], rows);
}

export function outputsTable(data: OutputsData): string {
  const missing = data.registered.filter((key) => !(key in data.notes));
  if (missing.length) throw new Error(`outputs without a note: ${missing.join(", ")}`);
  const rows = Object.entries(data.notes).map(([key, notes]) => [code(key), notes]);
  rows.push(["all inputs", "As declared."]);
  return table(["output", ""], rows);
}

/** The review's flags: each `--fail-on` name and when it is raised, in FLAG_KINDS order. */
export function flagsTable(kinds: readonly string[], descriptions: Readonly<Record<string, string>>): string {
  const rows = kinds.map((kind) => [code(kind), noteFor(descriptions, kind, "the review flag")]);
  return table(["flag (`--fail-on` name)", "when"], rows);
}
