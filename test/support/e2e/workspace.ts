import { ChildProcess, spawn } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import type { Emulator } from "../../../src/emulator";
import { apiCalls } from "../emulator";
import { canonicalDefinition } from "../../../src/definition/normalize";
import { OWNER_KEY, serverDefinition } from "../../../src/definition/ownership";
import { installLibrary } from "../../../scripts/lib/install-library";
import { isolatedPulumiEnv } from "../../../scripts/lib/isolated-pulumi-env";
import { pulumiBinDir, REPO_ROOT, run, RunResult } from "./cli";

export const PASSPHRASE = "e2e-passphrase";

/** Files that make this repository a Pulumi project; node_modules and dist are linked, not copied. */
const PROJECT_FILES = ["Pulumi.yaml", "Pulumi.dev.yaml", "Pulumi.prod.yaml", "index.ts", "tsconfig.json", "package.json"];

export interface WorkspaceOptions {
  /** A program directory to copy instead of this repository's own program. */
  programDir?: string;
  /** Definitions to use instead of definitions/: file name (without .json) to API JSON. */
  definitions?: Record<string, object>;
  /**
   * For a standalone program (with programDir), such as one under examples/: copy its whole tree and
   * give it a node_modules of its own, as `npm install` would, in which `pulumi-scalekit-providers`
   * is a copy of the files `npm pack` ships (as the examples' `install-links` makes npm install it)
   * and every other entry links to this repository's node_modules. The program keeps its own definitions/ unless `definitions`
   * is given; nothing is written to it otherwise.
   */
  linkLibrary?: boolean;
  /**
   * Run the CLI in programDir itself, with the node_modules it already has: a throwaway program the
   * test built and installed as its user would. Where a package sits relative to the program's
   * directory decides what Pulumi stores for the provider, so a copy with linked modules would not do.
   */
  inPlace?: boolean;
}

/**
 * A throwaway copy of a Pulumi program with its own file backend and PULUMI_HOME, so each test
 * suite runs the real CLI against real stacks without touching the repository or ~/.pulumi.
 */
export class Workspace {
  readonly root: string;
  readonly dir: string;
  readonly definitionsDir: string;
  private readonly env: NodeJS.ProcessEnv;

  constructor(options: WorkspaceOptions = {}) {
    if (options.inPlace && !options.programDir) throw new Error("inPlace needs programDir");
    this.root = fs.mkdtempSync(path.join(os.tmpdir(), "scalekit-e2e-"));
    this.dir = options.inPlace ? options.programDir! : path.join(this.root, "project");
    fs.mkdirSync(this.dir, { recursive: true });
    if (options.inPlace) {
      this.definitionsDir = path.join(this.dir, "definitions");
      fs.mkdirSync(this.definitionsDir, { recursive: true });
      for (const [name, def] of Object.entries(options.definitions ?? {})) this.writeDefinition(name, def);
    } else if (options.linkLibrary) {
      if (!options.programDir) throw new Error("linkLibrary needs programDir");
      const program = options.programDir;
      fs.cpSync(program, this.dir, {
        recursive: true,
        filter: (from) => !["node_modules", "dist"].includes(path.relative(program, from).split(path.sep)[0]),
      });
      installLibrary(REPO_ROOT, this.dir);
      this.definitionsDir = path.join(this.dir, "definitions");
      if (options.definitions) {
        fs.mkdirSync(this.definitionsDir, { recursive: true });
        for (const [name, def] of Object.entries(options.definitions)) this.writeDefinition(name, def);
      }
    } else {
      const source = options.programDir ?? REPO_ROOT;
      for (const file of fs.readdirSync(source)) {
        const from = path.join(source, file);
        if (
          options.programDir
            ? !["node_modules", "dist"].includes(file) && fs.statSync(from).isFile()
            : PROJECT_FILES.includes(file)
        ) {
          fs.copyFileSync(from, path.join(this.dir, file));
        }
      }
      if (!options.programDir) {
        fs.symlinkSync(path.join(REPO_ROOT, "dist"), path.join(this.dir, "dist"));
      }
      fs.symlinkSync(
        options.programDir && fs.existsSync(path.join(options.programDir, "node_modules"))
          ? path.join(options.programDir, "node_modules")
          : path.join(REPO_ROOT, "node_modules"),
        path.join(this.dir, "node_modules"),
      );
      this.definitionsDir = path.join(this.dir, "definitions");
      fs.mkdirSync(this.definitionsDir);
      const definitions = options.definitions ?? readRepoDefinitions();
      for (const [name, def] of Object.entries(definitions)) this.writeDefinition(name, def);
    }

    this.env = isolatedPulumiEnv(this.root, pulumiBinDir(), PASSPHRASE);
  }

  writeDefinition(name: string, def: object): void {
    fs.writeFileSync(path.join(this.definitionsDir, `${name}.json`), JSON.stringify(def, null, 2));
  }

  removeDefinition(name: string): void {
    fs.rmSync(path.join(this.definitionsDir, `${name}.json`));
  }

  pulumi(args: string[], stack?: string): Promise<RunResult> {
    const full = [...withoutRepeatedPreview(args), "--non-interactive", "--color", "never", ...(stack ? ["--stack", stack] : [])];
    return run("pulumi", full, { cwd: this.dir, env: this.env });
  }

  /** Runs another command (node, a script of the program) in the program's folder, with the same isolated Pulumi environment. */
  exec(cmd: string, args: string[], extraEnv: NodeJS.ProcessEnv = {}): Promise<RunResult> {
    return run(cmd, args, { cwd: this.dir, env: { ...this.env, ...extraEnv } });
  }

