import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { blocks, refreshDocs } from "../../../scripts/docs/generate";
import { endMarker, startMarker } from "../../../scripts/docs/markers";
import { flagsTable, outputsTable, settingsTable, SettingsData } from "../../../scripts/docs/tables";
import { FLAG_DESCRIPTIONS, FLAG_KINDS } from "../../../src/review/flags";
import { CONFIG_KEYS, DEFAULT_NAMESPACE, FALLBACK_RULES } from "../../../src/config";

/**
 * The docs' generated tables (npm run docs) against the code: the committed docs are current, a
 * stale or hand-edited table is caught by the check `npm run lint` runs, and the tables really are
 * rendered from the code's values.
 */

const REPO_ROOT = path.resolve(__dirname, "../../..");
const generatedFiles = [...new Set(blocks().map((b) => b.file))];

/** A scratch copy of the docs holding generated blocks, to be spoiled by a test. */
function copyOfDocs(): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "scalekit-docs-"));
  for (const file of generatedFiles) {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.copyFileSync(path.join(REPO_ROOT, file), path.join(root, file));
  }
  return root;
}

const settingsData = (): SettingsData => ({ namespace: DEFAULT_NAMESPACE, keys: CONFIG_KEYS, fallback: FALLBACK_RULES });

describe("generated docs", () => {
  let root: string;
  beforeEach(() => {
    root = copyOfDocs();
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  it("the committed docs are current", () => {
    expect(refreshDocs(REPO_ROOT, "check")).toEqual([]);
  });

  it("the check finds a hand-edited table stale, names it, and changes nothing", () => {
    const file = path.join(root, "docs/reference/custom-provider.md");
    const spoiled = fs.readFileSync(file, "utf8").replace("| 20 s |", "| 30 s |");
    expect(spoiled).not.toBe(fs.readFileSync(path.join(REPO_ROOT, "docs/reference/custom-provider.md"), "utf8"));
    fs.writeFileSync(file, spoiled);

    expect(refreshDocs(root, "check")).toEqual(["docs/reference/custom-provider.md: settings"]);
    expect(fs.readFileSync(file, "utf8")).toBe(spoiled);
  });

  it("the check finds a table stale when the code changes, and writing brings the docs up to date", () => {
    const changed = blocks().map((b) => (b.name === "settings" ? { ...b, body: b.body.replace("| 20 s |", "| 25 s |") } : b));
    expect(refreshDocs(root, "check", changed)).toEqual(["docs/reference/custom-provider.md: settings"]);
    expect(refreshDocs(root, "write", changed)).toEqual(["docs/reference/custom-provider.md: settings"]);
    expect(fs.readFileSync(path.join(root, "docs/reference/custom-provider.md"), "utf8")).toContain("| 25 s |");
    expect(refreshDocs(root, "check", changed)).toEqual([]);
  });

  it("refuses a document whose markers are missing or doubled", () => {
    const file = path.join(root, "docs/reference/custom-provider.md");
    const text = fs.readFileSync(file, "utf8");
    fs.writeFileSync(file, text.replace(endMarker("inputs"), ""));
    expect(() => refreshDocs(root, "check")).toThrow(`no ${endMarker("inputs")}`);
    fs.writeFileSync(file, `${text}\n${startMarker("outputs")}\n`);
    expect(() => refreshDocs(root, "check")).toThrow(`${startMarker("outputs")} appears twice`);
  });
});

describe("tables rendered from the code", () => {
  it("the settings table carries each setting's variable, default and bounds as the code has them", () => {
    const data = settingsData();
    const moved = { ...data, keys: data.keys.map((k) => (k.key === "maxRetries" ? { ...k, default: 7, max: 12 } : k)) };
    const line = (table: string) => table.split("\n").find((l) => l.includes("`<namespace>:maxRetries`"));
    expect(line(settingsTable(data))).toContain("`SCALEKIT_MAX_RETRIES` (for every namespace)");
    expect(line(settingsTable(data))).toMatch(/\| 5 \| 0 to 10, whole \|$/);
    expect(line(settingsTable(moved))).toMatch(/\| 7 \| 0 to 12, whole \|$/);
  });

  it("follows each group's fallback rule, and refuses a group without one", () => {
    const data = settingsData();
    const table = settingsTable(data);
    // Credentials fall back for the default namespace only, as a unit; tuning settings for every namespace.
    expect(table).toContain("`scalekit:clientSecret` (set with `--secret`) | `SCALEKIT_CLIENT_SECRET` |");
    expect(table).toContain("and only when the stack config sets none of these keys");
    expect(() => settingsTable({ ...data, keys: [...data.keys, { ...data.keys[0], key: "region", group: "regional" }] })).toThrow(
      'no fallback rule for the config group "regional"',
    );
  });

  it("the review's flags table names every --fail-on flag, in order, and refuses one without a description", () => {
    const table = flagsTable(FLAG_KINDS, FLAG_DESCRIPTIONS);
    expect(
      table
        .split("\n")
        .slice(2, -1)
        .map((l) => /^\| `([a-z-]+)` \|/.exec(l)?.[1]),
    ).toEqual([...FLAG_KINDS]);
    expect(table).toContain("| `rename` | A `display_name` change.");
    expect(() => flagsTable([...FLAG_KINDS, "brand-new"], FLAG_DESCRIPTIONS)).toThrow('no note for the review flag "brand-new"');
  });

  it("refuses an output the resource registers without a note", () => {
    expect(() => outputsTable({ registered: ["identifier", "lastSynced"], notes: { identifier: "the id" } })).toThrow(
      "outputs without a note: lastSynced",
    );
  });
});
