import { execFileSync } from "child_process";
import * as fs from "fs";
import { builtinModules } from "module";
import * as path from "path";

/**
 * What a release would publish, read from npm itself (`npm publish --dry-run --json`, which packs and
 * uploads nothing) over the dist/ that scripts/setup.sh (`npm run build`) compiled: the compiled
 * library, its README and LICENSE and nothing else, entry points with their types, commands that run,
 * and every package the shipped code requires declared.
 */

const REPO_ROOT = path.resolve(__dirname, "../../..");
const pkg = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "package.json"), "utf8"));

let files: string[];

beforeAll(() => {
  const out = execFileSync("npm", ["publish", "--dry-run", "--json", "--ignore-scripts"], {
    cwd: REPO_ROOT,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "ignore"],
  });
  const published = JSON.parse(out)[pkg.name];
  expect(published.version).toBe(pkg.version);
  files = published.files.map((f: { path: string }) => f.path);
}, 60_000);

/** src/**\/*.ts without the extension, relative to src/. */
function sources(dir = path.join(REPO_ROOT, "src")): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sources(full);
    return entry.name.endsWith(".ts") && !entry.name.endsWith(".d.ts")
      ? [path.relative(path.join(REPO_ROOT, "src"), full).replace(/\.ts$/, "").split(path.sep).join("/")]
      : [];
  });
}

const packed = (file: string) => files.includes(file.replace(/^\.\//, ""));

describe("npm publish --dry-run", () => {
  it("ships the compiled library (JavaScript and declarations of every source file), the README and package.json, nothing else", () => {
    const expected = [
      "README.md",
      "package.json",
      "LICENSE",
      ...sources().flatMap((s) => [`dist/src/${s}.js`, `dist/src/${s}.d.ts`]),
    ];
    expect([...files].sort()).toEqual(expected.sort());
  });

  it("ships no test code, no TypeScript sources and no source maps", () => {
    expect(files.filter((f) => /(^|\/)test\/|\.test\.|(?<!\.d)\.ts$|\.map$/.test(f))).toEqual([]);
  });

  it("declares its entry points with their types, each shipped", () => {
    expect(Object.keys(pkg.exports).sort()).toEqual([
      ".",
      "./dist/src/provider/shim.js",
      "./emulator",
      "./native",
      "./package.json",
      "./provider-implementation",
    ]);
    for (const [subpath, target] of Object.entries<string | { types: string; default: string }>(pkg.exports)) {
      if (subpath === "./package.json") continue;
      if (subpath === "./dist/src/provider/shim.js") {
        // The reference Pulumi stores in state for an installed package: its own path, forever.
        expect(target).toBe(subpath);
        continue;
      }
      if (typeof target === "string") throw new Error(`exports["${subpath}"] has no "types" condition`);
      expect(Object.keys(target)).toEqual(["types", "default"]); // "types" must come first to be seen
      expect(packed(target.default)).toBe(true);
      expect(target.types).toBe(target.default.replace(/\.js$/, ".d.ts"));
      expect(packed(target.types)).toBe(true);
    }
    expect(packed(pkg.main)).toBe(true);
    expect(packed(pkg.types)).toBe(true);
    expect(pkg.exports["."].default).toBe(`./${pkg.main}`);
  });

  it("exports no test-only code: no test files, and nothing documented as being for tests", () => {
    for (const target of Object.values<string | { default: string }>(pkg.exports)) {
      const file = typeof target === "string" ? target : target.default;
      expect(file).not.toMatch(/(^|\/)test\//);
    }
    // Declarations in src/ whose doc comment says they exist for tests.
    const declaredForTests = (text: string) =>
      [
        ...text.matchAll(
          /\/\*\*(?:(?!\*\/)[\s\S])*?\b(?:[Ff]or tests|[Tt]est-only|[Oo]nly for tests)\b[\s\S]*?\*\/\s*export\s+(?:async\s+)?(?:function|const|let|class)\s+(\w+)/g,
        ),
      ].map((m) => m[1]);
    // The scan finds what it is meant to find.
    expect(declaredForTests("/** For tests that count token requests. */\nexport function clearTokenCache() {}")).toEqual([
      "clearTokenCache",
    ]);
    const testOnly = sources().flatMap((s) => declaredForTests(fs.readFileSync(path.join(REPO_ROOT, "src", `${s}.ts`), "utf8")));
    for (const entry of [".", "./provider-implementation"]) {
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- the built entry point, loaded as a consumer's require() would
      const exported = Object.keys(require(path.join(REPO_ROOT, pkg.exports[entry].default)));
      expect(exported.filter((name) => testOnly.includes(name))).toEqual([]);
    }
  });

  it("documents the emulator entry point it exports", () => {
    expect(fs.readFileSync(path.join(REPO_ROOT, "README.md"), "utf8")).toContain('from "pulumi-scalekit-providers/emulator"');
  });

  it("ships runnable commands", () => {
    expect(Object.keys(pkg.bin).sort()).toEqual(["pulumi-resource-scalekit", "scalekit-emulator", "scalekit-providers"]);
    for (const target of Object.values<string>(pkg.bin)) {
      expect(packed(target)).toBe(true);
      expect(fs.readFileSync(path.join(REPO_ROOT, target), "utf8")).toMatch(/^#!\/usr\/bin\/env node\n/);
    }
  });

  it("declares every package the shipped code requires, with @pulumi/pulumi as a peer", () => {
    const builtins = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));
    const required = new Set<string>();
    for (const file of files.filter((f) => f.endsWith(".js"))) {
      const text = fs.readFileSync(path.join(REPO_ROOT, file), "utf8");
      for (const [, spec] of text.matchAll(/\brequire\(\s*["']([^"'./][^"']*)["']\s*\)/g)) {
        if (builtins.has(spec) || builtins.has(spec.split("/")[0])) continue;
        if (spec.startsWith("pulumi-scalekit-providers")) continue; // the package itself (the shim's self-reference)
        required.add(spec.startsWith("@") ? spec.split("/").slice(0, 2).join("/") : spec.split("/")[0]);
      }
    }
    expect(required.size).toBeGreaterThan(0);
    const declared = { ...pkg.dependencies, ...pkg.peerDependencies };
    expect([...required].filter((name) => !(name in declared))).toEqual([]);
  });

  it("takes @pulumi/pulumi as a peer range that includes the pinned development version", () => {
    expect(pkg.dependencies["@pulumi/pulumi"]).toBeUndefined();
    const range: string = pkg.peerDependencies["@pulumi/pulumi"];
    expect(range).toMatch(/^\^3\.\d+\.\d+$/);
    const [minMinor, minPatch] = range.slice(3).split(".").map(Number);
    const [major, minor, patch] = pkg.devDependencies["@pulumi/pulumi"].split(".").map(Number);
    expect(major).toBe(3);
    expect(minor > minMinor || (minor === minMinor && patch >= minPatch)).toBe(true);
  });
});
