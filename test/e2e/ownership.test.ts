import * as fs from "fs";
import * as path from "path";
import { startEmulator, Emulator } from "../../src/emulator";
import { markerValue, OWNER_KEY, ownerValue } from "../../src/definition/ownership";
import { readRepoDefinitions, stateIdOf, Workspace, writesSeen } from "../support/e2e/workspace";

jest.setTimeout(900_000);

/**
 * Ownership with the real CLI (docs/ownership.md): a renamed definition file keeps its provider, a
 * provider handed to another stack survives its old stack, two states with the same names on two
 * backends never take each other's providers, and Pulumi's `import` option takes over a provider
 * with a marker-only write (so two imports never co-own it). Each flow records a transcript (OWNERSHIP_TRANSCRIPT_OUT writes them to a file).
 */
const PROJECT = "scalekit-custom-providers";
const tavily = readRepoDefinitions()["my-tavily"] as { display_name: string };
const transcript: string[] = [];
const record = (title: string, output: string) => transcript.push(`$ ${title}\n${output.trim()}\n`);

let emulator: Emulator;
const workspaces: Workspace[] = [];
function workspace(definitions: Record<string, object> = { "my-tavily": tavily }): Workspace {
  const ws = new Workspace({ definitions });
  workspaces.push(ws);
  return ws;
}

beforeAll(async () => {
  emulator = await startEmulator();
});
beforeEach(() => emulator.reset());
afterAll(async () => {
  if (process.env.OWNERSHIP_TRANSCRIPT_OUT) fs.writeFileSync(process.env.OWNERSHIP_TRANSCRIPT_OUT, transcript.join("\n"));
  await emulator.close();
  for (const ws of workspaces) ws.dispose();
});

it("a renamed definition file: up explains the alias and writes nothing; with it, the provider is kept, in state, and settles", async () => {
  const ws = workspace();
  await ws.initStack("dev", emulator);
  await ws.ok(["up", "--yes"], "dev");
  const [provider] = emulator.providers();

  fs.renameSync(path.join(ws.definitionsDir, "my-tavily.json"), path.join(ws.definitionsDir, "tavily-search.json"));
  emulator.clearRequests();
  const refused = await ws.pulumi(["up", "--yes"], "dev");
  record("mv definitions/my-tavily.json definitions/tavily-search.json && pulumi up --yes", refused.output);
  expect(refused.code).not.toBe(0);
  expect(refused.output).toContain('aliases: [{ name: "my-tavily" }]');
  expect(refused.output).toContain("pulumi config set --path 'renamed.tavily-search' my-tavily");
  expect(writesSeen(emulator)).toEqual([]);
  expect(emulator.providers().map((p) => p.identifier)).toEqual([provider.identifier]);

  record("pulumi config set --path 'renamed.tavily-search' my-tavily", "");
  await ws.ok(["config", "set", "--path", "renamed.tavily-search", "my-tavily"], "dev");
  emulator.clearRequests();
  const up = await ws.ok(["up", "--yes"], "dev");
  record("pulumi up --yes", up.output);
  expect(writesSeen(emulator)).toEqual([`PUT /api/v1/custom-providers/${provider.identifier}`]);
  const stateId = await stateIdOf(ws, "dev");
  expect(emulator.providers()).toHaveLength(1);
  expect(emulator.providers()[0].metadata?.[OWNER_KEY]).toBe(markerValue(ownerValue(PROJECT, "dev", "tavily-search"), stateId));
  const [recorded] = await ws.providersInState("dev");
  expect([recorded.urn.split("::").pop(), recorded.id]).toEqual(["tavily-search", provider.identifier]);
  const preview = await ws.ok(["preview", "--expect-no-changes"], "dev");
  record("pulumi preview --expect-no-changes", preview.output);
  await ws.ok(["refresh", "--yes", "--expect-no-changes"], "dev");
  await ws.ok(["destroy", "--yes"], "dev");
  expect(emulator.providers()).toEqual([]);
});

