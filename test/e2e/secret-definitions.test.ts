import * as path from "path";
import { startEmulator, Emulator } from "../../src/emulator";
import { Workspace } from "../support/e2e/workspace";
import { apiClient } from "../support/e2e/suite";

jest.setTimeout(600_000);

/**
 * A secret inside a definition (auth_field_mutations.api_key.default from requireSecret) never
 * reaches the state in plaintext: not under the inputs, nor under `stored`, nor in stack outputs,
 * after up, refresh and an update.
 */
const PLAINTEXT = "pk-default-key-do-not-store-8f3a";
const STACK = "dev";
let emulator: Emulator;
let ws: Workspace;

beforeAll(async () => {
  emulator = await startEmulator();
  ws = new Workspace({ programDir: path.join(__dirname, "..", "fixtures", "e2e", "secret-in-definition"), linkLibrary: true });
  await ws.ok(["stack", "init", STACK, "--secrets-provider", "passphrase"]);
  await ws.ok(["config", "set", "scalekit:environmentUrl", emulator.url], STACK);
  await ws.ok(["config", "set", "scalekit:clientId", emulator.clientId], STACK);
  await ws.ok(["config", "set", "--secret", "scalekit:clientSecret", emulator.clientSecret], STACK);
  await ws.ok(["config", "set", "--secret", "defaultApiKey", PLAINTEXT], STACK);
});
afterAll(async () => {
  await emulator.close();
  ws?.dispose();
});

async function exportedState(): Promise<string> {
  return (await ws.ok(["stack", "export"], STACK)).stdout;
}

it("keeps a secret inside a definition secret in state, through up, refresh and preview", async () => {
  const up = await ws.ok(["up", "--yes"], STACK);
  // The secret did reach Scalekit: it is the point of the declaration.
  // Patterns are free-form JSON in the emulator, as on the server: read the path the test wrote.
  type Mutations = { auth_field_mutations?: { api_key?: { default?: string } } };
  const defaults = emulator.providers().map((p) => (p.auth_patterns[0] as Mutations).auth_field_mutations?.api_key?.default);
  expect(defaults).toEqual([PLAINTEXT, PLAINTEXT]);
  expect(up.output).not.toContain(PLAINTEXT);

  const afterUp = await exportedState();
  expect(afterUp).toContain("stored");
  expect(afterUp).not.toContain(PLAINTEXT);

  const refresh = await ws.ok(["refresh", "--yes"], STACK);
  expect(refresh.output).not.toContain(PLAINTEXT);
  expect(await exportedState()).not.toContain(PLAINTEXT);

  const preview = await ws.ok(["preview", "--diff", "--expect-no-changes"], STACK);
  expect(preview.output).not.toContain(PLAINTEXT);

  // Drift: refresh rebuilds the inputs from Scalekit's copy, secret included.
  const [klaviyo] = emulator.providers().filter((p) => p.display_name === "Secret Klaviyo");
  const { identifier, id: _id, ...definition } = klaviyo as unknown as Record<string, unknown>;
  await apiClient(emulator).updateProvider(String(identifier), {
    ...definition,
    description: "edited in the dashboard",
  } as never);
  const drift = await ws.ok(["refresh", "--yes"], STACK);
  expect(drift.output).not.toContain(PLAINTEXT);
  expect(await exportedState()).not.toContain(PLAINTEXT);
  const restore = await ws.ok(["up", "--yes", "--diff"], STACK);
  expect(restore.output).not.toContain(PLAINTEXT);
  expect(await exportedState()).not.toContain(PLAINTEXT);

  // With --show-secrets the same state holds it, encrypted above: the grep did look at the right place.
  const shown = (await ws.ok(["stack", "export", "--show-secrets"], STACK)).stdout;
  expect(shown).toContain(PLAINTEXT);
  await ws.ok(["destroy", "--yes"], STACK);
});
