import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { parse } from "yaml";
import { main } from "../../src/cli/main";
import { startEmulator, Emulator } from "../../src/emulator";
import { installLibrary } from "../../scripts/lib/install-library";
import { MULTI_HEADER, UNKNOWN_PATTERN_KEY, copy } from "../fixtures/definitions";
import { REPO_ROOT } from "../support/e2e/cli";
import { apiClient } from "../support/e2e/suite";
import { StateResource, Workspace, writesSeen } from "../support/e2e/workspace";
import { asanaWithScopes, tavily } from "../support/emulator";

jest.setTimeout(900_000);

/**
 * Reading an environment from a program, with the real CLI against an emulator holding three
 * providers made by hand (through the API): a program that references and looks them up writes
 * nothing, and its destroy leaves them; `export --program` turns the environment into a program
 * whose first `up` takes every provider over, with no create and no delete.
 */

const STACK = "dev";
const DEFAULT_KEY = "pk-exported-default-0d9e8f7a";
const SECRET_MARKER = "4dabf18193072939515e22adb298388d";

let emulator: Emulator;
let root: string | undefined;
const made: Record<string, string> = {};
const workspaces: Workspace[] = [];

beforeAll(async () => {
  emulator = await startEmulator({ clientId: "skc_reader", clientSecret: "reader-secret-6b2c9d41" });
  const client = apiClient(emulator);
  const asana = {
    ...asanaWithScopes(["tasks:read"]),
    display_name: "Shared Asana",
    metadata: { team: "platform", managed_by_pulumi: "platform/prod/asana" },
  };
  // An unknown pattern key and a default API key: both must survive export and adoption.
  const headers = copy(MULTI_HEADER);
  (headers.auth_patterns[0] as Record<string, unknown>).auth_field_mutations = { api_key: { default: DEFAULT_KEY } };
  for (const def of [asana, tavily, headers]) {
    const { provider } = await client.createProvider(def);
    made[provider.display_name] = provider.identifier;
  }
});

afterAll(async () => {
  await emulator.close();
  workspaces.forEach((ws) => ws.dispose());
  if (root) fs.rmSync(root, { recursive: true, force: true });
});

const identifiersNow = () =>
  emulator
    .providers()
    .map((p) => p.identifier)
    .sort();

describe("a program reading providers it does not manage", () => {
  let ws: Workspace;
  beforeAll(async () => {
    ws = new Workspace({ programDir: path.join(__dirname, "..", "fixtures", "e2e", "reader"), linkLibrary: true });
    workspaces.push(ws);
    await ws.ok(["stack", "init", STACK, "--secrets-provider", "passphrase"]);
    await ws.ok(["config", "set", "scalekit:environmentUrl", emulator.url], STACK);
    await ws.ok(["config", "set", "scalekit:clientId", emulator.clientId], STACK);
    await ws.ok(["config", "set", "--secret", "scalekit:clientSecret", emulator.clientSecret], STACK);
    await ws.ok(["config", "set", "asanaId", made["Shared Asana"]], STACK);
    await ws.ok(["config", "set", "docsId", made["Corpus Multi Header"]], STACK);
  });

  const outputs = async (showSecrets = true) =>
    JSON.parse((await ws.ok(["stack", "output", "--json", ...(showSecrets ? ["--show-secrets"] : [])], STACK)).stdout);

  it("exports their identifiers and names with CustomProvider.get, getCustomProvider and listCustomProviders, writing nothing", async () => {
    emulator.clearRequests();
    const up = await ws.ok(["up", "--yes"], STACK);
    expect(writesSeen(emulator)).toEqual([]);
    expect(up.output).not.toContain(emulator.clientSecret);
    expect(await outputs()).toEqual({
      asanaIdentifier: made["Shared Asana"],
      asanaName: "Shared Asana",
      asanaDescription: expect.any(String),
      asanaManagedBy: "platform/prod/asana",
      asanaEnvironment: emulator.url,
      tavily: { identifier: made["My Tavily"], name: "My Tavily", managedBy: "none" },
      all: [
        { identifier: made["Corpus Multi Header"], name: "Corpus Multi Header" },
        { identifier: made["My Tavily"], name: "My Tavily" },
        { identifier: made["Shared Asana"], name: "Shared Asana" },
      ],
      docsName: "Corpus Multi Header",
    });
    // The Output variant is secret as a whole.
    expect((await outputs(false)).docsName).toBe("[secret]");

    const { text, resources } = await ws.exportState(STACK);
    expect(text).not.toContain(emulator.clientSecret);
    const [reference] = resources.filter((r) => r.type.endsWith(":CustomProvider")) as (StateResource & { external?: boolean })[];
    expect(reference.external).toBe(true);
    expect(reference.id).toBe(made["Shared Asana"]);
    for (const key of ["stored", "authPatterns", "metadata"])
      expect(reference.outputs![key]).toEqual(
        expect.objectContaining({ [SECRET_MARKER]: expect.any(String), ciphertext: expect.any(String) }),
      );
    expect(reference.outputs!.displayName).toBe("Shared Asana");

    await ws.ok(["preview", "--expect-no-changes"], STACK);
    expect(writesSeen(emulator)).toEqual([]);
  });

  it("refresh reads the reference again, and still writes nothing", async () => {
    const asana = emulator.providers().find((p) => p.display_name === "Shared Asana")!;
    const { identifier, id: _id, ...definition } = asana as unknown as Record<string, unknown>;
    await apiClient(emulator).updateProvider(String(identifier), {
      ...definition,
      description: "changed by the platform team",
    } as never);
    emulator.clearRequests();
    await ws.ok(["refresh", "--yes"], STACK);
    expect(writesSeen(emulator)).toEqual([]);
    const [reference] = (await ws.exportState(STACK)).resources.filter((r) => r.type.endsWith(":CustomProvider"));
    expect(reference.outputs!.description).toBe("changed by the platform team");
  });

  it("destroy forgets them and leaves all three in Scalekit", async () => {
    const before = identifiersNow();
    emulator.clearRequests();
    await ws.ok(["destroy", "--yes"], STACK);
    expect(writesSeen(emulator)).toEqual([]);
    expect(identifiersNow()).toEqual(before);
    expect(before).toHaveLength(3);
    expect(await ws.providersInState(STACK)).toEqual([]);
  });

  it("a missing identifier fails the program with an error naming it and the environment", async () => {
    await ws.ok(["config", "set", "asanaId", "MISSING:404"], STACK);
    const preview = await ws.pulumi(["preview"], STACK);
    expect(preview.code).not.toBe(0);
    expect(preview.output).toContain("CustomProvider.get: no custom provider with identifier MISSING:404");
    expect(preview.output).toContain(emulator.url);
    expect(writesSeen(emulator)).toEqual([]);
  });
});

