import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { isolatedPulumiEnv } from "../../scripts/lib/isolated-pulumi-env";
import { pulumiBinDir, REPO_ROOT, run, RunResult } from "../support/e2e/cli";

jest.setTimeout(600_000);

/**
 * The YAML and Python language hosts in the bin directory of scripts/pulumi-cli/install.sh (the
 * official ones beside a user's CLI, or the official YAML host built from the Go module proxy and our
 * minimal Python host, tools/pulumi-language-python): a YAML program and a Python program with no
 * resources, only stack outputs built from the stack's config (a secret included), go through `pulumi
 * up`, `preview` and `destroy` with the real CLI against a file backend, and their outputs are read
 * back. The Python program runs with the interpreter of the cached virtualenv of scripts/python/venv.sh,
 * named in Pulumi.yaml as `runtime.options.virtualenv`. A PCL program converted to Python by the
 * host (`pulumi convert`) runs too. The native plugin's tests build on this (test/e2e/native-python
 * has the host's other code generation: `pulumi import --out` and `pulumi package add`).
 */

const PASSPHRASE = "language-hosts";

class Program {
  readonly root: string;
  readonly dir: string;
  readonly env: NodeJS.ProcessEnv;

  constructor(name: string, files: Record<string, string>) {
    this.root = fs.mkdtempSync(path.join(os.tmpdir(), `scalekit-${name}-`));
    this.dir = path.join(this.root, "program");
    fs.mkdirSync(this.dir);
    for (const [file, text] of Object.entries(files)) fs.writeFileSync(path.join(this.dir, file), text);
    this.env = isolatedPulumiEnv(this.root, pulumiBinDir(), PASSPHRASE);
  }

  /** Runs the CLI in the program's directory, or in `cwd` (another project under the same root). */
  pulumi(args: string[], cwd = this.dir): Promise<RunResult> {
    return run("pulumi", [...args, "--non-interactive", "--color", "never"], { cwd, env: this.env });
  }

  async ok(args: string[], cwd = this.dir): Promise<RunResult> {
    const result = await this.pulumi(args, cwd);
    if (result.code !== 0) throw new Error(`pulumi ${args.join(" ")} failed (${result.code}):\n${result.output}`);
    return result;
  }

  async outputs(): Promise<Record<string, unknown>> {
    return JSON.parse((await this.ok(["stack", "output", "--json", "--show-secrets"])).stdout);
  }

  async resources(): Promise<string[]> {
    const exported = JSON.parse((await this.ok(["stack", "export"])).stdout);
    return (exported.deployment.resources ?? []).map((r: { type: string }) => r.type);
  }

  dispose(): void {
    fs.rmSync(this.root, { recursive: true, force: true });
  }
}

/** up, a preview with no changes, the outputs, destroy: what every program below goes through. */
function lifecycle(program: () => Program, expected: () => Record<string, unknown>, secret: string) {
  it("pulumi up creates the stack and its outputs, the secret one kept secret", async () => {
    const up = await program().ok(["up", "--yes"]);
    expect(up.output).toMatch(/\+ 1 created/);
    expect(up.output).not.toContain(secret);
    expect(await program().outputs()).toEqual(expected());
    const state = (await program().ok(["stack", "export"])).stdout;
    expect(state).not.toContain(secret);
  });

  it("pulumi preview afterwards shows no changes", async () => {
    const preview = await program().ok(["preview", "--diff"]);
    expect(preview.output).toMatch(/1 unchanged/);
    expect(preview.output).not.toMatch(/to (create|update|delete|replace)/);
  });

  it("pulumi destroy leaves nothing", async () => {
    await program().ok(["destroy", "--yes"]);
    expect(await program().resources()).toEqual([]);
    expect(await program().outputs()).toEqual({});
  });
}

describe("a YAML program", () => {
  let program: Program;

  beforeAll(async () => {
    program = new Program("yaml", {
      "Pulumi.yaml": [
        "name: yaml-smoke",
        "runtime: yaml",
        "config:",
        "  greeting:",
        "    type: string",
        "    default: hello",
        "  token:",
        "    type: string",
        "    secret: true",
        "outputs:",
        "  message: ${greeting}, from ${pulumi.project} on ${pulumi.stack}",
        "  token: ${token}",
        "",
      ].join("\n"),
    });
    await program.ok(["stack", "init", "dev"]);
    await program.ok(["config", "set", "greeting", "hi"]);
    await program.ok(["config", "set", "--secret", "token", "yaml-s3cr3t-token"]);
  });
  afterAll(() => program?.dispose());

  it("runs with the pulumi-language-yaml of the bin directory", () => {
    expect(fs.existsSync(path.join(pulumiBinDir(), "pulumi-language-yaml"))).toBe(true);
  });

  lifecycle(
    () => program,
    () => ({ message: "hi, from yaml-smoke on dev", token: "yaml-s3cr3t-token" }),
    "yaml-s3cr3t-token",
  );
});

