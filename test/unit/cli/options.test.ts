import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { USAGE } from "../../../src/cli/main";
import { tavily, useEmulator } from "../../support/emulator";
import { runCli } from "../../support/cli";

/** Options are parsed by node:util parseArgs: `--out=DIR` and `--out DIR` alike, anything unknown is refused. */
const dev = useEmulator();

const cli = (args: string[], cwd: string) =>
  runCli(args, {
    cwd,
    env: { DEV_ENVIRONMENT_URL: dev().url, DEV_CLIENT_ID: dev().clientId, DEV_CLIENT_SECRET: dev().clientSecret },
  });

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), "cli-options-"));

describe("CLI options", () => {
  it("export --out=DIR writes into DIR, not into definitions/", async () => {
    dev().seedProvider(tavily);
    const cwd = tmp();
    const res = await cli(["export", "env:dev", "--out=exported"], cwd);
    expect(res.code).toBe(0);
    expect(fs.readdirSync(path.join(cwd, "exported"))).toEqual(["my-tavily.json"]);
    expect(fs.existsSync(path.join(cwd, "definitions"))).toBe(false);
  });

  it("export --out DIR (separate value) still works", async () => {
    dev().seedProvider(tavily);
    const cwd = tmp();
    expect((await cli(["export", "env:dev", "--out", "elsewhere"], cwd)).code).toBe(0);
    expect(fs.readdirSync(path.join(cwd, "elsewhere"))).toEqual(["my-tavily.json"]);
  });

  it.each([
    [["compare", "env:dev", "env:dev2", "--jsn"]],
    [["export", "env:dev", "--outt=x"]],
    [["export", "env:dev", "--out"]],
    [["compare", "env:dev", "dir:x", "--json=yes"]],
    [["export", "env:dev", "--force=1"]],
  ])("exits 2 with the usage for an unknown or malformed option: %j", async (args) => {
    const cwd = tmp();
    const res = await cli(args, cwd);
    expect(res.code).toBe(2);
    expect(res.err).toContain(USAGE);
    expect(res.err).toMatch(/^error: /);
    expect(dev().requests()).toEqual([]);
  });

  it("refuses an option that belongs to the other command", async () => {
    const res = await cli(["compare", "env:dev", "dir:x", "--out=y"], tmp());
    expect(res.code).toBe(2);
    expect(res.err).toMatch(/--out/);
  });
});
