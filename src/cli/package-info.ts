import { ownPackageJson } from "../meta/package-json";

/** What a generated program depends on: this package at its version, and the versions it is tested with. */
export interface PackageInfo {
  name: string;
  version: string;
  /** `@pulumi/pulumi`, `typescript` and `@types/node` as this package pins them for its own tests. */
  pins: Record<string, string>;
}

/** This package's name, version and pins (meta/package-json.ts finds its package.json). */
export function packageInfo(from: string = __dirname): PackageInfo {
  const pkg = ownPackageJson(from);
  const dev: Record<string, string> = pkg.devDependencies ?? {};
  const pins: Record<string, string> = {};
  for (const dep of ["@pulumi/pulumi", "typescript", "@types/node"]) if (dev[dep]) pins[dep] = dev[dep];
  // Without the pin (it is a devDependency), the range this package accepts.
  pins["@pulumi/pulumi"] ??= pkg.peerDependencies?.["@pulumi/pulumi"] ?? "^3.139.0";
  return { name: pkg.name, version: pkg.version, pins };
}
