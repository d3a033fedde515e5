import * as fs from "fs";
import * as path from "path";
import { startEmulator, Emulator } from "../../src/emulator";
import { markerValue, OWNER_KEY, ownerValue } from "../../src/definition/ownership";
import { numbered } from "../support/emulator";
import { REPO_ROOT, RunResult } from "../support/e2e/cli";
import { readRepoDefinitions, stateIdOf, Workspace, writesSeen } from "../support/e2e/workspace";

jest.setTimeout(900_000);

/**
 * Two stacks of one program on one environment, run the way a deploy matrix runs them (docs/ownership.md):
 * - stack A lists the environment, stack B adopts a provider while A's run goes on (a slow create),
 *   then A's run deletes it: A reads whose it is afresh, sends no DELETE, and names B;
 * - `adopt: true` left in A's stack file (as `export --program` writes it) does not take the provider
 *   back from B: A's next update fails naming B and how to take it back on purpose, and
 *   `review --fail-on adopt` fails on A's preview.
 */
const PROJECT = "scalekit-custom-providers";
const tavily = readRepoDefinitions()["my-tavily"] as Record<string, unknown>;

let emulator: Emulator;
let ws: Workspace;
/** A folder of definitions for one stack (`definitionsDir`), so the two stacks declare different sets. */
function definitions(stack: string, defs: Record<string, object>): string {
  const dir = path.join(ws.root, `${stack}-definitions`);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir);
  for (const [name, def] of Object.entries(defs)) fs.writeFileSync(path.join(dir, `${name}.json`), JSON.stringify(def));
  return dir;
}
const marker = async (stack: string) => markerValue(ownerValue(PROJECT, stack, "my-tavily"), await stateIdOf(ws, stack));

beforeAll(async () => {
  emulator = await startEmulator();
  ws = new Workspace({ definitions: {} });
});
afterAll(async () => {
  await emulator.close();
  ws.dispose();
});

it("A lists, B adopts, A deletes: no DELETE is sent, and the warning names B", async () => {
  // A held POST can outlast B's whole run: A's requests may take that long.
  await ws.initStack("a", emulator, { "scalekit:requestTimeout": "300", "scalekit:operationTimeout": "600" });
  await ws.initStack("b", emulator, { adopt: '["my-tavily"]' });
  await ws.ok(["config", "set", "definitionsDir", definitions("a", { "my-tavily": tavily })], "a");
  await ws.ok(["up", "--yes"], "a");
  const [provider] = emulator.providers();

  // A's next run removes my-tavily and creates a provider whose POST Scalekit answers slowly. Pulumi
  // deletes after every create has finished, so A lists the environment (for the create) long before it deletes.
  await ws.ok(["config", "set", "definitionsDir", definitions("a", { slow: numbered(1) })], "a");
  await ws.ok(["config", "set", "definitionsDir", definitions("b", { "my-tavily": tavily })], "b");
  emulator.clearRequests();
  emulator.injectFault({ hold: true, method: "POST", pathPrefix: "/api/v1/custom-providers" });
  const runA: Promise<RunResult> = ws.pulumi(["up", "--yes"], "a");
  while (emulator.heldRequests() === 0) await new Promise((r) => setTimeout(r, 100));
  const listedAt = Date.now();
  expect(emulator.requests().filter((r) => r.method === "GET")).toHaveLength(1); // A's listing

  // B adopts my-tavily while A's run is still going.
  const adopted = await ws.ok(["up", "--yes"], "b");
  expect(adopted.output).toMatch(
    /Adopted the existing custom provider "My Tavily" .* from scalekit-custom-providers\/a\/my-tavily@/,
  );
  const markerB = await marker("b");
  expect(emulator.providers().find((p) => p.identifier === provider.identifier)?.metadata?.[OWNER_KEY]).toBe(markerB);

  // Past the default window (ownershipReadMaxAge, 5 s) since A's listing, A's create is answered and A goes on to the delete.
  await new Promise((r) => setTimeout(r, Math.max(0, listedAt + 5_500 - Date.now())));
  emulator.releaseHeld();
  const a = await runA;
  expect(a.code).toBe(0);
  expect(a.output).toContain(`is now managed by ${markerB}, not by this resource`);
  expect(a.output).toContain("it was left in place and only removed from this stack's state");
  expect(writesSeen(emulator).filter((w) => w.startsWith("DELETE"))).toEqual([]);
  expect(emulator.providers().find((p) => p.identifier === provider.identifier)?.metadata?.[OWNER_KEY]).toBe(markerB);
  expect((await ws.providersInState("a")).map((r) => r.urn.split("::").pop())).toEqual(["slow"]);
  // A listed again before deciding: one more listing than its first.
  expect(emulator.requests().filter((r) => r.method === "GET" && r.path === "/api/v1/providers").length).toBeGreaterThanOrEqual(
    3,
  );

  await ws.ok(["preview", "--refresh", "--expect-no-changes"], "b");
  await ws.ok(["destroy", "--yes"], "a");
  await ws.ok(["destroy", "--yes"], "b");
  expect(emulator.providers()).toEqual([]);
});

