import * as fs from "fs";
import * as path from "path";

/**
 * The native provider's toolchain pins the Pulumi version that the rest of the repository uses: the
 * SDK generator (tools/gen-sdk) and what a generated Go SDK compiles against (tools/gen-sdk/gosdk-deps)
 * require pkg/v3 and sdk/v3 at the version of @pulumi/pulumi, which is also the CLI that
 * scripts/pulumi-cli/install.sh builds and the PyPI `pulumi` of scripts/python/venv.sh. A bump of
 * @pulumi/pulumi must bump them too (and the .NET and Java generators to releases built against it).
 */

const REPO_ROOT = path.resolve(__dirname, "../../..");
const PINNED = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "node_modules/@pulumi/pulumi/package.json"), "utf8")).version;

function required(goMod: string): Record<string, string> {
  const text = fs.readFileSync(path.join(REPO_ROOT, goMod), "utf8");
  return Object.fromEntries(
    [...text.matchAll(/^\s*(?:require\s+)?(github\.com\/pulumi\/\S+)\s+(v\S+)/gm)].map(([, m, v]) => [m, v]),
  );
}

it.each(["tools/gen-sdk/go.mod", "tools/gen-sdk/gosdk-deps/go.mod"])(
  "%s requires pkg/v3 and sdk/v3 at @pulumi/pulumi's version",
  (goMod) => {
    const mods = required(goMod);
    expect(mods["github.com/pulumi/pulumi/pkg/v3"]).toBe(`v${PINNED}`);
    expect(mods["github.com/pulumi/pulumi/sdk/v3"]).toBe(`v${PINNED}`);
  },
);

it("the sample schema names the package and the types the plugin's tests rely on", () => {
  const schema = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "tools/gen-sdk/testdata/schema.json"), "utf8"));
  expect(schema.name).toBe("scalekit");
  expect(Object.keys(schema.resources)).toEqual(["scalekit:index:CustomProvider"]);
  expect(schema.resources["scalekit:index:CustomProvider"].aliases).toEqual([
    { type: "pulumi-nodejs:dynamic/scalekit:CustomProvider" },
  ]);
  expect(Object.keys(schema.functions).sort()).toEqual([
    "scalekit:index:getCustomProvider",
    "scalekit:index:listCustomProviders",
  ]);
  expect(schema.language.python.packageName).toBe("pulumi_scalekit");
  expect(schema.meta.supportPack).toBe(true);
});
