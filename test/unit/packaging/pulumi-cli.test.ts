import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

/**
 * scripts/pulumi-cli/install.sh on machines that already have a Pulumi CLI: it must use any CLI of the
 * stated minimum version or newer and never need Go, and refuse older ones. Each case runs the script
 * with a PATH built from scratch: the basic tools it needs, node, and stub `pulumi` tools; `go` only
 * where a case says so.
 */

const REPO_ROOT = path.resolve(__dirname, "../../..");
const INSTALL = path.join(REPO_ROOT, "scripts/pulumi-cli/install.sh");
const WRAPPER = path.join(REPO_ROOT, "scripts/pulumi-cli/pulumi-resource-pulumi-nodejs");
const MINIMUM = "v3.150.0";
const PINNED = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "node_modules/@pulumi/pulumi/package.json"), "utf8")).version;

const TOOLS = ["bash", "sh", "env", "dirname", "basename", "mkdir", "cat", "tail", "head", "cut", "sha256sum", "flock"];
const MORE_TOOLS = ["chmod", "mv", "rm", "cp", "ln", "grep", "sed", "cmp", "tr", "readlink", "node"];

let root: string;

beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), "scalekit-pulumi-cli-"));
});
afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

function which(tool: string): string {
  const found = (process.env.PATH ?? "")
    .split(path.delimiter)
    .map((dir) => path.join(dir, tool))
    .find((file) => fs.existsSync(file));
  if (!found) throw new Error(`${tool} is not on this machine's PATH`);
  return found;
}

/** A directory of links to the basic tools install.sh uses: no go, no pulumi. */
function toolsDir(): string {
  const dir = path.join(root, "tools");
  fs.mkdirSync(dir);
  for (const tool of [...TOOLS, ...MORE_TOOLS]) fs.symlinkSync(which(tool), path.join(dir, tool));
  return dir;
}

function script(file: string, body: string): void {
  fs.writeFileSync(file, `#!/bin/sh\n${body}\n`, { mode: 0o755 });
}

/**
 * A stub CLI: `pulumi version` prints `version`; any other call is recorded. With `otherHosts`, the
 * official YAML and Python language hosts are beside it, as in the official distribution.
 */
function stubCli(version: string, { withPlugin = false, otherHosts = false } = {}): string {
  const dir = path.join(root, `pulumi-${version}`);
  fs.mkdirSync(dir);
  script(path.join(dir, "pulumi"), `[ "$1" = version ] && { echo ${version}; exit 0; }\necho "pulumi $*" >>"${root}/calls"`);
  script(path.join(dir, "pulumi-language-nodejs"), `echo "language host $*" >>"${root}/calls"`);
  if (withPlugin) script(path.join(dir, "pulumi-resource-pulumi-nodejs"), `echo "their plugin $*" >>"${root}/calls"`);
  if (otherHosts) for (const host of OTHER_HOSTS) script(path.join(dir, host), `echo "${host} $*" >>"${root}/calls"`);
  return dir;
}

const OTHER_HOSTS = ["pulumi-language-yaml", "pulumi-language-python"];

/** A `go` that only records that it was called (and fails, as a build without a network would). */
function stubGo(): string {
  const dir = path.join(root, "go-bin");
  fs.mkdirSync(dir);
  script(path.join(dir, "go"), `echo "go $*" >>"${root}/go-calls"\nexit 1`);
  return dir;
}

function install(pathDirs: string[]) {
  const cache = path.join(root, "cache");
  const home = path.join(root, "home");
  fs.mkdirSync(home);
  const result = spawnSync(which("bash"), [INSTALL], {
    encoding: "utf8",
    env: { PATH: pathDirs.join(path.delimiter), HOME: home, SCALEKIT_PULUMI_CACHE: cache },
  });
  const lines = result.stdout.trim().split("\n");
  return { status: result.status, stdout: result.stdout, stderr: result.stderr, binDir: lines[lines.length - 1], cache };
}

const goCalls = () => (fs.existsSync(path.join(root, "go-calls")) ? fs.readFileSync(path.join(root, "go-calls"), "utf8") : "");

