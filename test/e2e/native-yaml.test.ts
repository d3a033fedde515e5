import * as fs from "fs";
import { startEmulator, Emulator } from "../../src/emulator";
import { markerValue, OWNER_KEY } from "../../src/definition/ownership";
import { apiCalls } from "../support/emulator";
import { expectMarkerOnlyUp, nativeProgram, NativeProgram } from "../support/e2e/native";
import { writesSeen } from "../support/e2e/workspace";
import { apiClient } from "../support/e2e/suite";
import * as os from "os";
import * as path from "path";
import { archiveName, thisPlatform, writeArchives } from "../../scripts/plugin/archive";
import { serverDefinition, withOwner } from "../../src/definition/ownership";

jest.setTimeout(900_000);

/**
 * A YAML program with the native `scalekit` plugin (pulumi-resource-scalekit from the packed package)
 * and the real CLI and YAML language host, against emulators: the lifecycle, explicit providers for two
 * environments, a lookup, validation at preview, `pulumi import` with generated code, the state's secrets,
 * and two backends on one environment.
 */
const TAVILY = `
  tavily:
    type: scalekit:index:CustomProvider
    properties:
      displayName: My Tavily
      description: \${description}
      authPatterns:
        - type: BEARER
          displayName: Bearer token
          fields:
            - fieldName: token
              label: API Key
              inputType: password
              required: true
          authFieldMutations:
            token:
              default:
                fn::secret: a-default-token-that-must-stay-secret
      proxyUrl: https://api.tavily.com
`;
const SEARCH = `
  search:
    type: scalekit:index:CustomProvider
    properties:
      displayName: My Search
      authPatterns:
        - type: BEARER
          displayName: Bearer token
          fields:
            - fieldName: token
      proxyUrl: https://api.search.example.com
`;
const program = (resources: string, extra = "") =>
  `config:\n  description:\n    type: string\n    default: Web search\n${extra}resources:${resources}outputs:\n  identifier: \${tavily.identifier}\n`;

let dev: Emulator;
let prod: Emulator;
const programs: NativeProgram[] = [];
function yamlProgram(body: string): NativeProgram {
  const p = nativeProgram("yaml", body);
  programs.push(p);
  return p;
}

beforeAll(async () => {
  dev = await startEmulator();
  prod = await startEmulator();
});
beforeEach(() => {
  dev.reset();
  prod.reset();
});
afterAll(async () => {
  await dev.close();
  await prod.close();
  for (const p of programs) {
    p.ws.dispose();
    fs.rmSync(p.dir, { recursive: true, force: true });
  }
});

it("up, a no-change preview, an edit, drift on refresh, and destroy; no plaintext secret in state", async () => {
  const p = yamlProgram(program(TAVILY + SEARCH));
  await p.initStack("dev", dev);
  dev.clearRequests();
  const up = await p.ws.ok(["up", "--yes"], "dev");
  expect(up.output).toMatch(/scalekit:index:CustomProvider\s+tavily\s+created/);
  // One listing of the environment for the whole run (the plugin's process shares it), then one POST each.
  const listings = dev.requests().filter((r) => r.method === "GET" && r.path === "/api/v1/providers" && !r.query.identifier);
  expect(listings).toHaveLength(1);
  expect(writesSeen(dev).filter((w) => w.startsWith("POST"))).toHaveLength(2);
  const created = dev.providers().find((x) => x.display_name === "My Tavily")!;
  const stateId = (await p.ws.exportState("dev")).resources.find((r) => r.type === "pulumi:providers:scalekit")?.inputs?.stateId;
  expect(stateId).toMatch(/^[0-9a-f]{16}$/);
  expect(created.metadata?.[OWNER_KEY]).toBe(markerValue("native-yaml/dev/tavily", stateId as string));

  dev.clearRequests();
  await p.ws.ok(["preview", "--expect-no-changes"], "dev");
  expect(apiCalls(dev)).toEqual([]);

  await p.ws.ok(["config", "set", "description", "Web search for agents"], "dev");
  dev.clearRequests();
  const edit = await p.ws.ok(["up", "--yes"], "dev");
  expect(edit.output).toMatch(/tavily\s+updated.*\[diff: ~description\]/);
  expect(writesSeen(dev)).toEqual([`PUT /api/v1/custom-providers/${created.identifier}`]);

  // Drift made in the Dashboard shows on refresh, and the next up puts the declaration back.
  const current = () => dev.providers().find((x) => x.identifier === created.identifier)!;
  const { [OWNER_KEY]: marker } = current().metadata ?? {};
  await apiClient(dev).updateProvider(
    created.identifier,
    withOwner({ ...serverDefinition(current()), description: "changed by hand" }, marker),
  );
  const refresh = await p.ws.ok(["refresh", "--yes"], "dev");
  expect(refresh.output).toMatch(/tavily\s+(refreshed|updated)/);
  const preview = await p.ws.ok(["preview", "--diff"], "dev");
  expect(preview.output).toContain("changed by hand");

  const { text } = await p.ws.exportState("dev");
  for (const secret of [dev.clientSecret, "a-default-token-that-must-stay-secret"]) expect(text).not.toContain(secret);

  await p.ws.ok(["destroy", "--yes"], "dev");
  expect(dev.providers()).toEqual([]);
  expect(await p.providersInState("dev")).toEqual([]);
});

