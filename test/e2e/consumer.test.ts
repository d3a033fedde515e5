import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { startEmulator, Emulator } from "../../src/emulator";
import { REPO_ROOT, run } from "../support/e2e/cli";
import { Workspace } from "../support/e2e/workspace";

jest.setTimeout(900_000);

/**
 * A new user's program: the library installed from its packed tarball (what `npm publish` would
 * ship) next to a different @pulumi/pulumi 3.x than this repository's pin, then run with the real CLI
 * against an emulator. Needs the npm registry for that @pulumi/pulumi version (the npm cache is used).
 */

const CONSUMER_PULUMI = "3.245.0";
const PINNED_PULUMI = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "package.json"), "utf8")).devDependencies["@pulumi/pulumi"];
const STACK = "dev";

const PROGRAM = `import * as pulumi from "@pulumi/pulumi";
import { CustomProvider } from "pulumi-scalekit-providers";

const tavily = new CustomProvider("tavily", {
  displayName: "Consumer Tavily",
  authPatterns: [{ type: "BEARER", fields: [{ fieldName: "token", label: "API Key", inputType: "password", required: true }] }],
  proxyUrl: "https://api.tavily.com",
});

const docs = new CustomProvider("docs", {
  definition: {
    display_name: "Consumer Docs",
    auth_patterns: [{ type: "NO_AUTH", is_mcp: true, fields: [] }],
    proxy_url: "https://docs.example.com/mcp",
    proxy_enabled: false,
  },
});

export const identifiers = pulumi.all([tavily.identifier, docs.identifier]);
`;

/** Every @pulumi/pulumi package.json under a node_modules tree, wherever npm put it. */
function pulumiCopies(dir: string): string[] {
  const found: string[] = [];
  const walk = (d: string) => {
    for (const entry of fs.readdirSync(d, { withFileTypes: true })) {
      if (!entry.isDirectory()) continue;
      const full = path.join(d, entry.name);
      if (full.endsWith(path.join("node_modules", "@pulumi", "pulumi")) && fs.existsSync(path.join(full, "package.json")))
        found.push(full);
      walk(full);
    }
  };
  walk(dir);
  return found;
}

function versionsIn(tree: { name?: string; version?: string; dependencies?: Record<string, unknown> }, name: string): string[] {
  const out: string[] = [];
  const visit = (deps: Record<string, unknown> | undefined) => {
    for (const [dep, node] of Object.entries(deps ?? {})) {
      const n = node as { version?: string; dependencies?: Record<string, unknown> };
      if (dep === name && n.version) out.push(n.version);
      visit(n.dependencies);
    }
  };
  visit(tree.dependencies);
  return out;
}