describe("install.sh with a Pulumi CLI on PATH", () => {
  it("uses a newer CLI than the pinned one, with an empty cache and no go on PATH, and says so", () => {
    const cli = stubCli("v3.260.1", { withPlugin: true });
    const r = install([cli, toolsDir()]);
    expect(r.stderr).not.toMatch(/error/);
    expect(r.status).toBe(0);
    expect(r.binDir).toBe(fs.realpathSync(cli));
    expect(r.stderr).toContain(`using pulumi v3.260.1 found on PATH (${cli}/pulumi; minimum ${MINIMUM}): no build needed`);
    // Nothing was built or downloaded into the cache.
    expect(fs.existsSync(path.join(r.cache, "cli"))).toBe(false);
  });

  it("never calls go even when go is on PATH", () => {
    const cli = stubCli("v3.260.1", { withPlugin: true });
    const r = install([cli, stubGo(), toolsDir()]);
    expect(r.status).toBe(0);
    expect(r.binDir).toBe(fs.realpathSync(cli));
    expect(goCalls()).toBe("");
  });

  it("accepts exactly the minimum version", () => {
    const cli = stubCli(MINIMUM, { withPlugin: true });
    const r = install([cli, toolsDir()]);
    expect(r.status).toBe(0);
    expect(r.binDir).toBe(fs.realpathSync(cli));
  });

  it("adds our plugin script beside links to a CLI that comes without one", () => {
    const cli = stubCli("v3.260.1");
    const r = install([cli, toolsDir()]);
    expect(r.status).toBe(0);
    expect(r.binDir.startsWith(fs.realpathSync(r.cache) + path.sep)).toBe(true);
    expect(fs.realpathSync(path.join(r.binDir, "pulumi"))).toBe(fs.realpathSync(path.join(cli, "pulumi")));
    expect(fs.realpathSync(path.join(r.binDir, "pulumi-language-nodejs"))).toBe(
      fs.realpathSync(path.join(cli, "pulumi-language-nodejs")),
    );
    expect(fs.readFileSync(path.join(r.binDir, "pulumi-resource-pulumi-nodejs"), "utf8")).toBe(fs.readFileSync(WRAPPER, "utf8"));
    expect(fs.statSync(path.join(r.binDir, "pulumi-resource-pulumi-nodejs")).mode & 0o111).not.toBe(0);
    expect(r.stderr).toContain("using pulumi v3.260.1 found on PATH");
  });

  it("uses the official YAML and Python hosts beside it, builds none of ours, and says so", () => {
    const cli = stubCli("v3.260.1", { withPlugin: true, otherHosts: true });
    const r = install([cli, stubGo(), toolsDir()]);
    expect(r.status).toBe(0);
    expect(r.binDir).toBe(fs.realpathSync(cli));
    const real = fs.realpathSync(cli);
    expect(r.stderr).toContain(
      `its own language hosts are used, ours are not built: ${real}/pulumi-language-yaml ${real}/pulumi-language-python`,
    );
    expect(r.stderr).not.toMatch(/no pulumi-language-/);
    expect(goCalls()).toBe("");
    expect(fs.existsSync(path.join(r.cache, "language-yaml"))).toBe(false);
  });

  it("names the language hosts a CLI on PATH lacks, and still builds nothing", () => {
    const cli = stubCli("v3.260.1", { withPlugin: true });
    const r = install([cli, stubGo(), toolsDir()]);
    expect(r.status).toBe(0);
    expect(r.stderr).toContain(
      "no pulumi-language-yaml pulumi-language-python beside it or on PATH: programs in that language will not run with this CLI",
    );
    expect(goCalls()).toBe("");
  });

  it("links the YAML and Python hosts beside links to a CLI that comes without the plugin script", () => {
    const cli = stubCli("v3.260.1", { otherHosts: true });
    const r = install([cli, toolsDir()]);
    expect(r.status).toBe(0);
    expect(r.binDir.startsWith(fs.realpathSync(r.cache) + path.sep)).toBe(true);
    for (const host of OTHER_HOSTS) {
      expect(fs.realpathSync(path.join(r.binDir, host))).toBe(fs.realpathSync(path.join(cli, host)));
    }
  });

  it("refuses a CLI without pulumi-language-nodejs", () => {
    const cli = stubCli("v3.260.1", { withPlugin: true });
    fs.rmSync(path.join(cli, "pulumi-language-nodejs"));
    const r = install([cli, toolsDir()]);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain("has no pulumi-language-nodejs beside it or on PATH");
  });
});

