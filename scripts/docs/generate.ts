/**
 * `npm run docs`: rewrites the generated tables of the docs from the code (settings, the resource's
 * inputs, the keys inside an auth pattern, its outputs, the review's flags), and the native plugin's
 * schema.json. `npm run docs -- --check` changes nothing
 * and fails when a table is stale; `npm run lint` runs it.
 */
import * as fs from "fs";
import * as path from "path";
import type { z } from "zod";
import { replaceBlock } from "./markers";
import { CONTROL_INPUT_NOTES, OUTPUT_NOTES } from "./notes";
import * as src from "./sources";
import { nativeReference } from "./native-reference";
import { flagsTable, inputsTable, outputsTable, patternKeysTable, SchemaVocabulary, settingsTable } from "./tables";

/** One generated block: where it lives and what it holds. */
export interface Block {
  file: string;
  name: string;
  body: string;
}

const vocabulary: SchemaVocabulary = {
  unwrap: src.unwrap,
  openEnumValues: src.OPEN_ENUM_VALUES,
  objectNames: new Map<z.ZodTypeAny, string>(src.NESTED_OBJECTS.map((o) => [o.schema, o.prose])),
  toCamel: src.snakeToCamel,
};

const REFERENCE = "docs/reference/custom-provider.md";
const REVIEW_GUIDE = "docs/review-and-promotion.md";

/** Every generated block of the docs, rendered from the code as it is now. */
export function blocks(): Block[] {
  return [
    {
      file: REFERENCE,
      name: "inputs",
      body: inputsTable({
        definitionSchema: src.definitionSchema,
        notes: src.DEFINITION_KEY_NOTES,
        controls: CONTROL_INPUT_NOTES,
        vocabulary,
      }),
    },
    {
      file: REFERENCE,
      name: "pattern-keys",
      body: patternKeysTable(
        src.NESTED_OBJECTS.map((o) => o.schema),
        vocabulary,
      ),
    },
    {
      file: REFERENCE,
      name: "outputs",
      body: outputsTable({ registered: [...src.OUTPUT_PROPERTIES, "managedBy"], notes: OUTPUT_NOTES }),
    },
    {
      file: REFERENCE,
      name: "settings",
      body: settingsTable({ namespace: src.DEFAULT_NAMESPACE, keys: src.CONFIG_KEYS, fallback: src.FALLBACK_RULES }),
    },
    { file: REVIEW_GUIDE, name: "review-flags", body: flagsTable(src.FLAG_KINDS, src.FLAG_DESCRIPTIONS) },
  ];
}

/** The example programs of the native reference, one per language (each run or compiled by a test, but C#: no .NET SDK here). */
const NATIVE_EXAMPLES = [
  { language: "YAML", file: "examples/native/yaml/Pulumi.yaml", fence: "yaml" },
  { language: "Python", file: "examples/native/python/__main__.py", fence: "python" },
  { language: "Go", file: "examples/native/go/main.go", fence: "go" },
  { language: "C#", file: "examples/native/csharp/Program.cs", fence: "csharp" },
  { language: "TypeScript", file: "examples/native/typescript/index.ts", fence: "ts" },
];

/** Whole files generated from the code: the native plugin's package schema (from which sdk/ is generated) and its reference. */
export function wholeFiles(root: string): { file: string; body: string }[] {
  const schema = src.packageSchema();
  const examples = NATIVE_EXAMPLES.map((e) => ({ ...e, text: fs.readFileSync(path.join(root, e.file), "utf8") }));
  return [
    { file: "schema.json", body: `${JSON.stringify(schema, null, 2)}\n` },
    { file: "docs/reference/native.md", body: nativeReference(schema, examples) },
  ];
}

/** Writes (or, in "check" mode, compares) the whole generated files; returns the stale ones. */
export function refreshFiles(root: string, mode: "write" | "check", generated = wholeFiles(root)): string[] {
  const stale: string[] = [];
  for (const { file, body } of generated) {
    const full = path.join(root, file);
    const before = fs.existsSync(full) ? fs.readFileSync(full, "utf8") : undefined;
    if (before === body) continue;
    stale.push(file);
    if (mode === "write") fs.writeFileSync(full, body);
  }
  return stale;
}

/**
 * Applies `generated` to the files under `root`. Returns the blocks whose text differs from what
 * is there ("file: name"); writes the files only in "write" mode.
 */
export function refreshDocs(root: string, mode: "write" | "check", generated: Block[] = blocks()): string[] {
  const stale: string[] = [];
  for (const file of [...new Set(generated.map((b) => b.file))]) {
    const full = path.join(root, file);
    const before = fs.readFileSync(full, "utf8");
    let after = before;
    for (const block of generated.filter((b) => b.file === file)) {
      const next = replaceBlock(after, block.name, block.body, file);
      if (next !== after) stale.push(`${file}: ${block.name}`);
      after = next;
    }
    if (mode === "write" && after !== before) fs.writeFileSync(full, after);
  }
  return stale;
}

function main(argv: string[]): number {
  const unknown = argv.filter((a) => a !== "--check");
  if (unknown.length) {
    process.stderr.write(`usage: npm run docs [-- --check]\nunknown argument: ${unknown.join(" ")}\n`);
    return 2;
  }
  const check = argv.includes("--check");
  const root = src.ownPackageRoot(__dirname);
  const stale = [...refreshDocs(root, check ? "check" : "write"), ...refreshFiles(root, check ? "check" : "write")];
  if (check && stale.length) {
    process.stderr.write(`generated docs are stale (run \`npm run docs\`):\n${stale.map((s) => `  - ${s}\n`).join("")}`);
    return 1;
  }
  process.stdout.write(
    check ? "generated docs are current\n" : stale.length ? `rewrote ${stale.join(", ")}\n` : "generated docs already current\n",
  );
  return 0;
}

if (require.main === module) process.exit(main(process.argv.slice(2)));
