import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { installLibrary } from "../../../scripts/lib/install-library";
import { providerForState, SHIM_SPECIFIER, storedByReference } from "../../../src/provider/stored-provider";
import * as shim from "../../../src/provider/shim";

/**
 * What Pulumi stores for the provider depends on where the package sits: a reference to the
 * installed shim (about 300 bytes) only where that reference stays valid, its code otherwise.
 */
const REPO_ROOT = path.resolve(__dirname, "../../..");
const SHIM_PATH = SHIM_SPECIFIER.split("/");

describe("storedByReference", () => {
  const program = path.join(path.sep, "work", "infra");
  it.each([
    ["installed in the program's node_modules", path.join(program, "node_modules", ...SHIM_PATH), true],
    ["hoisted to a workspace root above the program", path.join(path.sep, "work", "node_modules", ...SHIM_PATH), true],
    [
      "in pnpm's versioned store",
      path.join(program, "node_modules", ".pnpm", "pulumi-scalekit-providers@0.1.0", "node_modules", ...SHIM_PATH),
      false,
    ],
    ["nested under another package", path.join(program, "node_modules", "other", "node_modules", ...SHIM_PATH), false],
    [
      "a linked checkout outside node_modules",
      path.join(path.sep, "src", "pulumi-scalekit-providers", "dist", "src", "provider", "shim.js"),
      false,
    ],
    ["another project's node_modules", path.join(path.sep, "elsewhere", "node_modules", ...SHIM_PATH), false],
  ])("%s: %s", (_what, shimFile, expected) => {
    expect(storedByReference(shimFile, program)).toBe(expected);
  });
});

describe("providerForState", () => {
  it("hands Pulumi a by-value copy in this repository, the same object for every resource", () => {
    const provider = providerForState(REPO_ROOT);
    expect(provider).not.toBe(shim);
    expect(providerForState(REPO_ROOT)).toBe(provider);
    expect(Object.keys(provider).sort()).toEqual(["check", "configure", "create", "delete", "diff", "read", "update"]);
  });

  it("is stored as a reference to the installed shim, which the provider process can load", async () => {
    const project = fs.mkdtempSync(path.join(os.tmpdir(), "scalekit-stored-provider-"));
    const cwd = process.cwd();
    try {
      installLibrary(REPO_ROOT, project);
      process.chdir(project);
      // The installed copy, loaded by path as the program would load it through its node_modules.
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- a file path, not a package
      const installed = require(path.join(project, "node_modules", ...SHIM_PATH.slice(0, -1), "stored-provider.js"));
      const provider = installed.providerForState();
      const text = (await pulumi.runtime.serializeFunction(() => provider)).text;
      expect(text).toContain(`require("${SHIM_SPECIFIER}")`);
      expect(text.length).toBeLessThan(400);

      // What Pulumi's provider host does with the stored text, from the program's directory.
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- the host's loader; it has no types
      const requireFromString = require("require-from-string");
      const loaded = requireFromString(text).handler();
      const res = await loaded.check(
        {},
        { displayName: "bad-name", authPatterns: [{ type: "NO_AUTH", isMcp: true }], proxyUrl: "https://x.example.com" },
      );
      expect(res.failures.map((f: { reason: string }) => f.reason).join()).toMatch(/^displayName may contain only letters/);
    } finally {
      process.chdir(cwd);
      fs.rmSync(project, { recursive: true, force: true });
    }
  });
});
