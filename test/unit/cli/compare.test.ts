import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { startEmulator, Emulator } from "../../../src/emulator";
import { asanaWithScopes, tavily } from "../../support/emulator";
import { runCli } from "../../support/cli";
import { exportProviders, plannedFiles } from "../../../src/cli/export";
import type { ApiProvider } from "../../../src/definition/types";

const asana = asanaWithScopes(["profile", "email"]);
const docs = {
  display_name: "Docs MCP",
  auth_patterns: [{ type: "NO_AUTH", is_mcp: true, fields: [] }],
  proxy_url: "https://d.example.com/mcp",
  proxy_enabled: true,
};

let dev: Emulator;
let prod: Emulator;

beforeAll(async () => {
  dev = await startEmulator();
  prod = await startEmulator();
});
afterAll(async () => {
  await dev.close();
  await prod.close();
});
beforeEach(() => {
  dev.reset();
  prod.reset();
});

const env = () => ({
  DEV_ENVIRONMENT_URL: dev.url,
  DEV_CLIENT_ID: dev.clientId,
  DEV_CLIENT_SECRET: dev.clientSecret,
  PROD_ENVIRONMENT_URL: prod.url,
  PROD_CLIENT_ID: prod.clientId,
  PROD_CLIENT_SECRET: prod.clientSecret,
});

const cli = (args: string[], cwd = process.cwd()) => runCli(args, { cwd, env: env() });

describe("compare", () => {
  it("exits 0 when both environments hold the same definitions, under different identifiers", async () => {
    const a = dev.seedProvider(tavily);
    const b = prod.seedProvider(tavily);
    expect(a.identifier).not.toBe(b.identifier);
    const res = await cli(["compare", "env:dev", "env:prod"]);
    expect(res.code).toBe(0);
    expect(res.out).toMatch(/= My Tavily/);
    expect(res.out).toMatch(/1 same, 0 missing, 0 different, 0 extra: in sync/);
  });

  it("reports missing, extra and changed providers field by field, calls out scopes and replacements, exits 1", async () => {
    dev.seedProvider({ ...tavily, description: "new text" });
    prod.seedProvider({ ...tavily, description: "old text" });
    dev.seedProvider(docs);
    prod.seedProvider({ ...tavily, display_name: "Legacy Search" });
    dev.seedProvider(asanaWithScopes(["profile", "tasks:read"]));
    prod.seedProvider(asana);
    const res = await cli(["compare", "env:dev", "env:prod"]);
    expect(res.code).toBe(1);
    expect(res.out).toMatch(/\+ Docs MCP: missing in env prod/);
    expect(res.out).toMatch(/- Legacy Search: only in env prod/);
    expect(res.out).toMatch(/~ My Tavily: differs in 1 place/);
    expect(res.out).toMatch(/description: "old text" => "new text"/);
    expect(res.out).toMatch(/OAuth scopes added: tasks:read/);
    expect(res.out).toMatch(/OAuth scopes removed: email/);
    expect(res.out).not.toContain(dev.clientSecret);
  });

  it("calls out a change that needs a replacement", async () => {
    dev.seedProvider({ ...tavily, auth_patterns: [{ type: "API_KEY", fields: [{ field_name: "api_key" }] }] });
    prod.seedProvider(tavily);
    const res = await cli(["compare", "env:dev", "env:prod"]);
    expect(res.code).toBe(1);
    expect(res.out).toMatch(/needs replacement: auth type changes from BEARER to API_KEY/);
  });

  it("offers --json for machines", async () => {
    dev.seedProvider(tavily);
    const res = await cli(["compare", "env:dev", "env:prod", "--json"]);
    const parsed = JSON.parse(res.out);
    expect(parsed).toMatchObject({ equal: false, missing: ["My Tavily"], extra: [], different: [] });
    expect(parsed.to.location).toBe(prod.url);
  });

  it("compares a folder of declarations with an environment", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "defs-"));
    fs.writeFileSync(path.join(dir, "my-tavily.json"), JSON.stringify(tavily));
    prod.seedProvider(tavily);
    expect((await cli(["compare", `dir:${dir}`, "env:prod"])).code).toBe(0);
    fs.writeFileSync(path.join(dir, "my-tavily.json"), JSON.stringify({ ...tavily, description: "declared" }));
    expect((await cli(["compare", `dir:${dir}`, "env:prod"])).code).toBe(1);
  });

  it("exits 2 with a redacted message on errors and bad usage", async () => {
    expect((await cli(["compare", "env:dev"])).code).toBe(2);
    const res = await cli(["compare", "env:nope", "env:prod"]);
    expect(res.code).toBe(2);
    expect(res.err).toMatch(/env:nope needs the environment variables NOPE_ENVIRONMENT_URL, NOPE_CLIENT_ID, NOPE_CLIENT_SECRET/);
  });
});

