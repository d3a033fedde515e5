import * as fs from "fs";
import * as path from "path";
import { startEmulator, Emulator } from "../../src/emulator";
import { OWNER_KEY } from "../../src/definition/ownership";
import { apiCalls } from "../support/emulator";
import { NATIVE_TYPE, nativeProgram, NativeProgram } from "../support/e2e/native";
import { writesSeen } from "../support/e2e/workspace";

jest.setTimeout(900_000);

/**
 * A TypeScript stack moves from the dynamic resource to the native one by changing one import line
 * (and a `configNamespace` into an explicit provider): no change and no request to Scalekit, then
 * refresh and a no-change preview. And the native type's own `import` option: no write at the
 * import, the marker at the next up.
 */
const TSCONFIG = JSON.stringify({
  compilerOptions: {
    strict: true,
    target: "ES2020",
    module: "commonjs",
    moduleResolution: "node",
    esModuleInterop: true,
    skipLibCheck: true,
  },
  files: ["index.ts"],
});
const PACKAGE_JSON = JSON.stringify({ name: "native-typescript", private: true });

const DYNAMIC = `import * as pulumi from "@pulumi/pulumi";
import { CustomProvider } from "pulumi-scalekit-providers";

const tavily = {
  displayName: "My Tavily",
  authPatterns: [{ type: "BEARER", displayName: "Bearer", fields: [{ fieldName: "token", label: "API Key", inputType: "password", required: true }] }],
  proxyUrl: "https://api.tavily.com",
};
const dev = new CustomProvider("tavily", tavily);
const prod = new CustomProvider("tavily-prod", { ...tavily, configNamespace: "scalekitProd" });
export const ids = pulumi.all([dev.identifier, prod.identifier]);
`;

/** The same program on the native type: one import line, and the namespace as an explicit provider. */
const NATIVE = DYNAMIC.replace(
  'import { CustomProvider } from "pulumi-scalekit-providers";',
  'import { CustomProvider, Provider } from "pulumi-scalekit-providers/native";',
)
  .replace('{ ...tavily, configNamespace: "scalekitProd" });', `{ ...tavily }, { provider: prodProvider });`)
  .replace(
    "const dev = ",
    `const prodConfig = new pulumi.Config("scalekitProd");
const prodProvider = new Provider("prod", {
  environmentUrl: prodConfig.require("environmentUrl"),
  clientId: prodConfig.require("clientId"),
  clientSecret: prodConfig.requireSecret("clientSecret"),
});
const dev = `,
  );

let dev: Emulator;
let prod: Emulator;
const programs: NativeProgram[] = [];

beforeAll(async () => {
  dev = await startEmulator();
  prod = await startEmulator();
});
afterAll(async () => {
  await dev.close();
  await prod.close();
  for (const p of programs) {
    p.ws.dispose();
    fs.rmSync(p.dir, { recursive: true, force: true });
  }
});

