import { execFileSync, spawn } from "child_process";
import * as path from "path";

export const REPO_ROOT = path.resolve(__dirname, "../../..");

let binDir: string | undefined;

/**
 * The directory holding `pulumi`, our language host and the dynamic-provider plugin: PULUMI_BIN_DIR
 * when .ci/run already resolved it, else scripts/pulumi-cli/install.sh (seconds when cached).
 */
export function pulumiBinDir(): string {
  if (binDir) return binDir;
  binDir =
    process.env.PULUMI_BIN_DIR ||
    execFileSync("bash", [path.join(REPO_ROOT, "scripts/pulumi-cli/install.sh")], {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "inherit"],
    })
      .trim()
      .split("\n")
      .pop()!;
  return binDir;
}

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
  /** stdout and stderr together, for assertions on what a user would see. */
  output: string;
}

/** Runs a command without blocking the event loop: the emulators live in this process. */
export function run(
  cmd: string,
  args: string[],
  opts: { cwd: string; env: NodeJS.ProcessEnv; timeoutMs?: number },
): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd: opts.cwd, env: opts.env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    let output = "";
    child.stdout.on("data", (d) => ((stdout += d), (output += d)));
    child.stderr.on("data", (d) => ((stderr += d), (output += d)));
    const timer = setTimeout(() => child.kill("SIGKILL"), opts.timeoutMs ?? 300_000);
    child.on("error", reject);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? -1, stdout, stderr, output });
    });
  });
}
