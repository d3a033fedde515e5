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
    ['import { resolveEnvironment } from "../config";', "imports only itself"],
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
    expect(await restricted("src/cli/probe.ts", 'import { resolveEnvironment } from "../provider/implementation";')).toEqual([
      expect.stringContaining("src/cli/ does not import src/provider/"),
    ]);
    expect(
      await restricted(
        "src/cli/probe.ts",
        'import { ScalekitClient } from "../client";\nimport { compareSets } from "../definition/compare-sets";',
      ),
    ).toEqual([]);
  });

  it.each([
    ["src/review/probe.ts", 'import { declaredDefinition } from "../provider/diff";', "does not import src/provider/"],
    ["src/review/probe.ts", 'import { ScalekitClient } from "../client";', "imports only itself and"],
    ["src/review/probe.ts", 'import * as fs from "fs";', "no I/O"],
    ["src/client/probe.ts", 'import { implementation } from "../provider/implementation";', "does not import src/provider/"],
    ["src/client/probe.ts", 'import { reviewProvider } from "../review/provider-review";', "imports only itself and"],
    ["src/client/probe.ts", 'import * as pulumi from "@pulumi/pulumi";', "does not load the Pulumi SDK"],
    ["src/config/probe.ts", 'import { ScalekitClient } from "../client";', "imports only itself and"],
    ["src/config/probe.ts", 'import * as pulumi from "@pulumi/pulumi";', "no Pulumi"],
    ["src/custom-provider/probe.ts", 'import * as pulumi from "@pulumi/pulumi";', "no Pulumi"],
    ["src/custom-provider/probe.ts", 'import { resolveConfig } from "../config";', "imports only itself and"],
    ["src/custom-provider/probe.ts", 'import { CustomProvider } from "../dynamic/resource";', "imports only itself and"],
    ["src/errors/probe.ts", 'import { nameKey } from "../definition/provider-key";', "imports only itself"],
    ["src/cli/probe.ts", 'import { CustomProvider } from "../dynamic/resource";', "imports only itself and"],
    ["src/operations/errors/probe.ts", 'import { main } from "../../cli/main";', "imports only itself and"],
    ["src/lookups/probe.ts", 'import { implementation } from "../provider/implementation";', "does not import src/provider/"],
    ["src/lookups/probe.ts", 'import { CustomProvider } from "../dynamic/resource";', "imports only itself and"],
    ["src/lookups/probe.ts", 'import { main } from "../cli/main";', "imports only itself and"],
    ["src/client/probe.ts", 'import { getCustomProvider } from "../lookups";', "imports only itself and"],
    ["src/operations/probe.ts", 'import * as pulumi from "@pulumi/pulumi";', "does not load the Pulumi SDK"],
    ["src/operations/probe.ts", 'import { engineLogger } from "../provider/engine";', "does not import src/provider/"],
    ["src/plugin/probe.ts", 'import { implementation } from "../provider/implementation";', "does not import src/provider/"],
    ["src/plugin/probe.ts", 'import { CustomProvider } from "../dynamic/resource";', "imports only itself and"],
    ["src/provider/probe.ts", 'import { CustomProvider } from "../dynamic/resource";', "imports only itself and"],
  ])("%s refuses %s", async (file, code, why) => {
    expect((await restricted(file, code)).join("\n")).toContain(why);
  });

  it.each([
    ["src/review/probe.ts", 'import { CUSTOM_PROVIDER_TYPE } from "../custom-provider";\nimport { redact } from "../errors";'],
    [
      "src/config/probe.ts",
      'import { DEFAULT_NAMESPACE } from "../custom-provider/namespace";\nimport { ScalekitConfigError } from "../errors";',
    ],
    [
      "src/client/probe.ts",
      'import { resolveConfig } from "../config";\nimport type { ApiProvider } from "../definition/types";',
    ],
    ["src/operations/errors/probe.ts", 'import { ScalekitError } from "../../errors";\nimport { inUse } from "../messages";'],
    [
      "src/lookups/probe.ts",
      'import * as pulumi from "@pulumi/pulumi";\nimport { EnvironmentRegistry } from "../client/environments";\nimport { resolveConfig } from "../config";',
    ],
  ])("%s may import its allowed rooms", async (file, code) => {
    expect(await restricted(file, code)).toEqual([]);
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
