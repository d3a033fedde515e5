import * as fs from "fs";
import * as path from "path";
import { ScalekitInstallationError } from "../errors";

/** The name this package is published under. */
export const PACKAGE_NAME = "pulumi-scalekit-providers";

/** The parts of this package's package.json that the commands and the plugin read. */
export interface PackageJson {
  name: string;
  version: string;
  repository?: { url?: string } | string;
  peerDependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
}

/**
 * This package's package.json, found above `from`: dist/src/<room>/ when installed, src/<room>/ in a
 * checkout, or beside the plugin's bundled file in its release archive.
 */
export function ownPackageJson(from: string = __dirname): PackageJson {
  return JSON.parse(fs.readFileSync(path.join(ownPackageRoot(from), "package.json"), "utf8")) as PackageJson;
}

/** The folder holding this package's package.json, above `from` (a checkout's root, or the installed package). */
export function ownPackageRoot(from: string = __dirname): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    const file = path.join(dir, "package.json");
    if (fs.existsSync(file) && (JSON.parse(fs.readFileSync(file, "utf8")) as PackageJson).name === PACKAGE_NAME) return dir;
    if (path.dirname(dir) === dir)
      throw new ScalekitInstallationError(`cannot find the package.json of ${PACKAGE_NAME} above ${from}`);
  }
}

/** The repository's web address (`https://github.com/<owner>/<name>`), from package.json's `repository`. */
export function repositoryUrl(pkg: PackageJson): string {
  const raw = typeof pkg.repository === "string" ? pkg.repository : (pkg.repository?.url ?? "");
  return raw.replace(/^git\+/, "").replace(/\.git$/, "");
}
