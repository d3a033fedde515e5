import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { parse } from "yaml";
import { projectNameFor } from "../../../src/cli/program-files";
import { named } from "../../fixtures/definitions";
import { tavily, useEmulator } from "../../support/emulator";
import { runCli } from "../../support/cli";
import { json, startFakeScalekit } from "../../support/fake-scalekit";

/** `export <from> --program DIR`: the files of a runnable program; the e2e test runs one. */
const dev = useEmulator();
const REPO_ROOT = path.resolve(__dirname, "../../..");
const pkg = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "package.json"), "utf8"));

const cli = (args: string[], cwd: string) =>
  runCli(args, {
    cwd,
    env: { DEV_ENVIRONMENT_URL: dev().url, DEV_CLIENT_ID: dev().clientId, DEV_CLIENT_SECRET: dev().clientSecret },
  });

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), "cli-program-"));
const read = (dir: string, file: string) => fs.readFileSync(path.join(dir, file), "utf8");

describe("export --program", () => {
  it("writes the program, its definitions and a stack settings file adopting every provider", async () => {
    dev().seedProvider(tavily);
    dev().seedProvider(named(tavily, "Search 2"));
    const cwd = tmp();
    const res = await cli(["export", "env:dev", "--program", "Acme Providers"], cwd);
    expect(res).toMatchObject({ code: 0, err: "" });
    const dir = path.join(cwd, "Acme Providers");
    expect(fs.readdirSync(dir).sort()).toEqual(
      ["Pulumi.dev.yaml", "Pulumi.yaml", "README.md", "definitions", "index.ts", "package.json", "tsconfig.json"].sort(),
    );
    expect(fs.readdirSync(path.join(dir, "definitions")).sort()).toEqual(["my-tavily.json", "search-2.json"]);

    const project = parse(read(dir, "Pulumi.yaml"));
    expect(project).toMatchObject({ name: "acme-providers", main: "index.ts", runtime: { name: "nodejs" } });
    expect(parse(read(dir, "Pulumi.dev.yaml"))).toEqual({ config: { "acme-providers:adopt": ["my-tavily", "search-2"] } });

    const manifest = JSON.parse(read(dir, "package.json"));
    expect(manifest.dependencies).toEqual({
      "pulumi-scalekit-providers": pkg.version,
      "@pulumi/pulumi": pkg.devDependencies["@pulumi/pulumi"],
    });
    expect(manifest.main).toBe("index.ts");
    expect(JSON.parse(read(dir, "tsconfig.json")).include).toEqual(["index.ts"]);
    expect(read(dir, "index.ts")).toContain('from "pulumi-scalekit-providers"');

    const readme = read(dir, "README.md");
    expect(readme).toContain(`pulumi config set scalekit:environmentUrl ${dev().url}`);
    expect(readme).toContain("pulumi config set scalekit:clientId <client id>");
    expect(readme).toContain("pulumi config set --secret scalekit:clientSecret <client secret>");
    expect(readme).toContain("pulumi stack init dev");
    // Nothing secret reaches the files or the output.
    for (const text of [res.out, readme, read(dir, "Pulumi.dev.yaml")]) expect(text).not.toContain(dev().clientSecret);
    expect(res.out).toContain("pulumi stack init dev");
  });

  it("says in the README and the stack file what a lingering adopt does", async () => {
    dev().seedProvider(tavily);
    const cwd = tmp();
    expect(await cli(["export", "env:dev", "--program", "p"], cwd)).toMatchObject({ code: 0 });
    const readme = read(path.join(cwd, "p"), "README.md").replace(/\s+/g, " ");
    expect(readme).toContain("`adopt` acts only when a resource enters the stack (a create)");
    expect(readme).toContain("takes nothing from another owner on an update");
    expect(readme).toContain("review --fail-on adopt");
    expect(read(path.join(cwd, "p"), "Pulumi.dev.yaml")).toContain("pulumi config rm adopt");
  });

  it("skips a listed provider without a display_name, with a warning, and exports the others", async () => {
    const fake = await startFakeScalekit((_req, res) =>
      json(res, {
        providers: [
          { identifier: "NONAME:1", auth_patterns: [], proxy_url: "https://x.example" },
          { ...tavily, identifier: "MYTAVILY:1" },
        ],
        next_page_token: "",
      }),
    );
    try {
      const cwd = tmp();
      const res = await runCli(["export", "env:dev", "--program", "p"], {
        cwd,
        env: { DEV_ENVIRONMENT_URL: fake.url, DEV_CLIENT_ID: "id", DEV_CLIENT_SECRET: "unnamed-secret" },
      });
      expect(res.code).toBe(0);
      expect(res.err).toMatch(/warning: Scalekit listed custom provider NONAME:1 without a display_name: it is skipped/);
      expect(fs.readdirSync(path.join(cwd, "p", "definitions"))).toEqual(["my-tavily.json"]);
      expect(parse(read(path.join(cwd, "p"), "Pulumi.dev.yaml"))).toEqual({ config: { "p:adopt": ["my-tavily"] } });
    } finally {
      await fake.close();
    }
  });

  it("writes the settings of the stack --stack names", async () => {
    dev().seedProvider(tavily);
    const cwd = tmp();
    expect((await cli(["export", "env:dev", "--program=prog", "--stack", "prod"], cwd)).code).toBe(0);
    expect(parse(read(path.join(cwd, "prog"), "Pulumi.prod.yaml"))).toEqual({ config: { "prog:adopt": ["my-tavily"] } });
    expect(fs.existsSync(path.join(cwd, "prog", "Pulumi.dev.yaml"))).toBe(false);
  });

  it("refuses to overwrite any file without --force, before writing anything", async () => {
    dev().seedProvider(tavily);
    const cwd = tmp();
    const dir = path.join(cwd, "prog");
    fs.mkdirSync(dir);
    fs.writeFileSync(path.join(dir, "index.ts"), "// mine\n");
    const res = await cli(["export", "env:dev", "--program", "prog"], cwd);
    expect(res.code).toBe(2);
    expect(res.err).toContain("index.ts exists: pass --force to overwrite");
    expect(fs.readdirSync(dir)).toEqual(["index.ts"]);
    expect((await cli(["export", "env:dev", "--program", "prog", "--force"], cwd)).code).toBe(0);
    expect(read(dir, "index.ts")).toContain("loadDefinitions");
  });

  it.each([
    [["export", "env:dev", "--program", "p", "--out", "d"], "--out and --program cannot be combined"],
    [["export", "env:dev", "--program", ""], "--program needs a value"],
    [["export", "env:dev", "--program", "p", "--stack", "acme/prod"], "is not a stack name"],
    [["compare", "env:dev", "dir:x", "--program", "p"], "--program does not apply to compare"],
  ])("refuses %j with exit 2", async (args, message) => {
    const res = await cli(args, tmp());
    expect(res.code).toBe(2);
    expect(res.err).toContain(message);
  });

  it("names a project after its folder, as Pulumi accepts", () => {
    expect(projectNameFor("Acme Providers")).toBe("acme-providers");
    expect(projectNameFor("--")).toBe("scalekit-providers");
    expect(projectNameFor("prod.v2")).toBe("prod.v2");
  });
});