  /** Starts a command in its own process group (so it can be killed with everything it started), output captured. */
  start(args: string[], stack?: string): { child: ChildProcess; output: () => string } {
    const full = [...args, "--non-interactive", "--color", "never", ...(stack ? ["--stack", stack] : [])];
    const child = spawn("pulumi", full, { cwd: this.dir, env: this.env, stdio: ["ignore", "pipe", "pipe"], detached: true });
    let output = "";
    child.stdout!.on("data", (d) => (output += d));
    child.stderr!.on("data", (d) => (output += d));
    return { child, output: () => output };
  }

  /** The file backend's folder (PULUMI_BACKEND_URL=file://...). */
  get backendDir(): string {
    return path.join(this.root, "state");
  }

  /** Runs and fails the test with the CLI's output when the command fails. */
  async ok(args: string[], stack?: string): Promise<RunResult> {
    const result = await this.pulumi(args, stack);
    if (result.code !== 0) throw new Error(`pulumi ${args.join(" ")} failed (${result.code}):\n${result.output}`);
    return result;
  }

  /** `stack init` plus the config that points the stack at an emulator. */
  async initStack(stack: string, emulator: Emulator, extra: Record<string, string> = {}): Promise<void> {
    await this.ok(["stack", "init", stack, "--secrets-provider", "passphrase"]);
    await this.ok(["config", "set", "scalekit:environmentUrl", emulator.url], stack);
    await this.ok(["config", "set", "scalekit:clientId", emulator.clientId], stack);
    await this.ok(["config", "set", "--secret", "scalekit:clientSecret", emulator.clientSecret], stack);
    await this.ok(["config", "set", "definitionsDir", this.definitionsDir], stack);
    for (const [key, value] of Object.entries(extra)) await this.ok(["config", "set", key, value], stack);
  }

  async exportState(stack: string): Promise<{ text: string; resources: StateResource[] }> {
    const { stdout } = await this.ok(["stack", "export"], stack);
    const parsed = JSON.parse(stdout);
    return { text: stdout, resources: parsed.deployment.resources ?? [] };
  }

  /** The CustomProvider resources in a stack's state. */
  async providersInState(stack: string): Promise<StateResource[]> {
    const { resources } = await this.exportState(stack);
    return resources.filter((r) => r.type === "pulumi-nodejs:dynamic/scalekit:CustomProvider");
  }

  dispose(): void {
    fs.rmSync(this.root, { recursive: true, force: true });
  }
}

/**
 * `up`, `refresh` and `destroy --yes` run their own preview first, which repeats check and diff that
 * the operation itself runs: the tests skip it (--skip-preview) and run `pulumi preview` wherever they
 * check what a preview shows. An `--expect-no-changes` run keeps its preview, which that flag reads.
 */
function withoutRepeatedPreview(args: string[]): string[] {
  const repeats = ["up", "refresh", "destroy"].includes(args[0]) && args.includes("--yes");
  return repeats && !args.includes("--skip-preview") && !args.includes("--expect-no-changes")
    ? [...args, "--skip-preview"]
    : args;
}

export interface StateResource {
  urn: string;
  type: string;
  id?: string;
  inputs?: Record<string, unknown>;
  outputs?: Record<string, unknown>;
}

export function readRepoDefinitions(): Record<string, object> {
  const dir = path.join(REPO_ROOT, "definitions");
  return Object.fromEntries(
    fs
      .readdirSync(dir)
      .filter((f) => f.endsWith(".json"))
      .map((f) => [f.replace(/\.json$/, ""), JSON.parse(fs.readFileSync(path.join(dir, f), "utf8"))]),
  );
}

/** Non-GET API calls the emulator saw, as "METHOD path". */
export function writesSeen(emulator: Emulator): string[] {
  return apiCalls(emulator).filter((call) => !call.startsWith("GET "));
}

/** The state id a stack drew (its scalekit-state-identity resource), once its first `up` has run. */
export async function stateIdOf(ws: Workspace, stack: string): Promise<string> {
  const { resources } = await ws.exportState(stack);
  const identity = resources.find((r) => r.type === "pulumi-nodejs:dynamic/scalekit:StateIdentity");
  if (typeof identity?.outputs?.stateId !== "string") throw new Error(`stack ${stack} has no state identity yet`);
  return identity.outputs.stateId;
}

/**
 * The first `up` of a stack declaring providers that already exist (exported, then adopted): no
 * create and no delete, at most one PUT per provider that changes nothing but its ownership marker
 * (now naming this stack), state records exactly the environment's identifiers, and preview and
 * refresh then see nothing to change.
 */
export async function expectAdoptedWithMarkerWritesOnly(ws: Workspace, stack: string, emulator: Emulator): Promise<void> {
  // Compared in canonical form: a PUT of the exported definition may drop what means "empty" (a null).
  const before = new Map(emulator.providers().map((p) => [p.identifier, canonicalDefinition(serverDefinition(p))]));
  emulator.clearRequests();
  await ws.ok(["up", "--yes"], stack);
  const writes = writesSeen(emulator);
  expect(writes.filter((w) => !w.startsWith("PUT "))).toEqual([]);
  expect(new Set(writes).size).toBe(writes.length);
  const stateId = await stateIdOf(ws, stack);
  for (const p of emulator.providers()) {
    expect(canonicalDefinition(serverDefinition(p))).toEqual(before.get(p.identifier));
    expect(p.metadata?.[OWNER_KEY]).toMatch(new RegExp(`/${stack}/.*@${stateId}$`));
  }
  expect((await ws.providersInState(stack)).map((r) => r.id).sort()).toEqual([...before.keys()].sort());
  await ws.ok(["preview", "--expect-no-changes"], stack);
  await ws.ok(["refresh", "--yes", "--expect-no-changes"], stack);
}
