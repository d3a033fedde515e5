import { ownPackageJson, repositoryUrl } from "../meta/package-json";
import { buildSchema, PackageSchema } from "./schema";

const pkg = ownPackageJson(__dirname);

/** The plugin's version: the package's own, so `pulumi plugin ls` and the npm package agree. */
export const PLUGIN_VERSION: string = pkg.version;

/** The schema this version serves (GetSchema) and that `npm run schema` writes to schema.json. */
export function packageSchema(): PackageSchema {
  return buildSchema({ version: pkg.version, repository: repositoryUrl(pkg) });
}