describe("install.sh with an older Pulumi CLI on PATH", () => {
  it("refuses it and, without go, fails with an error that names the minimum version", () => {
    const cli = stubCli("v3.100.0", { withPlugin: true });
    const r = install([cli, toolsDir()]);
    expect(r.status).not.toBe(0);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain(`is v3.100.0, older than the minimum ${MINIMUM}`);
    expect(r.stderr).toContain(`Install the Pulumi CLI ${MINIMUM} or newer`);
    expect(r.stderr).toContain("Go is not on PATH");
  });

  it("falls back to the Go build when go is there", () => {
    const cli = stubCli("v3.100.0", { withPlugin: true });
    const r = install([cli, stubGo(), toolsDir()]);
    // The stub go cannot download anything, so the build stops early; what matters is the path taken.
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain(
      `building pulumi v${PINNED} from Go modules (pulumi on PATH (${cli}/pulumi) is v3.100.0, older than the minimum ${MINIMUM})`,
    );
    expect(goCalls()).toContain(`go mod download -json github.com/pulumi/pulumi/pkg/v3@v${PINNED}`);
  });
});

describe("install.sh building from Go modules (a stub go)", () => {
  /**
   * A checkout of its own (install.sh, the plugin script, the two hosts' sources) whose install.sh runs
   * with a `go` that "builds" a file naming what it was built from: `pulumi` prints its version, a host
   * holds the hash of its package's sources. Every go call is recorded.
   */
  function checkout(name: string, pythonSource: string): string {
    const repo = path.join(root, name);
    fs.mkdirSync(path.join(repo, "scripts/pulumi-cli"), { recursive: true });
    fs.copyFileSync(INSTALL, path.join(repo, "scripts/pulumi-cli/install.sh"));
    fs.copyFileSync(WRAPPER, path.join(repo, "scripts/pulumi-cli/pulumi-resource-pulumi-nodejs"));
    fs.mkdirSync(path.join(repo, "tools/pulumi-language-nodejs"), { recursive: true });
    fs.writeFileSync(path.join(repo, "tools/pulumi-language-nodejs/main.go"), "package main\n");
    fs.mkdirSync(path.join(repo, "tools/pulumi-language-python"), { recursive: true });
    fs.writeFileSync(path.join(repo, "tools/pulumi-language-python/main.go"), pythonSource);
    fs.writeFileSync(path.join(repo, "tools/pulumi-language-python/run.py"), "# run.py\n");
    return repo;
  }

  function buildingGo(): string {
    const dir = path.join(root, "go-bin");
    fs.mkdirSync(dir);
    fs.writeFileSync(path.join(root, "pkg.go.mod"), "module github.com/pulumi/pulumi/pkg/v3\n");
    script(
      path.join(dir, "go"),
      `echo "go $*" >>"${root}/go-calls"
case "$1" in
mod) [ "$2" = download ] && echo '{"GoMod": "${root}/pkg.go.mod"}'; [ "$2" = edit ] && echo '{}' ;;
build)
  out=; pkg=
  while [ $# -gt 0 ]; do case "$1" in -o) out=$2; shift ;; -ldflags) shift ;; build) ;; *) pkg=$1 ;; esac; shift; done
  case "$pkg" in
  */cmd/pulumi) printf '#!/bin/sh\necho v${PINNED}\n' >"$out" ;;
  *) printf '#!/bin/sh\n# %s\n' "$(cat "$pkg"/* | sha256sum)" >"$out" ;;
  esac
  chmod +x "$out" ;;
install) printf '#!/bin/sh\n' >"$GOBIN/pulumi-language-yaml"; chmod +x "$GOBIN/pulumi-language-yaml" ;;
esac
exit 0`,
    );
    return dir;
  }

  function installIn(repo: string, pathDirs: string[]) {
    const result = spawnSync(which("bash"), [path.join(repo, "scripts/pulumi-cli/install.sh")], {
      encoding: "utf8",
      env: {
        PATH: pathDirs.join(path.delimiter),
        HOME: path.join(root, "home"),
        SCALEKIT_PULUMI_CACHE: path.join(root, "cache"),
        SCALEKIT_PULUMI_VERSION: PINNED,
      },
    });
    const lines = result.stdout.trim().split("\n");
    return { status: result.status, stderr: result.stderr, binDir: lines[lines.length - 1] };
  }

  const builds = () =>
    goCalls()
      .split("\n")
      .filter((l) => l.startsWith("go build"));
  const sameFile = (a: string, b: string) => fs.statSync(a).ino === fs.statSync(b).ino;

  it("gives checkouts whose Python host differs a bin directory each, sharing pulumi, none rebuilding another's", () => {
    const pathDirs = [buildingGo(), toolsDir()];
    const a = checkout("a", "package main // a\n");
    const b = checkout("b", "package main // b\n");
    const cacheDir = path.join(fs.realpathSync(root), "cache", "cli", `v${PINNED}`);

    const first = installIn(a, pathDirs);
    expect(first.stderr).not.toMatch(/error/);
    expect(first.status).toBe(0);
    expect(path.dirname(first.binDir)).toBe(cacheDir);
    expect(path.basename(first.binDir)).toMatch(/^bin-[0-9a-f]{16}$/);
    expect(builds()).toHaveLength(3);
    // Hard links: the CLI finds each host on PATH and beside its own executable, the same file.
    expect(sameFile(path.join(first.binDir, "pulumi"), path.join(cacheDir, "bin/pulumi"))).toBe(true);
    const hostA = path.join(first.binDir, "pulumi-language-python");
    const builtA = fs.readdirSync(path.join(cacheDir, "hosts")).find((d) => d.startsWith("python-"))!;
    expect(sameFile(hostA, path.join(cacheDir, "hosts", builtA, "pulumi-language-python"))).toBe(true);
    const contentA = fs.readFileSync(hostA, "utf8");

    const again = installIn(a, pathDirs);
    expect(again.binDir).toBe(first.binDir);
    expect(again.stderr).toContain("built from Go modules earlier");
    expect(builds()).toHaveLength(3);

    // Another checkout (a branch) with other Python host sources: only that host is built.
    const other = installIn(b, pathDirs);
    expect(other.status).toBe(0);
    expect(other.binDir).not.toBe(first.binDir);
    expect(builds()).toHaveLength(4);
    expect(builds()[3]).toMatch(/\.\/pyhost$/);
    expect(sameFile(path.join(other.binDir, "pulumi"), path.join(first.binDir, "pulumi"))).toBe(true);
    expect(sameFile(path.join(other.binDir, "pulumi-language-nodejs"), path.join(first.binDir, "pulumi-language-nodejs"))).toBe(
      true,
    );
    expect(fs.readFileSync(path.join(other.binDir, "pulumi-language-python"), "utf8")).not.toBe(contentA);

    // The first checkout's directory was left alone, and it is still current.
    expect(fs.readFileSync(hostA, "utf8")).toBe(contentA);
    expect(installIn(a, pathDirs).binDir).toBe(first.binDir);
    expect(installIn(b, pathDirs).binDir).toBe(other.binDir);
    expect(builds()).toHaveLength(4);
  });

  it("refuses a go.mod beside a host's sources: the hosts are built in the CLI's module", () => {
    const a = checkout("a", "package main\n");
    fs.writeFileSync(path.join(a, "tools/pulumi-language-python/go.mod"), "module x\n");
    const r = installIn(a, [buildingGo(), toolsDir()]);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain("tools/pulumi-language-python/go.mod: our language hosts are built in the CLI's own module");
  });
});

