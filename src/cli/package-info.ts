import * as fs from "fs";
import * as path from "path";
import { UsageError } from "./usage-error";

/** What a generated program depends on: this package at its version, and the versions it is tested with. */
export interface PackageInfo {
  name: string;
  version: string;
  /** `@pulumi/pulumi`, `typescript` and `@types/node` as this package pins them for its own tests. */
  pins: Record<string, string>;
}

const PACKAGE_NAME = "pulumi-scalekit-providers";

/** This package's package.json, found above this file (dist/src/cli/ when installed, src/cli/ in a checkout). */
export function packageInfo(from: string = __dirname): PackageInfo {
  for (let dir = from; ; dir = path.dirname(dir)) {
    const file = path.join(dir, "package.json");
    if (fs.existsSync(file)) {
      const pkg = JSON.parse(fs.readFileSync(file, "utf8"));
      if (pkg.name === PACKAGE_NAME) {
        const dev: Record<string, string> = pkg.devDependencies ?? {};
        const pins: Record<string, string> = {};
        for (const dep of ["@pulumi/pulumi", "typescript", "@types/node"]) if (dev[dep]) pins[dep] = dev[dep];
        // Without the pin (it is a devDependency), the range this package accepts.
        pins["@pulumi/pulumi"] ??= pkg.peerDependencies?.["@pulumi/pulumi"] ?? "^3.139.0";
        return { name: pkg.name, version: pkg.version, pins };
      }
    }
    if (path.dirname(dir) === dir) throw new UsageError(`cannot find the package.json of ${PACKAGE_NAME} above ${from}`);
  }
}