describe("compare in a terminal", () => {
  it("shows names and values from Scalekit as data: no control sequence, bidi or zero-width character gets through", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "declared-"));
    const planted = "x\u001b[2J\u001b]0;owned\u0007\u202e\u200b\u061c\r";
    fs.writeFileSync(
      path.join(dir, "a.json"),
      JSON.stringify({ ...tavily, display_name: `Evil${planted}`, description: planted }),
    );
    prod.seedProvider({ ...tavily, display_name: "Other" });
    for (const args of [
      ["compare", `dir:${dir}`, "env:prod"],
      ["compare", `dir:${dir}`, "env:prod", "--json"],
    ]) {
      const res = await cli(args);
      expect(res.code).toBe(1);
      // eslint-disable-next-line no-control-regex -- the characters that must not reach a terminal
      expect(res.out + res.err).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f\u202e\u200b\u061c]/);
    }
    expect((await cli(["compare", `dir:${dir}`, "env:prod"])).out).toContain(
      "+ Evilx\\u001b[2J\\u001b]0;owned\\u0007\\u202e\\u200b\\u061c\\r",
    );
  });

  it("keeps each value from a definition on its one line: a line end in a scope or a name cannot add a false verdict", async () => {
    const forged = "email\n  = Everything in sync\n\n0 same, 0 missing, 0 different, 0 extra: in sync";
    dev.seedProvider(asanaWithScopes(["profile", forged]));
    prod.seedProvider(asana);
    const res = await cli(["compare", "env:dev", "env:prod"]);
    expect(res.code).toBe(1);
    const lines = res.out.split("\n");
    expect(lines.filter((l) => /in sync/.test(l) && !l.includes("\\n"))).toEqual([]);
    expect(lines.filter((l) => l.startsWith("  = "))).toEqual([]);
    expect(res.out).toContain("email\\n  = Everything in sync\\n\\n0 same");
    expect(lines[lines.length - 1] || lines[lines.length - 2]).toMatch(/differs from/);
  });
});

describe("export", () => {
  it("writes one definition file per provider, in the API's JSON without empty server defaults", async () => {
    dev.seedProvider(tavily);
    dev.seedProvider(asana);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "export-"));
    const res = await cli(["export", "env:dev", "--out", dir]);
    expect(res.code).toBe(0);
    expect(fs.readdirSync(dir).sort()).toEqual(["my-asana.json", "my-tavily.json"]);
    const written = JSON.parse(fs.readFileSync(path.join(dir, "my-tavily.json"), "utf8"));
    expect(written).toEqual({ ...tavily, description: "Tavily web search", auth_patterns: [{ ...tavily.auth_patterns[0] }] });
    expect(res.out).toMatch(/pulumi config set adopt '\["my-asana","my-tavily"\]'/);
    expect((await cli(["export", "env:dev", "--out", dir])).code).toBe(2);
    expect((await cli(["compare", `dir:${dir}`, "env:dev"])).code).toBe(0);
  });

  it("reads back catalogue types, nulls and unknown keys without error; compare sees them, export keeps them", async () => {
    const m2m = {
      display_name: "Machine Client",
      auth_patterns: [
        { type: "OAUTH_M2M", display_name: "Client credentials", oauth_config: null, fields: [], scope_separator: " " },
      ],
      proxy_url: "https://m2m.example.com",
      proxy_enabled: true,
    };
    dev.seedProvider(m2m);
    prod.seedProvider({ ...m2m, auth_patterns: [{ ...m2m.auth_patterns[0], scope_separator: "," }] });
    const diff = await cli(["compare", "env:dev", "env:prod"]);
    expect(diff.code).toBe(1);
    expect(diff.out).toContain('auth_patterns[0].scope_separator: "," => " "');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "export-"));
    expect((await cli(["export", "env:dev", "--out", dir])).code).toBe(0);
    const written = JSON.parse(fs.readFileSync(path.join(dir, "machine-client.json"), "utf8"));
    // The null is dropped (it means absent); the empty fields list is kept, as the docs print it.
    expect(written.auth_patterns).toEqual([
      { type: "OAUTH_M2M", display_name: "Client credentials", fields: [], scope_separator: " " },
    ]);
    expect((await cli(["compare", `dir:${dir}`, "env:dev"])).code).toBe(0);
  });

  it("gives distinct file names when display names map to one, and never drops a provider", () => {
    const provider = (display_name: string | undefined, identifier: string) =>
      ({ ...tavily, display_name, identifier, id: identifier }) as unknown as ApiProvider;
    const providers = [
      provider("My  Asana", "MYASANA:2"),
      provider("my asana", "MYASANA:1"),
      provider("My Asana 2", "MYASANA2:1"),
      provider("", "X:1"),
      provider(undefined, "Y:1"),
      provider("My Asana", "MYASANA:3"),
    ];
    const planned = plannedFiles(providers);
    expect(planned.map((p) => [p.name, p.provider.identifier])).toEqual([
      ["my-asana", "MYASANA:1"],
      ["my-asana-2", "MYASANA2:1"],
      ["my-asana-3", "MYASANA:2"],
      ["my-asana-4", "MYASANA:3"],
      ["provider", "X:1"],
      ["provider-2", "Y:1"],
    ]);
    // The same on every run, whatever order Scalekit lists them in.
    expect(plannedFiles([...providers].reverse())).toEqual(planned);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "export-"));
    const { written, names } = exportProviders(providers, dir);
    expect(written).toHaveLength(providers.length);
    expect(fs.readdirSync(dir)).toHaveLength(providers.length);
    expect(names).toEqual(planned.map((p) => p.name));
    // All or nothing: an existing file is refused before anything is written.
    const again = fs.mkdtempSync(path.join(os.tmpdir(), "export-"));
    fs.writeFileSync(path.join(again, "provider-2.json"), "{}");
    expect(() => exportProviders(providers, again)).toThrow(/provider-2\.json exists: pass --force/);
    expect(fs.readdirSync(again)).toEqual(["provider-2.json"]);
  });
});