it("refuses an invalid definition, and two declarations of one name, at preview, every problem at once, with no request", async () => {
  // Values the YAML host's type check lets through reach the plugin's check; a key it does not know
  // is refused by that type check already, so the open \`definition\` carries the misspelt key.
  const bad = TAVILY.replace("type: BEARER", "type: BEARR")
    .replace("https://api.tavily.com", "http://api.tavily.com")
    .replace("displayName: My Tavily", "displayName: My-Tavily");
  const misspelt = `
  docs:
    type: scalekit:index:CustomProvider
    properties:
      definition:
        display_name: Public Docs MCP
        auth_patterns:
          - type: NO_AUTH
            display_name: None
            is_mcp: true
            feilds: []
        proxy_url: https://docs.example.com/mcp
`;
  const p = yamlProgram(program(bad));
  await p.initStack("dev", dev);
  dev.clearRequests();
  const preview = await p.ws.pulumi(["preview"], "dev");
  expect(preview.code).not.toBe(0);
  expect(preview.output).toMatch(/displayName may contain only letters, digits and spaces/);
  expect(preview.output).toMatch(/did you mean "BEARER"/);
  expect(preview.output).toMatch(/proxyUrl must start with https:\/\//);

  p.write("Pulumi.yaml", program(TAVILY + misspelt));
  const second = await p.ws.pulumi(["preview"], "dev");
  expect(second.code).not.toBe(0);
  expect(second.output).toMatch(/definition\.auth_patterns\[0\]\.feilds is not a known property: did you mean fields\?/);

  // Two resources of one provider name (Scalekit derives one key from both): refused, naming both.
  p.write("Pulumi.yaml", program(TAVILY + SEARCH.replace("displayName: My Search", "displayName: my tavily")));
  const third = await p.ws.pulumi(["preview"], "dev");
  expect(third.code).not.toBe(0);
  expect(third.output).toMatch(/CustomProvider resources "(tavily|search)" and "(tavily|search)" declare the same provider name/);
  expect(apiCalls(dev)).toEqual([]);
});

it("two explicit providers manage two environments from one program, and a lookup reads each", async () => {
  const twoEnvironments = `
  prod:
    type: pulumi:providers:scalekit
    properties:
      environmentUrl: ${prod.url}
      clientId: ${prod.clientId}
      clientSecret:
        fn::secret: ${prod.clientSecret}
${TAVILY}
  tavilyProd:
    type: scalekit:index:CustomProvider
    properties:
      displayName: My Tavily
      authPatterns:
        - type: BEARER
          displayName: Bearer token
          fields:
            - fieldName: token
      proxyUrl: https://api.tavily.com
    options:
      provider: \${prod}
`;
  const p = yamlProgram(program(twoEnvironments));
  await p.initStack("dev", dev);
  await p.ws.ok(["up", "--yes"], "dev");
  expect(dev.providers().map((x) => x.display_name)).toEqual(["My Tavily"]);
  expect(prod.providers().map((x) => x.display_name)).toEqual(["My Tavily"]);
  expect(prod.providers()[0].metadata?.[OWNER_KEY]).toMatch(/^native-yaml\/dev\/tavilyProd@[0-9a-f]{16}$/);

  const lookups = `
variables:
  inProd:
    fn::invoke:
      function: scalekit:index:getCustomProvider
      arguments:
        displayName: my tavily
      options:
        provider: \${prod}
  everyInDev:
    fn::invoke:
      function: scalekit:index:listCustomProviders
      arguments: {}
`;
  p.write(
    "Pulumi.yaml",
    program(twoEnvironments, "").replace(
      "outputs:\n",
      `${lookups}outputs:\n  prodId: \${inProd.identifier}\n  devCount: \${everyInDev.providers}\n`,
    ),
  );
  const withLookups = await p.ws.ok(["up", "--yes"], "dev");
  expect(withLookups.output).toMatch(/prodId\s*:\s*\[secret\]/);
  const { stdout } = await p.ws.ok(["stack", "output", "prodId", "--show-secrets"], "dev");
  expect(stdout.trim()).toBe(prod.providers()[0].identifier);

  await p.ws.ok(["destroy", "--yes"], "dev");
  expect(dev.providers()).toEqual([]);
  expect(prod.providers()).toEqual([]);
});

it("pulumi import: generated YAML previews only the marker, the first up writes it alone, and a second stack cannot take it", async () => {
  const seeded = dev.seedProvider({
    display_name: "Hand Made",
    auth_patterns: [{ type: "API_KEY", display_name: "Key", fields: [{ field_name: "api_key", input_type: "password" }] }],
    proxy_url: "https://api.example.com",
    metadata: { team: "ops" },
  });
  const p = yamlProgram("resources: {}\n");
  await p.initStack("dev", dev);
  dev.clearRequests();
  const imported = await p.ws.ok(
    ["import", "scalekit:index:CustomProvider", "hand", seeded.identifier, "--yes", "--out", "generated.yaml"],
    "dev",
  );
  expect(imported.output).toMatch(/1 imported/);
  expect(writesSeen(dev)).toEqual([]);
  const generated = fs.readFileSync(`${p.dir}/generated.yaml`, "utf8");
  expect(generated).toContain("displayName: Hand Made");
  p.write("Pulumi.yaml", generated);

  await expectMarkerOnlyUp(p, "dev", dev, { project: "native-yaml", resource: "hand", identifier: seeded.identifier });

  // A second stack (another backend, the same names) imports it too: its up is refused, naming the owner.
  const other = yamlProgram("resources: {}\n");
  await other.initStack("dev", dev);
  await other.ws.ok(
    ["import", "scalekit:index:CustomProvider", "hand", seeded.identifier, "--yes", "--out", "generated.yaml"],
    "dev",
  );
  other.write("Pulumi.yaml", fs.readFileSync(`${other.dir}/generated.yaml`, "utf8"));
  dev.clearRequests();
  const refused = await other.ws.pulumi(["up", "--yes"], "dev");
  expect(refused.code).not.toBe(0);
  expect(refused.output).toContain("native-yaml/dev/hand");
  expect(writesSeen(dev)).toEqual([]);
  expect(dev.providers()[0].metadata?.[OWNER_KEY]).toMatch(/^native-yaml\/dev\/hand@/);
});

it("two backends with the same stack names on one environment never co-own a provider", async () => {
  const a = yamlProgram(program(TAVILY));
  const b = yamlProgram(program(TAVILY));
  await a.initStack("dev", dev);
  await b.initStack("dev", dev);
  await a.ws.ok(["up", "--yes"], "dev");
  const [owned] = dev.providers();
  dev.clearRequests();
  const refused = await b.ws.pulumi(["up", "--yes"], "dev");
  expect(refused.code).not.toBe(0);
  expect(refused.output).toMatch(/written by another Pulumi state/);
  expect(writesSeen(dev)).toEqual([]);
  await b.ws.ok(["destroy", "--yes"], "dev");
  expect(dev.providers().map((x) => x.identifier)).toEqual([owned.identifier]);
});

it("the release archive installs with `pulumi plugin install` and serves a program that names no plugin path", async () => {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), "scalekit-archive-"));
  const [archive] = writeArchives(out, [thisPlatform()]);
  const version = JSON.parse(fs.readFileSync(path.join(__dirname, "../../package.json"), "utf8")).version;
  expect(path.basename(archive)).toBe(archiveName(version, thisPlatform()));
  const p = yamlProgram(program(TAVILY));
  // No plugins.providers path: the engine takes the plugin from its cache, as after a download.
  const yaml = fs.readFileSync(path.join(p.dir, "Pulumi.yaml"), "utf8");
  fs.writeFileSync(
    path.join(p.dir, "Pulumi.yaml"),
    yaml.replace(/plugins:\n {2}providers:\n {4}- name: scalekit\n {6}path: .*\n/, ""),
  );
  await p.ws.ok(["plugin", "install", "resource", "scalekit", version, "--file", archive]);
  await p.initStack("dev", dev);
  const up = await p.ws.ok(["up", "--yes"], "dev");
  expect(up.output).toMatch(/tavily\s+created/);
  expect(dev.providers().map((x) => x.display_name)).toEqual(["My Tavily"]);
  await p.ws.ok(["destroy", "--yes"], "dev");
  fs.rmSync(out, { recursive: true, force: true });
});

it("the example program (examples/native/yaml) manages two environments, as the docs show it", async () => {
  const p = yamlProgram("resources: {}\n");
  fs.copyFileSync(path.join(__dirname, "../../examples/native/yaml/Pulumi.yaml"), path.join(p.dir, "Pulumi.yaml"));
  await p.initStack("dev", dev);
  await p.ws.ok(["config", "set", "prodEnvironmentUrl", prod.url], "dev");
  await p.ws.ok(["config", "set", "prodClientId", prod.clientId], "dev");
  await p.ws.ok(["config", "set", "--secret", "prodClientSecret", prod.clientSecret], "dev");
  await p.ws.ok(["up", "--yes"], "dev");
  expect(dev.providers().map((x) => x.display_name)).toEqual(["My Tavily"]);
  expect(prod.providers().map((x) => x.display_name)).toEqual(["Public Docs MCP"]);
  await p.ws.ok(["preview", "--expect-no-changes"], "dev");
  await p.ws.ok(["destroy", "--yes"], "dev");
  expect([...dev.providers(), ...prod.providers()]).toEqual([]);
});