describe("the pulumi-resource-pulumi-nodejs plugin script", () => {
  function runWrapper(cwd: string) {
    return spawnSync(WRAPPER, ["127.0.0.1:4242"], { cwd, encoding: "utf8", env: { PATH: toolsDir() } });
  }

  it("runs the dynamic-provider host of the @pulumi/pulumi that the program's directory resolves", () => {
    const program = path.join(root, "program");
    const host = path.join(program, "node_modules/@pulumi/pulumi/cmd/dynamic-provider");
    fs.mkdirSync(host, { recursive: true });
    fs.writeFileSync(
      path.join(program, "node_modules/@pulumi/pulumi/package.json"),
      JSON.stringify({ name: "@pulumi/pulumi", version: "3.245.0" }),
    );
    fs.writeFileSync(
      path.join(host, "index.js"),
      "console.log(JSON.stringify({ host: __filename, args: process.argv.slice(2) }));",
    );
    fs.mkdirSync(path.join(program, "src"));

    const r = runWrapper(path.join(program, "src"));
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ host: fs.realpathSync(path.join(host, "index.js")), args: ["127.0.0.1:4242"] });
  });

  it("fails with a hint, and tries no other checkout, where the program has no @pulumi/pulumi", () => {
    const program = path.join(root, "bare");
    fs.mkdirSync(program);
    const r = runWrapper(program);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain(
      `cannot resolve @pulumi/pulumi from ${program}: run 'npm install' in the Pulumi program's directory`,
    );
  });

  it("holds no absolute path", () => {
    expect(fs.readFileSync(WRAPPER, "utf8")).not.toMatch(/(^|[\s'"=])\/(home|root|work|tmp|usr\/lib)\//m);
  });
});
