import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { tavily, useEmulator } from "../../support/emulator";
import { named } from "../../fixtures/definitions";
import { runCli } from "../../support/cli";
import { importDocument } from "../../../src/cli/import-file";
import type { ApiProvider } from "../../../src/definition/types";

/**
 * `export --import-file`: an environment as Pulumi's bulk import document for the native type, one
 * entry per provider, names unique and valid in every language, and nothing written to Scalekit.
 */
const dev = useEmulator();
const cli = (args: string[], cwd: string) =>
  runCli(args, {
    cwd,
    env: { DEV_ENVIRONMENT_URL: dev().url, DEV_CLIENT_ID: dev().clientId, DEV_CLIENT_SECRET: dev().clientSecret },
  });
const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), "import-file-"));
const provider = (identifier: string, display_name: string) => ({ identifier, display_name }) as ApiProvider;

describe("the import document", () => {
  it("has one native resource per provider, the identifier as id, names unique and starting with a letter", () => {
    const doc = importDocument([
      provider("MYASANA:2", "my  asana"),
      provider("MYASANA:1", "My Asana"),
      provider("X123CORP:1", "123 Corp"),
    ]);
    expect(doc).toEqual({
      resources: [
        { type: "scalekit:index:CustomProvider", name: "my-asana", id: "MYASANA:1" },
        { type: "scalekit:index:CustomProvider", name: "my-asana-2", id: "MYASANA:2" },
        { type: "scalekit:index:CustomProvider", name: "provider-123-corp", id: "X123CORP:1" },
      ],
    });
  });

  it("refers every resource to an explicit provider through the name table", () => {
    const urn = "urn:pulumi:prod::acme::pulumi:providers:scalekit::prod";
    expect(importDocument([provider("A:1", "A")], { name: "prod", urn })).toEqual({
      nameTable: { prod: urn },
      resources: [{ type: "scalekit:index:CustomProvider", name: "a", id: "A:1", provider: "prod" }],
    });
  });
});

describe("scalekit-providers export --import-file", () => {
  it("writes the document of an environment with no write to it, and says how to import it", async () => {
    const a = dev().seedProvider(tavily);
    const b = dev().seedProvider(named(tavily, "Second Search"));
    const cwd = tmp();
    dev().clearRequests();
    const res = await cli(["export", "env:dev", "--import-file", "import.json"], cwd);
    expect(res).toMatchObject({ code: 0 });
    expect(res.out).toContain("pulumi import --file import.json --out <file>");
    expect(
      dev()
        .requests()
        .filter((r) => r.method !== "GET" && r.path !== "/oauth/token"),
    ).toEqual([]);
    const doc = JSON.parse(fs.readFileSync(path.join(cwd, "import.json"), "utf8"));
    expect(doc.resources).toEqual([
      { type: "scalekit:index:CustomProvider", name: "my-tavily", id: a.identifier },
      { type: "scalekit:index:CustomProvider", name: "second-search", id: b.identifier },
    ]);
    // An existing file is kept unless --force.
    expect((await cli(["export", "env:dev", "--import-file", "import.json"], cwd)).err).toContain("pass --force to overwrite");
    expect((await cli(["export", "env:dev", "--import-file", "import.json", "--force"], cwd)).code).toBe(0);
  });

  it("builds an explicit provider's URN from --stack and the project in the folder, or takes NAME=URN", async () => {
    dev().seedProvider(tavily);
    const cwd = tmp();
    fs.writeFileSync(path.join(cwd, "Pulumi.yaml"), "name: acme-providers\nruntime: yaml\n");
    expect((await cli(["export", "env:dev", "--import-file", "a.json", "--provider", "prod", "--stack", "prod"], cwd)).code).toBe(
      0,
    );
    expect(JSON.parse(fs.readFileSync(path.join(cwd, "a.json"), "utf8")).nameTable).toEqual({
      prod: "urn:pulumi:prod::acme-providers::pulumi:providers:scalekit::prod",
    });
    const urn = "urn:pulumi:live::other::pulumi:providers:scalekit::eu";
    expect((await cli(["export", "env:dev", "--import-file", "b.json", "--provider", `eu=${urn}`], cwd)).code).toBe(0);
    expect(JSON.parse(fs.readFileSync(path.join(cwd, "b.json"), "utf8")).nameTable).toEqual({ eu: urn });
  });

  it.each([
    [["--import-file", "a.json", "--provider", "prod"], "--provider prod needs --stack"],
    [["--import-file", "a.json", "--provider", "x=urn:pulumi:s::p::aws:iam:Role::x"], "must be a scalekit provider's"],
    [["--provider", "prod"], "--provider applies to --import-file only"],
    [["--import-file", "a.json", "--program", "p"], "cannot be combined"],
  ])("refuses %j", async (extra, message) => {
    dev().seedProvider(tavily);
    const res = await cli(["export", "env:dev", ...extra], tmp());
    expect(res.code).toBe(2);
    expect(res.err).toContain(message);
  });
});
