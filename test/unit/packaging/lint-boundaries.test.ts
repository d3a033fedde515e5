import { ESLint } from "eslint";
import * as path from "path";

/**
 * The import boundaries in eslint.config.js, probed with one-line files placed (virtually) in each
 * layer: what a layer may not import is refused, what it may is let through.
 */

const REPO_ROOT = path.resolve(__dirname, "../../..");
// The repository's config, handed over as an object: jest's module system cannot run the dynamic
// import with which ESLint would load it itself.
// eslint-disable-next-line @typescript-eslint/no-require-imports -- eslint.config.js is CommonJS
const config = require(path.join(REPO_ROOT, "eslint.config.js"));
const eslint = new ESLint({ cwd: REPO_ROOT, overrideConfigFile: true, overrideConfig: config });

async function restricted(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(`${code}\nexport const probe = 1;\n`, { filePath: path.join(REPO_ROOT, file) });
  return result.messages.filter((m) => m.ruleId === "no-restricted-imports").map((m) => m.message);
}

jest.setTimeout(60_000);

describe("layer boundaries", () => {
  it.each([
    ['import * as fs from "fs";', "no I/O"],
    ['import { request } from "node:https";', "no I/O"],
    ['import { execFileSync } from "child_process";', "no I/O"],
    ['import axios from "axios";', "no HTTP client"],
    ['import * as pulumi from "@pulumi/pulumi";', "no HTTP client, no Pulumi"],
    ['import { ScalekitClient } from "../client";', "imports only itself"],
    ['import { resolveEnvironment } from "../client/credentials";', "imports only itself"],
    ['import { providerShim } from "../provider/shim";', "imports only itself"],
  ])("src/definition/ refuses %s", async (code, why) => {
    expect((await restricted("src/definition/probe.ts", code)).join("\n")).toContain(why);
  });

  it("src/definition/ may import zod and itself", async () => {
    expect(
      await restricted("src/definition/probe.ts", 'import { z } from "zod";\nimport type { ApiDefinition } from "./types";'),
    ).toEqual([]);
  });

  it.each([
    'import { redact } from "../client";',
    'import { nameKey } from "../definition/provider-key";',
    'import { CustomProvider } from "pulumi-scalekit-providers";',
  ])("src/emulator/ refuses %s", async (code) => {
    expect(await restricted("src/emulator/probe.ts", code)).toEqual([
      expect.stringContaining("src/emulator/ imports nothing from the library"),
    ]);
  });

  it("src/emulator/ may import Node and itself", async () => {
    expect(
      await restricted("src/emulator/probe.ts", 'import { isIPv4 } from "net";\nimport { EmulatorCore } from "./core";'),
    ).toEqual([]);
  });

  it("src/cli/ refuses src/provider/ and may use the client and the definition layer", async () => {
    expect(await restricted("src/cli/probe.ts", 'import { resolveEnvironment } from "../provider/credentials";')).toEqual([
      expect.stringContaining("src/cli/ does not import src/provider/"),
    ]);
    expect(
      await restricted(
        "src/cli/probe.ts",
        'import { ScalekitClient } from "../client";\nimport { compareSets } from "../definition/compare-sets";',
      ),
    ).toEqual([]);
  });

  it("reports an eslint-disable comment that disables nothing", async () => {
    const [result] = await eslint.lintText(
      "// eslint-disable-next-line @typescript-eslint/no-explicit-any\nexport const x = 1;\n",
      {
        filePath: path.join(REPO_ROOT, "src/probe.ts"),
      },
    );
    expect(result.messages.map((m) => m.message).join("\n")).toMatch(/Unused eslint-disable directive/);
  });
});