describe("a Python program", () => {
  let program: Program;
  let venv: string;
  let rpcLog: string;

  beforeAll(async () => {
    venv = execFileSync("bash", [path.join(REPO_ROOT, "scripts/python/venv.sh")], {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "inherit"],
    })
      .trim()
      .split("\n")
      .pop()!;
    program = new Program("python", {
      "Pulumi.yaml": ["name: python-smoke", "runtime:", "  name: python", "  options:", `    virtualenv: ${venv}`, ""].join("\n"),
      "__main__.py": [
        "import sys",
        "import pulumi",
        "from helper import shout",
        "",
        "config = pulumi.Config()",
        'pulumi.export("message", shout(f"{config.require(\'greeting\')}, from {pulumi.get_project()} on {pulumi.get_stack()}"))',
        'pulumi.export("token", config.require_secret("token"))',
        'pulumi.export("python", sys.prefix)',
        'pulumi.export("dryRunSeen", pulumi.runtime.is_dry_run() in (True, False))',
        "",
      ].join("\n"),
      // A module beside __main__.py: the program's directory is importable, as with the official host.
      "helper.py": "def shout(text):\n    return text.upper()\n",
    });
    rpcLog = path.join(program.root, "python-host.log");
    program.env.PULUMI_LANGUAGE_PYTHON_RPC_LOG = rpcLog;
    await program.ok(["stack", "init", "dev"]);
    await program.ok(["config", "set", "greeting", "hi"]);
    await program.ok(["config", "set", "--secret", "token", "py-s3cr3t-token"]);
  });
  afterAll(() => program?.dispose());

  lifecycle(
    () => program,
    () => ({ message: "HI, FROM PYTHON-SMOKE ON DEV", token: "py-s3cr3t-token", python: venv, dryRunSeen: true }),
    "py-s3cr3t-token",
  );

  it("is run by our host with the arguments of the official one, when install.sh built it", () => {
    if (!fs.existsSync(rpcLog)) {
      // The official host beside a user's CLI (install.sh's path 1) writes no log.
      console.warn("pulumi-language-python is not ours here: only the program's behaviour was checked");
      return;
    }
    const log = fs.readFileSync(rpcLog, "utf8");
    expect(log).toMatch(/Run project=python-smoke stack=dev dryRun=true .*secretKeys=\[python-smoke:token\]/);
    expect(log).toMatch(/Run project=python-smoke stack=dev dryRun=false /);
    const exec = log.split("\n").find((l) => l.includes("Run exec "))!;
    expect(exec).toContain(`${venv}/bin/python `);
    for (const flag of [
      "--monitor",
      "--engine",
      "--project",
      "--root_directory",
      "--stack",
      "--pwd",
      "--dry_run",
      "--parallel",
    ]) {
      expect(exec).toContain(`"${flag}"`);
    }
    expect(exec).not.toContain("py-s3cr3t-token");
  });

  it("reports an unhandled exception once, with the program's traceback, and fails", async () => {
    const broken = new Program("python-broken", {
      "Pulumi.yaml": ["name: python-broken", "runtime:", "  name: python", "  options:", `    virtualenv: ${venv}`, ""].join(
        "\n",
      ),
      "__main__.py": "import pulumi\n\ndef fail():\n    raise ValueError('no such thing')\n\nfail()\n",
    });
    try {
      await broken.ok(["stack", "init", "dev"]);
      const preview = await broken.pulumi(["preview"]);
      expect(preview.code).not.toBe(0);
      expect(preview.output).toContain("Program failed with an unhandled exception:");
      expect(preview.output).toContain("ValueError: no such thing");
      expect(preview.output).toMatch(/__main__\.py", line 4, in fail/);
      // Exit code 32: the host answers Bail, so the engine adds no "exited with non-zero exit code".
      expect(preview.output).not.toMatch(/non-zero exit code/);
    } finally {
      broken.dispose();
    }
  });

  it("pulumi convert --from pcl --language python: the host writes the project (GenerateProject), which runs", async () => {
    const converted = new Program("python-convert", {
      "main.pp": [
        "config greeting string {",
        '  default = "hello"',
        "}",
        "output message {",
        '  value = "${greeting}, world"',
        "}",
        "",
      ].join("\n"),
    });
    try {
      const out = path.join(converted.root, "converted");
      await converted.ok(["convert", "--from", "pcl", "--language", "python", "--out", out, "--generate-only"]);
      const main = fs.readFileSync(path.join(out, "__main__.py"), "utf8");
      expect(main).toContain('greeting = config.get("greeting")');
      expect(main).toContain('pulumi.export("message", f"{greeting}, world")');
      expect(fs.readFileSync(path.join(out, "requirements.txt"), "utf8")).toMatch(/^pulumi>=3/);

      const project = fs.readFileSync(path.join(out, "Pulumi.yaml"), "utf8");
      fs.writeFileSync(
        path.join(out, "Pulumi.yaml"),
        project.replace(/^runtime: python$/m, `runtime:\n  name: python\n  options:\n    virtualenv: ${venv}`),
      );
      await converted.ok(["stack", "init", "dev"], out);
      await converted.ok(["up", "--yes"], out);
      expect(JSON.parse((await converted.ok(["stack", "output", "--json"], out)).stdout)).toEqual({ message: "hello, world" });
    } finally {
      converted.dispose();
    }
  });

  it("names a virtualenv that does not exist", async () => {
    const missing = path.join(os.tmpdir(), "scalekit-no-such-venv");
    const broken = new Program("python-novenv", {
      "Pulumi.yaml": ["name: python-novenv", "runtime:", "  name: python", "  options:", `    virtualenv: ${missing}`, ""].join(
        "\n",
      ),
      "__main__.py": "import pulumi\n",
    });
    try {
      await broken.ok(["stack", "init", "dev"]);
      const preview = await broken.pulumi(["preview"]);
      expect(preview.code).not.toBe(0);
      expect(preview.output).toContain(`The 'virtualenv' option in Pulumi.yaml is set to "${missing}"`);
    } finally {
      broken.dispose();
    }
  });
});
