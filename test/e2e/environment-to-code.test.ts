import * as fs from "fs";
import * as path from "path";
import { startEmulator, Emulator } from "../../src/emulator";
import { canonicalDefinition } from "../../src/definition/normalize";
import { OWNER_KEY, serverDefinition } from "../../src/definition/ownership";
import { REPO_ROOT } from "../support/e2e/cli";
import { nativeProgram, pythonVenvWithSdk, NativeLanguage, NativeProgram } from "../support/e2e/native";
import { writesSeen } from "../support/e2e/workspace";

jest.setTimeout(900_000);

/**
 * A whole environment to code, in any language: `scalekit-providers export env --import-file`, then
 * Pulumi's bulk import with the code it generates (YAML, then Python), with no write to Scalekit; the
 * first up writes each provider's ownership marker alone, and a second stack that imports the same
 * document afterwards is refused, naming the owner.
 */
let dev: Emulator;
let venv: string;
const programs: NativeProgram[] = [];

const HAND_MADE = [
  {
    display_name: "Hand Made",
    auth_patterns: [{ type: "API_KEY", display_name: "Key", fields: [{ field_name: "api_key", input_type: "password" }] }],
    proxy_url: "https://api.example.com",
    proxy_enabled: true,
    metadata: { team: "ops" },
  },
  {
    display_name: "Docs MCP",
    auth_patterns: [{ type: "NO_AUTH", display_name: "None", is_mcp: true, fields: [], a_key_from_the_future: "kept" }],
    proxy_url: "https://docs.example.com/mcp",
    proxy_enabled: true,
  },
  {
    display_name: "123 Corp",
    auth_patterns: [{ type: "BEARER", display_name: "Token", fields: [{ field_name: "token" }] }],
    proxy_url: "https://api.123corp.example.com",
    proxy_enabled: false,
  },
];

const GENERATED: Record<"yaml" | "python", string> = { yaml: "generated.yaml", python: "generated.py" };

/** A program of `language` whose stack imported the environment's document, with the generated code in place. */
async function importedProgram(language: "yaml" | "python", stack = "dev"): Promise<NativeProgram> {
  const body = language === "python" ? `runtime:\n  name: python\n  options:\n    virtualenv: ${venv}\n` : "resources: {}\n";
  const p = nativeProgram(language as NativeLanguage, body, language === "python" ? { "__main__.py": "import pulumi\n" } : {});
  programs.push(p);
  await p.initStack(stack, dev);
  const exported = await p.ws.exec(
    "node",
    [path.join(REPO_ROOT, "dist/src/cli/main.js"), "export", "env", "--import-file", "import.json"],
    {
      SCALEKIT_ENVIRONMENT_URL: dev.url,
      SCALEKIT_CLIENT_ID: dev.clientId,
      SCALEKIT_CLIENT_SECRET: dev.clientSecret,
    },
  );
  expect(exported.code).toBe(0);
  expect(
    JSON.parse(fs.readFileSync(path.join(p.dir, "import.json"), "utf8")).resources.map((r: { name: string }) => r.name),
  ).toEqual(["docs-mcp", "hand-made", "provider-123-corp"]);
  dev.clearRequests();
  const imported = await p.ws.ok(["import", "--file", "import.json", "--yes", "--out", GENERATED[language]], stack);
  expect(imported.output).toMatch(/= 3 imported/);
  expect(writesSeen(dev)).toEqual([]);
  const code = fs.readFileSync(path.join(p.dir, GENERATED[language]), "utf8");
  if (language === "yaml") p.write("Pulumi.yaml", code);
  else fs.writeFileSync(path.join(p.dir, "__main__.py"), `import pulumi\nimport pulumi_scalekit as scalekit\n\n${code}`);
  return p;
}

beforeAll(async () => {
  venv = pythonVenvWithSdk();
  dev = await startEmulator();
});
beforeEach(() => {
  dev.reset();
  for (const def of HAND_MADE) dev.seedProvider(def);
});
afterAll(async () => {
  await dev.close();
  for (const p of programs) {
    p.ws.dispose();
    fs.rmSync(p.dir, { recursive: true, force: true });
  }
});

it.each(["yaml", "python"] as const)(
  "%s: the imported environment previews no create, replace or delete; the first up writes the markers alone; a second stack is refused",
  async (language) => {
    const before = new Map(dev.providers().map((p) => [p.identifier, canonicalDefinition(serverDefinition(p))]));
    const first = await importedProgram(language);
    const preview = await first.ws.ok(["preview"], "dev");
    expect(preview.output).toMatch(/~ 3 to update/);
    expect(preview.output).not.toMatch(/to (create|replace|delete)/);

    dev.clearRequests();
    const up = await first.ws.ok(["up", "--yes"], "dev");
    expect(up.output).toMatch(/\[diff: \+managedBy\]/);
    expect(writesSeen(dev).sort()).toEqual([...before.keys()].map((id) => `PUT /api/v1/custom-providers/${id}`).sort());
    for (const p of dev.providers()) {
      expect(canonicalDefinition(serverDefinition(p))).toEqual(before.get(p.identifier));
      expect(p.metadata?.[OWNER_KEY]).toMatch(new RegExp(`^native-${language}/dev/.+@[0-9a-f]{16}$`));
    }
    expect(dev.providers().find((p) => p.display_name === "Hand Made")?.metadata?.team).toBe("ops");
    await first.ws.ok(["preview", "--expect-no-changes"], "dev");
    const markers = dev.providers().map((p) => p.metadata?.[OWNER_KEY]);

    // Another backend, the same names, the same document: the import reads, the up is refused.
    const second = await importedProgram(language);
    dev.clearRequests();
    const refused = await second.ws.pulumi(["up", "--yes"], "dev");
    expect(refused.code).not.toBe(0);
    expect(refused.output).toMatch(
      new RegExp(`is now managed by native-${language}/dev/(hand-made|docs-mcp|provider-123-corp)@`),
    );
    expect(refused.output).toContain("this stack imported it (pulumi import), but an import takes no provider");
    expect(writesSeen(dev)).toEqual([]);
    expect(dev.providers().map((p) => p.metadata?.[OWNER_KEY])).toEqual(markers);
  },
);