it("stack A creates, stack B adopts, A lets go: the provider stays, and B sees no change", async () => {
  const ws = workspace();
  await ws.initStack("a", emulator);
  await ws.initStack("b", emulator, { adopt: '["my-tavily"]' });
  await ws.ok(["up", "--yes"], "a");
  const [provider] = emulator.providers();
  const adopted = await ws.ok(["up", "--yes"], "b");
  expect(adopted.output).toMatch(
    /Adopted the existing custom provider "My Tavily" .* from scalekit-custom-providers\/a\/my-tavily@/,
  );
  expect(emulator.providers()[0].metadata?.[OWNER_KEY]).toBe(
    markerValue(ownerValue(PROJECT, "b", "my-tavily"), await stateIdOf(ws, "b")),
  );

  // A removes it from its program.
  const empty = path.join(ws.root, "a-definitions");
  fs.mkdirSync(empty);
  await ws.ok(["config", "set", "definitionsDir", empty], "a");
  emulator.clearRequests();
  const letGo = await ws.ok(["up", "--yes"], "a");
  record("pulumi up --yes --stack a  # my-tavily removed from a's program, b adopted it", letGo.output);
  expect(letGo.output).toContain("it was left in place and only removed from this stack's state");
  expect(writesSeen(emulator)).toEqual([]);
  expect(emulator.providers().map((p) => p.identifier)).toEqual([provider.identifier]);
  expect(await ws.providersInState("a")).toEqual([]);
  await ws.ok(["preview", "--refresh", "--expect-no-changes"], "b");
  await ws.ok(["destroy", "--yes"], "b");
  expect(emulator.providers()).toEqual([]);
});

it("two backends with the same project, stack and resource names: the second up fails and writes nothing; its destroy leaves the first's provider", async () => {
  const ci = workspace();
  const laptop = workspace();
  await ci.initStack("dev", emulator);
  await laptop.initStack("dev", emulator);
  await ci.ok(["up", "--yes"], "dev");
  const [provider] = emulator.providers();

  emulator.clearRequests();
  const second = await laptop.pulumi(["up", "--yes"], "dev");
  record("pulumi up --yes  # the laptop's --local backend, stack dev, same environment as CI's", second.output);
  expect(second.code).not.toBe(0);
  expect(second.output).toContain(`another Pulumi state (state id ${await stateIdOf(ci, "dev")})`);
  expect(writesSeen(emulator)).toEqual([]);
  expect(await laptop.providersInState("dev")).toEqual([]);

  const destroy = await laptop.ok(["destroy", "--yes"], "dev");
  record("pulumi destroy --yes  # the laptop's backend", destroy.output);
  expect(emulator.providers().map((p) => p.identifier)).toEqual([provider.identifier]);
  await ci.ok(["preview", "--refresh", "--expect-no-changes"], "dev");
  await ci.ok(["destroy", "--yes"], "dev");
  expect(emulator.providers()).toEqual([]);
});

it("Pulumi's import option takes over a hand-made provider with a marker-only write; a second stack's import takes it in turn, and the first's destroy leaves it", async () => {
  const handMade = emulator.seedProvider(tavily);
  const ws = new Workspace({ programDir: path.join(__dirname, "../fixtures/e2e/import-option"), linkLibrary: true });
  workspaces.push(ws);
  fs.writeFileSync(path.join(ws.dir, "definition.json"), JSON.stringify(tavily));
  await ws.initStack("dev", emulator, { importId: handMade.identifier });
  await ws.initStack("other", emulator, { importId: handMade.identifier });
  emulator.clearRequests();
  const up = await ws.ok(["up", "--yes"], "dev");
  record('pulumi up --yes  # new CustomProvider("imported", { definition }, { import: id })', up.output);
  // The import marks the provider, so another stack's import cannot co-own it unnoticed.
  expect(writesSeen(emulator)).toEqual([`PUT /api/v1/custom-providers/${handMade.identifier}`]);
  expect(up.output).toContain(
    `Imported the existing custom provider "My Tavily" (${handMade.identifier}): it already matched this declaration; wrote this resource's ownership marker (an update of its metadata only).`,
  );
  const devMarker = markerValue(ownerValue("import-option", "dev", "imported"), await stateIdOf(ws, "dev"));
  expect(emulator.providers()[0].metadata?.[OWNER_KEY]).toBe(devMarker);
  const [recorded] = await ws.providersInState("dev");
  expect(recorded.id).toBe(handMade.identifier);
  await ws.ok(["preview", "--expect-no-changes"], "dev");
  await ws.ok(["refresh", "--yes", "--expect-no-changes"], "dev");

  // A second stack imports the same provider: it takes it over from the first, naming it.
  const second = await ws.ok(["up", "--yes"], "other");
  record("pulumi up --yes --stack other  # the same import option", second.output);
  expect(second.output).toContain(`Imported the existing custom provider "My Tavily" (${handMade.identifier}) from ${devMarker}`);
  emulator.clearRequests();
  const letGo = await ws.ok(["destroy", "--yes"], "dev");
  expect(letGo.output).toContain("it was left in place and only removed from this stack's state");
  expect(writesSeen(emulator)).toEqual([]);
  await ws.ok(["destroy", "--yes"], "other");
  expect(emulator.providers()).toEqual([]);
});
