import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { startEmulator, Emulator } from "../../src/emulator";
import { pulumiBinDir, REPO_ROOT, run, RunResult } from "../support/e2e/cli";

jest.setTimeout(900_000);

/**
 * The README's steps on a fresh `git clone` (of the committed state of this checkout), on a machine
 * with a Pulumi CLI on PATH and no Go: `npm ci`, then `npm run demo`, then the steps of "Pointing the
 * stacks at real Scalekit environments" (docs/operating-the-stacks.md, linked from the README) against
 * an emulator's URL. The user's CLI is simulated by a
 * directory like the official distribution's (pulumi, pulumi-language-nodejs and the plugin script)
 * whose binaries are the ones built for the other tests; the CLI cache starts empty.
 */

describe("a fresh clone, by the README's steps, with a Pulumi CLI on PATH and no Go", () => {
  let root: string;
  let clone: string;
  let env: NodeJS.ProcessEnv;
  let emulator: Emulator;

  async function sh(cmd: string, args: string[], timeoutMs = 600_000): Promise<RunResult> {
    const result = await run(cmd, args, { cwd: clone, env, timeoutMs });
    if (result.code !== 0) throw new Error(`${cmd} ${args.join(" ")} failed (${result.code}):\n${result.output}`);
    return result;
  }

  beforeAll(async () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), "scalekit-clone-"));
    clone = path.join(root, "clone");
    const userCli = path.join(root, "pulumi-cli");
    fs.mkdirSync(userCli);
    for (const tool of ["pulumi", "pulumi-language-nodejs"])
      fs.symlinkSync(path.join(pulumiBinDir(), tool), path.join(userCli, tool));
    fs.copyFileSync(
      path.join(REPO_ROOT, "scripts/pulumi-cli/pulumi-resource-pulumi-nodejs"),
      path.join(userCli, "pulumi-resource-pulumi-nodejs"),
    );
    fs.chmodSync(path.join(userCli, "pulumi-resource-pulumi-nodejs"), 0o755);

    const withoutGo = (process.env.PATH ?? "").split(path.delimiter).filter((dir) => dir && !fs.existsSync(path.join(dir, "go")));
    const inherited = Object.fromEntries(
      Object.entries(process.env).filter(([k]) => !k.startsWith("SCALEKIT_") && !k.startsWith("PULUMI_")),
    );
    env = {
      ...inherited,
      PATH: [userCli, path.dirname(process.execPath), ...withoutGo].join(path.delimiter),
      SCALEKIT_PULUMI_CACHE: path.join(root, "cli-cache"),
      PULUMI_HOME: path.join(root, "pulumi-home"),
      PULUMI_CONFIG_PASSPHRASE: "fresh-clone",
      PULUMI_SKIP_UPDATE_CHECK: "true",
      PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
      NO_COLOR: "1",
    };
    const noGo = await run("bash", ["-c", "command -v go || echo none"], { cwd: root, env });
    expect(noGo.stdout.trim()).toBe("none");

    const cloned = await run("git", ["clone", "--quiet", REPO_ROOT, clone], { cwd: root, env });
    if (cloned.code !== 0) throw new Error(`git clone failed:\n${cloned.output}`);
    emulator = await startEmulator({ clientId: "skc_fresh", clientSecret: "fresh-clone-secret-7c6b5a" });
  });

  afterAll(async () => {
    await emulator?.close();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it("npm ci builds the library (the `prepare` script)", async () => {
    expect(fs.existsSync(path.join(clone, "dist"))).toBe(false);
    await sh("npm", ["ci", "--no-audit", "--no-fund", "--prefer-offline"]);
    expect(fs.existsSync(path.join(clone, "dist/src/index.js"))).toBe(true);
  });

  it("npm run demo uses the CLI on PATH, builds nothing, and ends with no changes", async () => {
    const demo = await run("npm", ["run", "demo"], {
      cwd: clone,
      env: { ...env, SCALEKIT_EMULATOR_PORT: "0" },
      timeoutMs: 600_000,
    });
    if (demo.code !== 0) throw new Error(`npm run demo failed (${demo.code}):\n${demo.output}`);
    expect(demo.output).toMatch(
      /using pulumi v3\.\d+\.\d+ found on PATH \(.*pulumi-cli\/pulumi; minimum v3\.150\.0\): no build needed/,
    );
    expect(demo.output).not.toMatch(/building pulumi/);
    expect(fs.existsSync(path.join(root, "cli-cache/cli"))).toBe(false);
    expect(demo.output).toContain("demo: done");
  });

  it("pulumi stack init, the three config settings and pulumi preview work against an environment URL", async () => {
    const state = path.join(root, "state");
    fs.mkdirSync(state);
    await sh("pulumi", ["login", `file://${state}`]);
    await sh("pulumi", ["stack", "init", "dev", "--non-interactive"]);
    await sh("pulumi", ["config", "set", "scalekit:environmentUrl", emulator.url, "--stack", "dev"]);
    await sh("pulumi", ["config", "set", "scalekit:clientId", emulator.clientId, "--stack", "dev"]);
    await sh("pulumi", ["config", "set", "--secret", "scalekit:clientSecret", emulator.clientSecret, "--stack", "dev"]);
    const preview = await sh("pulumi", ["preview", "--stack", "dev", "--non-interactive"]);
    const definitions = fs.readdirSync(path.join(clone, "definitions")).filter((f) => f.endsWith(".json")).length;
    expect(preview.stdout).toContain(`+ ${definitions + 2} to create`); // the stack and the state identity
    expect(preview.output).not.toContain(emulator.clientSecret);
    expect(emulator.providers()).toEqual([]);
  });
});
