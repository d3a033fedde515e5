import type { PackageInfo } from "./package-info";

/**
 * The files of a Pulumi TypeScript program that manages the providers `export --program` wrote into
 * its definitions/ folder: the same shape as this repository's own program (index.ts), standalone.
 * Pure text, so what a user gets is what the tests read.
 */
export interface ProgramSpec {
  project: string;
  stack: string;
  environmentUrl: string;
  /** The exported providers' resource names (definition file names without .json), all to adopt. */
  names: string[];
  pkg: PackageInfo;
}

/** A Pulumi project name from a folder name: letters, digits, `-`, `_` and `.`. */
export function projectNameFor(folder: string): string {
  const name = folder
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, "-")
    .replace(/^[-._]+|[-._]+$/g, "");
  return name || "scalekit-providers";
}

export function programFiles(spec: ProgramSpec): Record<string, string> {
  return {
    "Pulumi.yaml": pulumiYaml(spec),
    [`Pulumi.${spec.stack}.yaml`]: stackYaml(spec),
    "package.json": `${JSON.stringify(packageJson(spec), null, 2)}\n`,
    "tsconfig.json": `${JSON.stringify(TSCONFIG, null, 2)}\n`,
    "index.ts": INDEX_TS,
    "README.md": readme(spec),
  };
}

function pulumiYaml({ project, environmentUrl }: ProgramSpec): string {
  return [
    `name: ${project}`,
    `description: ${JSON.stringify(`The Scalekit custom providers of ${environmentUrl}, as code.`)}`,
    "main: index.ts",
    "runtime:",
    "  name: nodejs",
    "  options:",
    "    typescript: true",
    "",
  ].join("\n");
}

/** The stack's settings: every exported provider is adopted, so the first `up` takes each over instead of creating it. */
function stackYaml({ project, stack, environmentUrl, names }: ProgramSpec): string {
  return [
    `# Stack "${stack}": the Scalekit environment ${environmentUrl}.`,
    "# `adopt` names the providers exported from it (file names in definitions/, without .json): the first",
    "# `pulumi up` takes each one over (no create, no delete). Set the credentials as README.md says.",
    "# Once taken over, remove it (pulumi config rm adopt): see README.md for what a lingering adopt does.",
    "config:",
    names.length ? `  ${project}:adopt:` : `  ${project}:adopt: []`,
    ...names.map((n) => `    - ${JSON.stringify(n)}`),
    "",
  ].join("\n");
}

function packageJson({ project, pkg }: ProgramSpec): object {
  return {
    name: project,
    private: true,
    main: "index.ts",
    dependencies: { "@pulumi/pulumi": pkg.pins["@pulumi/pulumi"], [pkg.name]: pkg.version },
    devDependencies: Object.fromEntries(["@types/node", "typescript"].filter((d) => pkg.pins[d]).map((d) => [d, pkg.pins[d]])),
  };
}

const TSCONFIG = {
  compilerOptions: {
    target: "ES2020",
    module: "commonjs",
    moduleResolution: "node",
    lib: ["ES2021"],
    outDir: "dist",
    rootDir: ".",
    strict: true,
    esModuleInterop: true,
    skipLibCheck: true,
    forceConsistentCasingInFileNames: true,
    useDefineForClassFields: false,
    types: ["node"],
  },
  include: ["index.ts"],
};

const INDEX_TS = `/**
 * Every definitions/*.json becomes one CustomProvider, named after its file, in the Scalekit
 * environment that the stack's config points at. The stack config's \`adopt\` lists the providers
 * this stack takes over instead of creating (written by \`scalekit-providers export --program\`).
 */
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { CustomProvider, loadDefinitions } from "pulumi-scalekit-providers";

const config = new pulumi.Config();
// Names (file names without .json) of existing providers this stack takes over, or true for all.
const adopt = config.getObject<string[] | boolean>("adopt") ?? [];

const providers = loadDefinitions(path.join(__dirname, "definitions")).map(
  ({ name, definition }) =>
    new CustomProvider(name, {
      definition,
      adopt: adopt === true || (Array.isArray(adopt) && adopt.includes(name)),
    }),
);

/** Each provider's identifier, by resource name. */
export const identifiers = pulumi
  .all(providers.map((p) => pulumi.all([p.urn, p.identifier])))
  .apply((pairs) => Object.fromEntries(pairs.map(([urn, id]) => [urn.split("::").pop(), id])));
`;

function readme({ project, stack, environmentUrl, names }: ProgramSpec): string {
  return `# ${project}

The ${names.length} Scalekit custom provider(s) of ${environmentUrl}, as a Pulumi program: one
\`CustomProvider\` per file in \`definitions/\`, each the API's own JSON as Scalekit stores it. Written by
\`scalekit-providers export --program\`.

## Take them over

\`\`\`sh
npm install
pulumi stack init ${stack}
pulumi config set scalekit:environmentUrl ${environmentUrl}
pulumi config set scalekit:clientId <client id>
pulumi config set --secret scalekit:clientSecret <client secret>
pulumi up
pulumi preview --expect-no-changes
\`\`\`

\`Pulumi.${stack}.yaml\` lists every exported provider under \`adopt\`, so the first \`pulumi up\` takes
each one over: nothing is created or deleted, and each provider gets the ownership marker that says
this stack manages it. The next preview shows no changes. Use the stack name \`${stack}\` (or rename
\`Pulumi.${stack}.yaml\`): a stack without that list refuses to touch providers it did not create.
Once the providers are taken over, run \`pulumi config rm adopt\`. \`adopt\` acts only when a
resource enters the stack (a create): left in place, it takes nothing from another owner on an
update (if another stack adopts a provider later, this stack's next update of it fails and changes
nothing), but a provider added later under a name that already exists would be taken over without a
word, and so would the new provider of a replacement. \`scalekit-providers review --fail-on adopt\`
flags every change of a resource that still sets it.

From then on, edit a file in \`definitions/\` and run \`pulumi up\`; add a file to add a provider, delete
one to delete it.

## Secrets in the definitions

The files hold what Scalekit stores, in plain text. A value that was a secret where the providers
were declared (a default API key in \`auth_field_mutations\`, for example) is now in \`definitions/\`:
review the files before committing them, and move such a value into the stack's secret config.
`;
}
