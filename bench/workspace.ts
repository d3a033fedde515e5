import { execFileSync, spawn } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { installLibrary } from "../scripts/lib/install-library";
import { isolatedPulumiEnv } from "../scripts/lib/isolated-pulumi-env";
import { ProviderRssSampler } from "./rss";
import { CUSTOM_PROGRAM, FLOOR_PROGRAM, MINIMAL_PROGRAM, NATIVE_PROGRAM, pulumiYaml } from "./programs";

/**
 * custom: N CustomProviders (baseline: the same, with an earlier version's library); native: the same
 * through the native plugin; minimal: the engine's minimal floor (the reference); floor: trivial
 * dynamic resources with a CustomProvider's inputs (what the size of those inputs costs the engine).
 */
export type Program = "custom" | "native" | "baseline" | "minimal" | "floor";

const PROGRAM_TEXT: Record<Program, string> = {
  custom: CUSTOM_PROGRAM,
  native: NATIVE_PROGRAM,
  baseline: CUSTOM_PROGRAM,
  minimal: MINIMAL_PROGRAM,
  floor: FLOOR_PROGRAM,
};

export const REPO_ROOT = path.resolve(__dirname, "../..");

export interface CliRun {
  seconds: number;
  /**
   * CPU seconds (user + system) of the CLI and every process it waited for (language host,
   * program, provider): unlike wall time, barely moved by other load on the machine.
   */
  cpuSeconds: number;
  /** Of which the dynamic-provider process (sampled, so up to one interval short). */
  providerCpuSeconds: number;
  /** Peak RSS of the dynamic-provider process, MB. */
  providerRssMb?: number;
}

/**
 * A throwaway Pulumi project for one program, with its own file backend and PULUMI_HOME, and a
 * node_modules where `pulumi-scalekit-providers` is installed as a user's `npm install` would.
 */
export class BenchWorkspace {
  readonly root: string;
  readonly dir: string;
  private readonly env: NodeJS.ProcessEnv;

  constructor(
    program: Program,
    binDir: string,
    extraEnv: Record<string, string>,
    floorPadBytes = 0,
    /** The checkout whose built library the program installs (a baseline's, or this one). */
    libraryRoot: string = REPO_ROOT,
  ) {
    this.root = fs.mkdtempSync(path.join(os.tmpdir(), `scalekit-bench-${program}-`));
    this.dir = path.join(this.root, "project");
    fs.mkdirSync(this.dir);
    fs.writeFileSync(path.join(this.dir, "Pulumi.yaml"), pulumiYaml(`bench-${program}`, program === "native"));
    fs.writeFileSync(path.join(this.dir, "index.js"), PROGRAM_TEXT[program]);
    fs.writeFileSync(path.join(this.dir, "package.json"), JSON.stringify({ name: `bench-${program}`, main: "index.js" }));
    installLibrary(libraryRoot, this.dir);
    this.env = { ...isolatedPulumiEnv(this.root, binDir, "bench"), BENCH_PAD: String(floorPadBytes), ...extraEnv };
  }

  /** Runs `pulumi args` for a stack of `count` resources against `environmentUrl`, timed. */
  async pulumi(
    args: string[],
    settings: { count: number; environmentUrl?: string; clientId?: string; clientSecret?: string; profileDir?: string },
  ): Promise<CliRun> {
    const env: NodeJS.ProcessEnv = { ...this.env, BENCH_COUNT: String(settings.count) };
    // Every node process below the CLI (the program, the provider) writes a CPU profile on exit.
    if (settings.profileDir) {
      fs.mkdirSync(settings.profileDir, { recursive: true });
      // Node 20 refuses --cpu-prof in NODE_OPTIONS: a preloaded module profiles through the inspector.
      env.NODE_OPTIONS = `${env.NODE_OPTIONS ?? ""} --require ${path.join(__dirname, "cpu-profile-preload.js")}`.trim();
      env.BENCH_PROFILE_DIR = settings.profileDir;
    }
    if (settings.environmentUrl) {
      env.SCALEKIT_ENVIRONMENT_URL = settings.environmentUrl;
      env.SCALEKIT_CLIENT_ID = settings.clientId;
      env.SCALEKIT_CLIENT_SECRET = settings.clientSecret;
    }
    const full = [...args, "--non-interactive", "--color", "never", "--stack", "bench"];
    // The engine (Go) profiles itself: <dir>/engine.<pid>.cpu, read with `go tool pprof`.
    if (settings.profileDir) full.push("--profiling", path.join(settings.profileDir, "engine"));
    const cpuBefore = reapedChildrenCpuSeconds();
    const started = process.hrtime.bigint();
    const child = spawn("pulumi", full, { cwd: this.dir, env, stdio: ["ignore", "pipe", "pipe"] });
    const sampler = new ProviderRssSampler(child.pid!);
    let output = "";
    child.stdout.on("data", (d) => (output += d));
    child.stderr.on("data", (d) => (output += d));
    const code = await new Promise<number>((resolve, reject) => {
      child.on("error", reject);
      child.on("close", (c) => resolve(c ?? -1));
    });
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const cpuSeconds = reapedChildrenCpuSeconds() - cpuBefore;
    const providerRssMb = sampler.stop();
    const providerCpuSeconds = sampler.providerCpuTicks() / clockTicks();
    if (code !== 0) throw new Error(`pulumi ${args.join(" ")} failed (${code}):\n${output.slice(-4000)}`);
    return {
      seconds: Math.round(seconds * 100) / 100,
      cpuSeconds: Math.round(cpuSeconds * 100) / 100,
      providerCpuSeconds: Math.round(providerCpuSeconds * 100) / 100,
      providerRssMb,
    };
  }

  async init(): Promise<void> {
    await this.pulumi(["stack", "init", "--secrets-provider", "passphrase"], { count: 1 });
  }

  dispose(): void {
    fs.rmSync(this.root, { recursive: true, force: true });
  }
}

let ticksPerSecond: number | undefined;

function clockTicks(): number {
  return (ticksPerSecond ??= Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100);
}

/** cutime + cstime of this process: the CPU time of its children that have exited and been reaped. */
function reapedChildrenCpuSeconds(): number {
  const stat = fs.readFileSync("/proc/self/stat", "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  // fields[0] is field 3 (state) of proc(5): cutime is field 16, cstime field 17.
  return (Number(fields[13]) + Number(fields[14])) / clockTicks();
}