describe("a fresh Pulumi program that installs the packed library", () => {
  let root: string;
  let program: string;
  let emulator: Emulator;
  let ws: Workspace | undefined;

  beforeAll(async () => {
    expect(CONSUMER_PULUMI).not.toBe(PINNED_PULUMI);
    root = fs.mkdtempSync(path.join(os.tmpdir(), "scalekit-consumer-"));
    program = path.join(root, "program");
    fs.mkdirSync(program);
    // Packs the dist/ that scripts/setup.sh built; --ignore-scripts keeps `prepare` from rebuilding
    // it under the other test files that use it.
    const packed = JSON.parse(
      execFileSync("npm", ["pack", "--json", "--ignore-scripts", "--pack-destination", root], {
        cwd: REPO_ROOT,
        encoding: "utf8",
        stdio: ["ignore", "pipe", "ignore"],
      }),
    )[0].filename;
    const tarball = path.join(root, packed);
    fs.writeFileSync(
      path.join(program, "package.json"),
      JSON.stringify(
        {
          name: "consumer",
          private: true,
          main: "index.ts",
          dependencies: { "@pulumi/pulumi": CONSUMER_PULUMI, "pulumi-scalekit-providers": `file:${tarball}` },
          devDependencies: { "@types/node": "20.19.9", typescript: "5.9.3" },
        },
        null,
        2,
      ),
    );
    fs.writeFileSync(
      path.join(program, "Pulumi.yaml"),
      "name: consumer\nruntime:\n  name: nodejs\n  options:\n    typescript: true\n",
    );
    fs.copyFileSync(path.join(REPO_ROOT, "examples/existing-program/tsconfig.json"), path.join(program, "tsconfig.json"));
    fs.writeFileSync(path.join(program, "index.ts"), PROGRAM);
    const install = await run("npm", ["install", "--no-audit", "--no-fund", "--prefer-offline"], {
      cwd: program,
      env: process.env,
      timeoutMs: 600_000,
    });
    if (install.code !== 0) throw new Error(`npm install failed:\n${install.output}`);
    emulator = await startEmulator({ clientId: "skc_consumer", clientSecret: "consumer-secret-5f4e3d" });
  });

  afterAll(async () => {
    await emulator?.close();
    ws?.dispose();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it("has one copy of @pulumi/pulumi, the program's own, which the library uses", async () => {
    const ls = await run("npm", ["ls", "@pulumi/pulumi", "--all", "--json"], { cwd: program, env: process.env });
    expect(ls.code).toBe(0); // npm ls fails on an invalid or missing peer
    expect([...new Set(versionsIn(JSON.parse(ls.stdout), "@pulumi/pulumi"))]).toEqual([CONSUMER_PULUMI]);
    expect(pulumiCopies(path.join(program, "node_modules"))).toEqual([path.join(program, "node_modules/@pulumi/pulumi")]);

    const library = path.join(program, "node_modules/pulumi-scalekit-providers");
    expect(fs.lstatSync(library).isSymbolicLink()).toBe(false); // a copy, as from a registry
    const resolved = execFileSync(
      process.execPath,
      ["-p", `require.resolve("@pulumi/pulumi/package.json", { paths: [${JSON.stringify(library)}] })`],
      {
        encoding: "utf8",
      },
    ).trim();
    expect(resolved).toBe(path.join(program, "node_modules/@pulumi/pulumi/package.json"));
  });

  it("previews, creates, shows no change, and destroys with the real CLI", async () => {
    ws = new Workspace({ programDir: program, inPlace: true });
    await ws.ok(["stack", "init", STACK, "--secrets-provider", "passphrase"]);
    await ws.ok(["config", "set", "scalekit:environmentUrl", emulator.url], STACK);
    await ws.ok(["config", "set", "scalekit:clientId", emulator.clientId], STACK);
    await ws.ok(["config", "set", "--secret", "scalekit:clientSecret", emulator.clientSecret], STACK);

    const preview = await ws.ok(["preview"], STACK);
    expect(preview.stdout).toMatch(/\+ 4 to create/); // the stack, the state identity and two providers
    // A warning from inside the provider process reached the engine (gRPC through the program's SDK).
    expect(preview.output).toContain("proxy_enabled is false");
    expect(emulator.providers()).toEqual([]);

    await ws.ok(["up", "--yes"], STACK);
    expect(
      emulator
        .providers()
        .map((p) => p.display_name)
        .sort(),
    ).toEqual(["Consumer Docs", "Consumer Tavily"]);
    const { text } = await ws.exportState(STACK);
    expect(text).not.toContain(emulator.clientSecret);
    // Installed under node_modules, the provider is stored as a reference to the installed shim,
    // not as its code: a few hundred bytes, twice per resource (see src/provider/stored-provider.ts).
    const stored = (await ws.providersInState(STACK)).flatMap((r) => [r.inputs!.__provider, r.outputs!.__provider]);
    expect(stored).toHaveLength(4);
    for (const shim of stored) {
      expect(shim).toContain('require("pulumi-scalekit-providers/dist/src/provider/shim.js")');
      expect(String(shim).length).toBeLessThan(400);
    }

    await ws.ok(["preview", "--expect-no-changes"], STACK);
    await ws.ok(["destroy", "--yes"], STACK);
    expect(emulator.providers()).toEqual([]);
  });

  it("runs the native plugin from its node_modules/.bin for a YAML program, with the consumer's @pulumi/pulumi", async () => {
    // The plugin `npm install` linked, as a user's YAML (or Python) project names it.
    const bin = path.join(program, "node_modules/.bin/pulumi-resource-scalekit");
    expect(fs.existsSync(bin)).toBe(true);
    const yamlDir = path.join(root, "yaml");
    fs.mkdirSync(yamlDir);
    fs.writeFileSync(
      path.join(yamlDir, "Pulumi.yaml"),
      [
        "name: consumer-yaml",
        "runtime: yaml",
        "plugins:",
        "  providers:",
        "    - name: scalekit",
        `      path: ${path.dirname(bin)}`,
        "resources:",
        "  docs:",
        "    type: scalekit:index:CustomProvider",
        "    properties:",
        "      definition:",
        "        display_name: Consumer Native Docs",
        "        auth_patterns: [{ type: NO_AUTH, display_name: None, is_mcp: true, fields: [] }]",
        "        proxy_url: https://docs.example.com/mcp",
        "",
      ].join("\n"),
    );
    const yaml = new Workspace({ programDir: yamlDir, inPlace: true });
    try {
      await yaml.ok(["stack", "init", STACK, "--secrets-provider", "passphrase"]);
      await yaml.ok(["config", "set", "scalekit:environmentUrl", emulator.url], STACK);
      await yaml.ok(["config", "set", "scalekit:clientId", emulator.clientId], STACK);
      await yaml.ok(["config", "set", "--secret", "scalekit:clientSecret", emulator.clientSecret], STACK);
      await yaml.ok(["up", "--yes"], STACK);
      expect(emulator.providers().map((p) => p.display_name)).toEqual(["Consumer Native Docs"]);
      await yaml.ok(["preview", "--expect-no-changes"], STACK);
      await yaml.ok(["destroy", "--yes"], STACK);
      expect(emulator.providers()).toEqual([]);
    } finally {
      yaml.dispose();
    }
  });
});