describe("export --program", () => {
  it("writes a program whose first up takes every provider over (no create, no delete), then shows no changes", async () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), "scalekit-export-program-"));
    const dir = path.join(root, "acme-providers");
    const out: string[] = [];
    const err: string[] = [];
    const env = { SRC_ENVIRONMENT_URL: emulator.url, SRC_CLIENT_ID: emulator.clientId, SRC_CLIENT_SECRET: emulator.clientSecret };
    const code = await main(
      ["export", "env:src", "--program", dir],
      { cwd: root, env },
      {
        out: (t) => out.push(t),
        err: (t) => err.push(t),
      },
    );
    expect({ code, err }).toEqual({ code: 0, err: [] });
    expect(parse(fs.readFileSync(path.join(dir, "Pulumi.dev.yaml"), "utf8"))).toEqual({
      config: { "acme-providers:adopt": ["corpus-multi-header", "my-tavily", "shared-asana"] },
    });

    // As `npm install` would, with the packed library (the generated package.json names its version).
    installLibrary(REPO_ROOT, dir);
    const ws = new Workspace({ programDir: dir, inPlace: true });
    workspaces.push(ws);
    await ws.ok(["stack", "init", STACK, "--secrets-provider", "passphrase"]);
    await ws.ok(["config", "set", "scalekit:environmentUrl", emulator.url], STACK);
    await ws.ok(["config", "set", "scalekit:clientId", emulator.clientId], STACK);
    await ws.ok(["config", "set", "--secret", "scalekit:clientSecret", emulator.clientSecret], STACK);

    const before = identifiersNow();
    emulator.clearRequests();
    await ws.ok(["up", "--yes"], STACK);
    // Taking over writes at most the ownership marker (PUT): never a create or a delete.
    expect(writesSeen(emulator).filter((w) => !w.startsWith("PUT "))).toEqual([]);
    expect(identifiersNow()).toEqual(before);
    expect((await ws.providersInState(STACK)).map((r) => r.id).sort()).toEqual(before);
    await ws.ok(["preview", "--expect-no-changes"], STACK);

    // The unknown key and the default API key round-tripped.
    const headers = emulator.providers().find((p) => p.display_name === "Corpus Multi Header")!;
    const pattern = headers.auth_patterns[0] as Record<string, unknown>;
    expect(pattern[UNKNOWN_PATTERN_KEY]).toBe(30);
    expect(pattern.auth_field_mutations).toEqual({ api_key: { default: DEFAULT_KEY } });
    const { text } = await ws.exportState(STACK);
    expect(text).not.toContain(emulator.clientSecret);
  });
});
