/**
 * `npm run plugin:archive`: the native plugin as a release archive for `pulumi plugin install resource
 * scalekit <version> --file <archive>` (and the asset the schema's pluginDownloadURL names):
 * `pulumi-resource-scalekit-v<version>-<os>-<arch>.tar.gz`, holding
 * - `pulumi-resource-scalekit.js`, the plugin and every module it loads, bundled into one file (a
 *   plugin serialises no closures, so the dynamic provider's reasons to avoid bundlers do not apply);
 * - `pulumi-resource-scalekit`, a wrapper that runs it with the `node` on PATH (Node.js 20 or newer);
 * - `package.json` (name, version, repository: the plugin reads its version there) and LICENSE.
 * The plugin is JavaScript, so one archive serves every OS and architecture; one is written per
 * platform name Pulumi asks for (`--platform os-arch`, repeatable; default: this machine's).
 * Usage: node dist/plugin-archive/scripts/plugin/archive.js [--out DIR] [--platform linux-amd64 ...]
 */
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { buildSync } from "esbuild";
import { ownPackageRoot } from "../../src/meta/package-json";

const REPO_ROOT = ownPackageRoot(__dirname);

/** Pulumi's names for this machine's OS and architecture, as in its plugin archives. */
export function thisPlatform(): string {
  const arch = { x64: "amd64", arm64: "arm64" }[process.arch as string] ?? process.arch;
  return `${os.platform()}-${arch}`;
}

export function archiveName(version: string, platform: string): string {
  return `pulumi-resource-scalekit-v${version}-${platform}.tar.gz`;
}

const WRAPPER = `#!/bin/sh
# The scalekit plugin for Pulumi: runs the bundled plugin with Node.js 20 or newer from PATH.
exec node "$(dirname "$0")/pulumi-resource-scalekit.js" "$@"
`;

/** Writes the archives into `outDir`; returns their paths. */
export function writeArchives(outDir: string, platforms: string[]): string[] {
  const pkg = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "package.json"), "utf8"));
  const staging = fs.mkdtempSync(path.join(os.tmpdir(), "scalekit-plugin-"));
  try {
    buildSync({
      entryPoints: [path.join(REPO_ROOT, "scripts/plugin/bundle-entry.ts")],
      bundle: true,
      platform: "node",
      target: "node20",
      format: "cjs",
      outfile: path.join(staging, "pulumi-resource-scalekit.js"),
      legalComments: "inline",
      logLevel: "error",
    });
    fs.writeFileSync(path.join(staging, "pulumi-resource-scalekit"), WRAPPER, { mode: 0o755 });
    const { name, version, repository, license } = pkg;
    fs.writeFileSync(path.join(staging, "package.json"), `${JSON.stringify({ name, version, repository, license }, null, 2)}\n`);
    fs.copyFileSync(path.join(REPO_ROOT, "LICENSE"), path.join(staging, "LICENSE"));
    fs.mkdirSync(outDir, { recursive: true });
    return platforms.map((platform) => {
      const archive = path.join(outDir, archiveName(version, platform));
      execFileSync("tar", [
        "-czf",
        archive,
        "-C",
        staging,
        "pulumi-resource-scalekit",
        "pulumi-resource-scalekit.js",
        "package.json",
        "LICENSE",
      ]);
      return archive;
    });
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
}

function main(argv: string[]): number {
  let outDir = path.join(REPO_ROOT, "dist", "plugin");
  const platforms: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === "--out") outDir = path.resolve(argv[++i]);
    else if (argv[i] === "--platform") platforms.push(argv[++i]);
    else {
      process.stderr.write(
        `usage: npm run plugin:archive [-- --out DIR] [--platform os-arch ...]\nunknown argument: ${argv[i]}\n`,
      );
      return 2;
    }
  }
  for (const archive of writeArchives(outDir, platforms.length ? platforms : [thisPlatform()]))
    process.stdout.write(`${archive}\n`);
  return 0;
}

if (require.main === module) process.exit(main(process.argv.slice(2)));
