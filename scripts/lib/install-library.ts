import { execFileSync } from "child_process";
import * as fs from "fs";
import * as path from "path";

/**
 * Gives `projectDir` a node_modules laid out as `npm install` of this repository's packed tarball
 * would: `pulumi-scalekit-providers` is a real directory holding the files `npm pack` ships (from
 * dist/ as built), and every other entry links to the repository's node_modules. A real directory
 * matters: Pulumi stores the provider shim by reference only when it sits under node_modules, as it
 * does for users, and the bench and end-to-end tests must measure and run what users get.
 */
export function installLibrary(repoRoot: string, projectDir: string): void {
  const modules = path.join(projectDir, "node_modules");
  fs.mkdirSync(modules, { recursive: true });
  for (const entry of fs.readdirSync(path.join(repoRoot, "node_modules"))) {
    if (entry === "pulumi-scalekit-providers" || entry === ".bin") continue;
    fs.symlinkSync(path.join(repoRoot, "node_modules", entry), path.join(modules, entry));
  }
  const library = path.join(modules, "pulumi-scalekit-providers");
  for (const file of packedFiles(repoRoot)) {
    fs.mkdirSync(path.dirname(path.join(library, file)), { recursive: true });
    fs.copyFileSync(path.join(repoRoot, file), path.join(library, file));
  }
  // The package's commands in node_modules/.bin, executable, as npm links them (the plugin among them).
  const bins: Record<string, string> = JSON.parse(fs.readFileSync(path.join(library, "package.json"), "utf8")).bin ?? {};
  const binDir = path.join(modules, ".bin");
  fs.mkdirSync(binDir, { recursive: true });
  const repoBin = path.join(repoRoot, "node_modules", ".bin");
  for (const entry of fs.existsSync(repoBin) ? fs.readdirSync(repoBin) : []) {
    if (!(entry in bins)) fs.symlinkSync(path.join(repoBin, entry), path.join(binDir, entry));
  }
  for (const [name, target] of Object.entries(bins)) {
    fs.chmodSync(path.join(library, target), 0o755);
    fs.rmSync(path.join(binDir, name), { force: true });
    fs.symlinkSync(path.join("..", "pulumi-scalekit-providers", target), path.join(binDir, name));
  }
}

const packed = new Map<string, string[]>();

/** The files `npm pack` would ship from the repository (its dist/ as scripts/setup.sh built it). */
function packedFiles(repoRoot: string): string[] {
  let files = packed.get(repoRoot);
  if (!files) {
    const listing = execFileSync("npm", ["pack", "--dry-run", "--json", "--ignore-scripts"], {
      cwd: repoRoot,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "ignore"],
    });
    files = (JSON.parse(listing)[0].files as { path: string }[]).map((f) => f.path);
    packed.set(repoRoot, files);
  }
  return files;
}
