import * as fs from "fs";
import * as path from "path";
import { compareDefinitions, describeChange } from "../../../src/definition/compare";
import { formatPath } from "../../../src/definition/case";
import type { ApiDefinition } from "../../../src/definition/types";
import { CONTRACT_EXAMPLES, copy } from "../../fixtures/definitions";

type Def = any;

const load = (file: string): ApiDefinition =>
  JSON.parse(fs.readFileSync(path.join(__dirname, "..", "..", "..", "definitions", file), "utf8"));

const asana = load("my-asana.json");
const klaviyo = load("my-klaviyo.json");
const tavily = load("my-tavily.json");
const searchApi = load("my-search-api.json");

function changed(base: ApiDefinition, edit: (d: Def) => void): ApiDefinition {
  const d = copy(base) as Def;
  edit(d);
  return d;
}

const changePaths = (a: ApiDefinition, b: ApiDefinition) => compareDefinitions(a, b).changes.map((c) => formatPath(c.path));

describe("compareDefinitions", () => {
  it("finds nothing between a definition and itself or a copy", () => {
    for (const def of [asana, klaviyo, tavily, searchApi, ...Object.values(CONTRACT_EXAMPLES)]) {
      expect(compareDefinitions(def, copy(def))).toEqual({
        changes: [],
        replaceReasons: [],
        authChanged: false,
        scopesAdded: [],
        scopesRemoved: [],
      });
    }
  });

  it("reports a display_name change as a single cosmetic change", () => {
    const next = changed(asana, (d) => (d.display_name = "Our Asana"));
    const cmp = compareDefinitions(asana, next);
    expect(cmp.changes).toEqual([{ path: ["display_name"], before: "My Asana", after: "Our Asana" }]);
    expect(describeChange(cmp.changes[0])).toBe('display_name: "My Asana" => "Our Asana"');
    expect(cmp.replaceReasons).toEqual([]);
    expect(cmp.authChanged).toBe(false);
  });

  it("reports a scope addition exactly, as an auth change", () => {
    const next = changed(asana, (d) =>
      d.auth_patterns[0].oauth_config.available_scopes.push({ scope: "tasks:read", display_name: "Read tasks", required: false }),
    );
    const cmp = compareDefinitions(asana, next);
    expect(cmp.scopesAdded).toEqual(["tasks:read"]);
    expect(cmp.scopesRemoved).toEqual([]);
    expect(cmp.changes).toHaveLength(1);
    expect(cmp.changes[0].path).toEqual(["auth_patterns", 0, "oauth_config", "available_scopes", 2]);
    expect(cmp.changes[0].before).toBeUndefined();
    // Canonical forms leave empty values out: they mean the same as an absent key.
    expect(cmp.changes[0].after).toEqual({ scope: "tasks:read", display_name: "Read tasks" });
    expect(describeChange(cmp.changes[0])).toMatch(
      /^auth_patterns\[0\]\.oauth_config\.available_scopes\[2\]: \(none\) => \{.*"scope":"tasks:read".*\}$/,
    );
    expect(cmp.authChanged).toBe(true);
    expect(cmp.replaceReasons).toEqual([]);
  });

  it("reports a scope removal exactly", () => {
    const next = changed(asana, (d) => d.auth_patterns[0].oauth_config.available_scopes.shift());
    const cmp = compareDefinitions(asana, next);
    expect(cmp.scopesRemoved).toEqual(["profile"]);
    expect(cmp.scopesAdded).toEqual([]);
    expect(cmp.authChanged).toBe(true);
  });

  it("reports a metadata key removal with its old value", () => {
    const next = changed(klaviyo, (d) => delete d.metadata.revision);
    const cmp = compareDefinitions(klaviyo, next);
    expect(cmp.changes).toEqual([{ path: ["metadata", "revision"], before: "2024-10-15", after: undefined }]);
    expect(describeChange(cmp.changes[0])).toBe('metadata.revision: "2024-10-15" => (none)');
    expect(cmp.authChanged).toBe(false);
    expect(cmp.replaceReasons).toEqual([]);
  });

  it("quotes a metadata key that is not an identifier", () => {
    const next = changed(klaviyo, (d) => (d.metadata["cost center"] = "42"));
    const [c] = compareDefinitions(klaviyo, next).changes;
    expect(describeChange(c)).toBe('metadata["cost center"]: (none) => "42"');
  });

  it("gives a replace reason when the auth type changes", () => {
    const next = changed(klaviyo, (d) => (d.auth_patterns[0].type = "BEARER"));
    const cmp = compareDefinitions(klaviyo, next);
    expect(cmp.replaceReasons).toEqual(["auth type changes from API_KEY to BEARER"]);
    expect(cmp.authChanged).toBe(true);
    expect(changePaths(klaviyo, next)).toEqual(["auth_patterns[0].type"]);
    expect(describeChange(cmp.changes[0])).toBe('auth_patterns[0].type: "API_KEY" => "BEARER"');
  });

  it("gives a replace reason when OAUTH becomes BEARER, and the oauth_config removal shows", () => {
    const next: ApiDefinition = {
      ...copy(asana),
      auth_patterns: [{ type: "BEARER", fields: [{ field_name: "token", input_type: "password" }] }],
    };
    const cmp = compareDefinitions(asana, next);
    expect(cmp.replaceReasons).toEqual(["auth type changes from OAUTH to BEARER"]);
    expect(cmp.changes.map((c) => formatPath(c.path))).toEqual(
      expect.arrayContaining(["auth_patterns[0].oauth_config", "auth_patterns[0].type"]),
    );
    expect(cmp.scopesRemoved).toEqual(["profile", "email"]);
  });

  it("gives a replace reason when is_mcp changes", () => {
    const github = CONTRACT_EXAMPLES["Github MCP"];
    const next = changed(github, (d) => (d.auth_patterns[0].is_mcp = false));
    const cmp = compareDefinitions(github, next);
    expect(cmp.replaceReasons).toEqual(["is_mcp changes from true to false"]);
    expect(cmp.changes).toEqual([{ path: ["auth_patterns", 0, "is_mcp"], before: true, after: undefined }]);
    expect(cmp.authChanged).toBe(true);
  });

  it("treats a missing is_mcp like false (no replace reason)", () => {
    const next = changed(tavily, (d) => (d.auth_patterns[0].is_mcp = false));
    expect(compareDefinitions(tavily, next).replaceReasons).toEqual([]);
    expect(compareDefinitions(tavily, next).changes).toEqual([]);
  });

  it("does not count a label-only change as an auth change", () => {
    const next = changed(tavily, (d) => (d.auth_patterns[0].fields[0].label = "Tavily API Key"));
    const cmp = compareDefinitions(tavily, next);
    expect(cmp.changes).toEqual([
      { path: ["auth_patterns", 0, "fields", 0, "label"], before: "API Key", after: "Tavily API Key" },
    ]);
    expect(cmp.authChanged).toBe(false);
    expect(cmp.replaceReasons).toEqual([]);
  });

  it("does not count hint, pattern display_name or description changes as auth changes", () => {
    const next = changed(tavily, (d) => {
      d.auth_patterns[0].fields[0].hint = "starts with tvly-";
      d.auth_patterns[0].display_name = "Tavily key";
      d.auth_patterns[0].description = "Your key";
    });
    const cmp = compareDefinitions(tavily, next);
    expect(cmp.changes).toHaveLength(3);
    expect(cmp.authChanged).toBe(false);
  });

  it("counts a header override change as an auth change", () => {
    const next = changed(searchApi, (d) => (d.auth_patterns[0].auth_header_key_override = "x-search-key"));
    const cmp = compareDefinitions(searchApi, next);
    expect(cmp.changes).toEqual([
      { path: ["auth_patterns", 0, "auth_header_key_override"], before: "x-api-key", after: "x-search-key" },
    ]);
    expect(describeChange(cmp.changes[0])).toBe('auth_patterns[0].auth_header_key_override: "x-api-key" => "x-search-key"');
    expect(cmp.authChanged).toBe(true);
    expect(cmp.replaceReasons).toEqual([]);
  });

  it("counts adding a header override (from none) as an auth change", () => {
    const next = changed(tavily, (d) => (d.auth_patterns[0].auth_header_key_override = "x-api-key"));
    const cmp = compareDefinitions(tavily, next);
    expect(cmp.changes).toEqual([
      { path: ["auth_patterns", 0, "auth_header_key_override"], before: undefined, after: "x-api-key" },
    ]);
    expect(cmp.authChanged).toBe(true);
  });

  it("counts a mutation prefix change as an auth change", () => {
    const next = changed(klaviyo, (d) => (d.auth_patterns[0].auth_field_mutations.api_key.prefix = "Key "));
    const cmp = compareDefinitions(klaviyo, next);
    expect(changePaths(klaviyo, next)).toEqual(["auth_patterns[0].auth_field_mutations.api_key.prefix"]);
    expect(cmp.authChanged).toBe(true);
  });

  it("ignores what the server fills in: empty defaults, key order, proxy_enabled true by default", () => {
    const declared = changed(tavily, (d) => delete d.proxy_enabled);
    const stored = {
      metadata: {},
      icon_src: "",
      proxy_enabled: true,
      proxy_url: tavily.proxy_url,
      auth_patterns: [
        {
          auth_field_mutations: {},
          auth_header_key_override: "",
          is_mcp: false,
          account_fields: [],
          ...copy(tavily.auth_patterns[0]),
          fields: tavily.auth_patterns[0].fields!.map((f) => ({ is_path_param: false, ...f })),
        },
      ],
      description: tavily.description,
      display_name: tavily.display_name,
    } as ApiDefinition;
    expect(compareDefinitions(declared, stored).changes).toEqual([]);
  });

  it("notices proxy_enabled turned off", () => {
    const next = changed(tavily, (d) => (d.proxy_enabled = false));
    const cmp = compareDefinitions(tavily, next);
    expect(cmp.changes).toEqual([{ path: ["proxy_enabled"], before: true, after: false }]);
    expect(cmp.authChanged).toBe(false);
  });
});