it("moves from the dynamic type to the native one with no change and no request, then refreshes to no changes", async () => {
  const p = nativeProgram("typescript", "", { "index.ts": DYNAMIC, "tsconfig.json": TSCONFIG, "package.json": PACKAGE_JSON });
  programs.push(p);
  await p.initStack("dev", dev);
  await p.setEnvironment("dev", "scalekitProd", prod);
  await p.ws.ok(["up", "--yes"], "dev");
  const markers = [dev.providers()[0].metadata?.[OWNER_KEY], prod.providers()[0].metadata?.[OWNER_KEY]];
  expect(markers.every((m) => /^native-typescript\/dev\/tavily(-prod)?@[0-9a-f]{16}$/.test(m ?? ""))).toBe(true);

  p.write("index.ts", NATIVE);
  dev.clearRequests();
  prod.clearRequests();
  const preview = await p.ws.ok(["preview", "--diff"], "dev");
  // Only bookkeeping changes: the explicit provider is new, and the old state identity resource leaves
  // the state (its stored provider has no delete: nothing is sent). No CustomProvider changes.
  expect(preview.output).toMatch(/\+ pulumi:providers:scalekit: \(create\)/);
  expect(preview.output).toMatch(/- pulumi-nodejs:dynamic\/scalekit:StateIdentity: \(delete\)/);
  expect(preview.output).toMatch(/\+ 1 to create\s+- 1 to delete/);
  expect(preview.output).not.toMatch(/CustomProvider: \(|to (update|replace)/);
  await p.ws.ok(["up", "--yes"], "dev");
  expect([...apiCalls(dev), ...apiCalls(prod)]).toEqual([]);
  expect((await p.providersInState("dev")).map((r) => r.type)).toEqual([NATIVE_TYPE, NATIVE_TYPE]);

  await p.ws.ok(["refresh", "--yes"], "dev");
  await p.ws.ok(["preview", "--expect-no-changes"], "dev");
  expect([dev.providers()[0].metadata?.[OWNER_KEY], prod.providers()[0].metadata?.[OWNER_KEY]]).toEqual(markers);
  expect([...writesSeen(dev), ...writesSeen(prod)]).toEqual([]);

  await p.ws.ok(["destroy", "--yes"], "dev");
  expect([...dev.providers(), ...prod.providers()]).toEqual([]);
});

it("refuses configNamespace on the native type, pointing at an explicit provider", async () => {
  const p = nativeProgram("typescript", "", {
    "index.ts": DYNAMIC.replace('from "pulumi-scalekit-providers"', 'from "pulumi-scalekit-providers/native"'),
    "tsconfig.json": TSCONFIG,
    "package.json": PACKAGE_JSON,
  });
  programs.push(p);
  await p.initStack("dev", dev);
  const preview = await p.ws.pulumi(["preview"], "dev");
  expect(preview.code).not.toBe(0);
  expect(preview.output).toContain("configNamespace chooses the environment of the dynamic resource");
  expect(preview.output).toContain("{ provider: prod }");
});

it("the import option takes a hand-made provider with no write; the next up writes its marker alone", async () => {
  const seeded = dev.seedProvider({
    display_name: "Hand Made",
    auth_patterns: [{ type: "API_KEY", display_name: "Key", fields: [{ field_name: "api_key" }] }],
    proxy_url: "https://api.example.com",
    proxy_enabled: true,
  });
  const program = `import { CustomProvider } from "pulumi-scalekit-providers/native";
new CustomProvider("hand", {
  displayName: "Hand Made",
  authPatterns: [{ type: "API_KEY", displayName: "Key", fields: [{ fieldName: "api_key" }] }],
  proxyUrl: "https://api.example.com",
}, { import: "${seeded.identifier}" });
`;
  const p = nativeProgram("typescript", "", { "index.ts": program, "tsconfig.json": TSCONFIG, "package.json": PACKAGE_JSON });
  programs.push(p);
  await p.initStack("dev", dev);
  dev.clearRequests();
  const imported = await p.ws.ok(["up", "--yes"], "dev");
  expect(imported.output).toMatch(/hand\s+imported/);
  expect(writesSeen(dev)).toEqual([]);
  const next = await p.ws.ok(["up", "--yes"], "dev");
  expect(next.output).toMatch(/hand\s+updated.*managedBy/);
  expect(writesSeen(dev)).toEqual([`PUT /api/v1/custom-providers/${seeded.identifier}`]);
  expect(dev.providers()[0].metadata?.[OWNER_KEY]).toMatch(/^native-typescript\/dev\/hand@[0-9a-f]{16}$/);
  await p.ws.ok(["preview", "--expect-no-changes"], "dev");
});

it("the example program (examples/native/typescript) manages two environments and reads one back, as the docs show it", async () => {
  const example = fs.readFileSync(path.join(__dirname, "../../examples/native/typescript/index.ts"), "utf8");
  const p = nativeProgram("typescript", "", { "index.ts": example, "tsconfig.json": TSCONFIG, "package.json": PACKAGE_JSON });
  programs.push(p);
  dev.reset();
  prod.reset();
  await p.initStack("dev", dev);
  await p.setEnvironment("dev", "scalekitProd", prod);
  await p.ws.ok(["up", "--yes"], "dev");
  expect(dev.providers().map((x) => x.display_name)).toEqual(["My Tavily"]);
  expect(prod.providers().map((x) => x.display_name)).toEqual(["Public Docs MCP"]);
  const { stdout } = await p.ws.ok(["stack", "output", "docsInProd", "--show-secrets"], "dev");
  expect(stdout.trim()).toBe(prod.providers()[0].identifier);
  await p.ws.ok(["destroy", "--yes"], "dev");
});
