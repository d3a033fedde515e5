import { ProviderTakenOverError } from "../../../src";
import { toCamelCase } from "../../../src/definition/case";
import { markerValue, OWNER_KEY } from "../../../src/definition/ownership";
import { apiCalls, numbered, tavily, tokenCalls, useEmulator } from "../../support/emulator";
import { implementationFor } from "../../support/provider";

/**
 * Ownership decided on a fresh read (docs/ownership.md): an update or a delete reads whose a provider
 * is from a listing no older than `ownershipReadMaxAge` (5 s by default), not from the run's first
 * listing, so a provider another stack adopted while this run was going (a deploy matrix) is neither
 * deleted nor overwritten. Concurrent decisions of one window share one listing.
 */
const emulator = useEmulator({ maxPageSize: 10 });

const STATE_A = "aaaaaaaaaaaaaaaa";
const STATE_B = "bbbbbbbbbbbbbbbb";
const tavilyInputs = toCamelCase<Record<string, unknown>>(tavily);
const stackA = { ...tavilyInputs, managedBy: "p/a/my-tavily", stateId: STATE_A };
const stackB = { ...tavilyInputs, managedBy: "p/b/my-tavily", stateId: STATE_B, adopt: true };
const markerB = markerValue("p/b/my-tavily", STATE_B);
const writes = () => apiCalls(emulator()).filter((c) => !c.startsWith("GET"));
const gets = () => apiCalls(emulator()).filter((c) => c.startsWith("GET"));

/** Stack A's provider process, on a clock the test moves; it has listed the environment once (its run's first look-up). */
async function stackAListed() {
  let now = 1_000_000;
  const a = implementationFor(emulator(), {}, { now: () => now });
  const { outs } = await implementationFor(emulator()).impl.create(stackA);
  await a.impl.read(outs.identifier, outs);
  return { ...a, outs, advance: (ms: number) => (now += ms) };
}

it("A lists, B adopts, A deletes: no DELETE is sent, and the warning names B", async () => {
  const a = await stackAListed();
  await implementationFor(emulator()).impl.create(stackB); // B adopts while A's run goes on
  a.advance(5_001);
  emulator().clearRequests();
  await a.impl.delete(a.outs.identifier, a.outs);
  expect(writes()).toEqual([]);
  expect(gets()).toHaveLength(1); // the fresh listing
  expect(emulator().providers()).toHaveLength(1);
  expect(emulator().providers()[0].metadata?.[OWNER_KEY]).toBe(markerB);
  expect(a.logs.warnings.join("\n")).toContain(`now managed by ${markerB}`);
});

it("A lists, B adopts, A updates, even with adopt: true still set: refused, nothing written", async () => {
  const a = await stackAListed();
  await implementationFor(emulator()).impl.create(stackB);
  a.advance(60_000);
  emulator().clearRequests();
  const err = await a.impl.update(a.outs.identifier, a.outs, { ...stackA, adopt: true, description: "A's edit" }).catch((e) => e);
  expect(err).toBeInstanceOf(ProviderTakenOverError);
  expect(err.message).toContain(markerB);
  expect(writes()).toEqual([]);
  expect(emulator().providers()[0].description).not.toBe("A's edit");
});

it("ownershipReadMaxAge 0 reads afresh for every decision, whatever the clock", async () => {
  const { impl, logs } = implementationFor(emulator(), { "scalekit:ownershipReadMaxAge": "0" });
  const { outs } = await implementationFor(emulator()).impl.create(stackA);
  await impl.read(outs.identifier, outs);
  await implementationFor(emulator()).impl.create(stackB);
  await new Promise((r) => setTimeout(r, 5));
  await impl.delete(outs.identifier, outs);
  expect(emulator().providers()).toHaveLength(1);
  expect(logs.warnings.join("\n")).toContain(`now managed by ${markerB}`);
});

it("a destroy of M providers costs ⌈M/page⌉ listings per window, not one look-up per provider", async () => {
  const M = 25; // pages of 10: 3 requests per listing
  const seeded = Array.from({ length: M }, (_, i) => emulator().seedProvider(numbered(i)));
  let now = 0;
  const { impl } = implementationFor(emulator(), {}, { now: () => now });
  const props = (p: { identifier: string; display_name: string }) => ({
    ...toCamelCase<Record<string, unknown>>(numbered(0)),
    displayName: p.display_name,
    identifier: p.identifier,
  });
  emulator().clearRequests();
  // The first half within one window, the second half in the next.
  await Promise.all(seeded.slice(0, 12).map((p) => impl.delete(p.identifier, props(p))));
  now += 6_000;
  await Promise.all(seeded.slice(12).map((p) => impl.delete(p.identifier, props(p))));
  expect(emulator().providers()).toEqual([]);
  expect(writes()).toHaveLength(M);
  expect(gets()).toHaveLength(Math.ceil(M / 10) + Math.ceil((M - 12) / 10));
  expect(tokenCalls(emulator())).toBe(1);
});