it("a lingering adopt: true does not take a provider back: A's update fails naming B, and review --fail-on adopt fails", async () => {
  emulator.reset();
  // A's stack file keeps adopt (as `export --program` writes it); A creates, B adopts.
  await ws.ok(["config", "set", "adopt", '["my-tavily"]'], "a");
  await ws.ok(["config", "set", "definitionsDir", definitions("a", { "my-tavily": tavily })], "a");
  await ws.ok(["up", "--yes"], "a");
  await ws.ok(["up", "--yes"], "b");
  const markerB = await marker("b");

  // A edits the provider. The review of A's preview flags the lingering adopt as unverifiable (who owns it now).
  await ws.ok(
    ["config", "set", "definitionsDir", definitions("a", { "my-tavily": { ...tavily, description: "A's edit" } })],
    "a",
  );
  const preview = await ws.pulumi(["preview", "--json"], "a");
  expect(preview.code).toBe(0);
  const file = path.join(ws.root, "a-preview.json");
  fs.writeFileSync(file, preview.stdout);
  const cli = path.join(REPO_ROOT, "dist/src/cli/main.js");
  const gate = await ws.exec(process.execPath, [cli, "review", file, "--fail-on", "adopt"]);
  expect(gate.code).toBe(1);
  expect(gate.stdout).toContain("**adopt** (cannot verify: owner)");
  expect(gate.stderr).toContain("--fail-on: adopt (cannot verify)");

  emulator.clearRequests();
  const up = await ws.pulumi(["up", "--yes"], "a");
  expect(up.code).not.toBe(0);
  expect(up.output).toContain(`is now managed by ${markerB}, not by this resource`);
  expect(up.output).toContain("adopt: true, still set on this resource, does not take it back");
  expect(writesSeen(emulator)).toEqual([]);
  expect(emulator.providers()[0].metadata?.[OWNER_KEY]).toBe(markerB);
  expect(emulator.providers()[0].description).not.toBe("A's edit");

  // Taking it back on purpose, as the error says: forget it in A's state, then up (a create with adopt).
  const [recorded] = await ws.providersInState("a");
  await ws.ok(["state", "delete", recorded.urn, "--yes"], "a");
  const back = await ws.ok(["up", "--yes"], "a");
  expect(back.output).toMatch(
    /Adopted the existing custom provider "My Tavily" .* from scalekit-custom-providers\/b\/my-tavily@/,
  );
  expect(emulator.providers()[0].metadata?.[OWNER_KEY]).toBe(await marker("a"));
  expect(emulator.providers()[0].description).toBe("A's edit");

  await ws.ok(["destroy", "--yes"], "b");
  await ws.ok(["destroy", "--yes"], "a");
  expect(emulator.providers()).toEqual([]);
});
