import { OWNER_KEY } from "../../src/definition/ownership";
import { readRepoDefinitions, writesSeen } from "../support/e2e/workspace";
import { useStacks } from "../support/e2e/suite";

jest.setTimeout(900_000);

/**
 * Metadata that others own, with the real CLI (docs/update-semantics.md), on an emulator that merges
 * an update's metadata and on one that replaces it: a provider made in the Dashboard with keys of its
 * own is adopted, then edited; the Dashboard's keys survive every `up` on both, a key the declaration
 * removes goes only where Scalekit replaces, and a declaration that would pass Scalekit's 20 pairs
 * once those keys are sent back is refused at preview, naming them.
 */
const tavily = readRepoDefinitions()["my-tavily"] as Record<string, unknown>;
const dashboardKeys = { owner_team: "payments", cost_center: "cc42" };
const declared = { ...tavily, metadata: { team: "search", tier: "gold" } };
const ctx = useStacks(["merge", "replace"], { definitions: { "my-tavily": declared } });

beforeAll(async () => {
  ctx.env.replace.setUpdateMode("replace");
  for (const stack of ["merge", "replace"]) await ctx.ws.ok(["config", "set", "adopt", '["my-tavily"]'], stack);
});

it.each([
  ["merge", true],
  ["replace", false],
])("on a server that %ss: keys set in the Dashboard survive the adopt and every up after it", async (stack, merges) => {
  const emulator = ctx.env[stack];
  emulator.seedProvider({ ...tavily, metadata: dashboardKeys });
  ctx.ws.writeDefinition("my-tavily", declared);
  await ctx.ws.ok(["up", "--yes"], stack);
  const metadata = () => emulator.providers()[0].metadata ?? {};
  expect(metadata()).toMatchObject({ ...dashboardKeys, team: "search", tier: "gold" });

  ctx.ws.writeDefinition("my-tavily", { ...declared, description: "edited" });
  const edit = await ctx.ws.ok(["up", "--yes"], stack);
  expect(metadata()).toMatchObject(dashboardKeys);
  expect(edit.output).not.toMatch(/owner_team|cost_center/);

  // A key the declaration removes goes where Scalekit replaces; a merge keeps it (reported). The Dashboard's stay.
  ctx.ws.writeDefinition("my-tavily", { ...declared, description: "edited", metadata: { team: "search" } });
  const removed = await ctx.ws.ok(["up", "--yes"], stack);
  expect(metadata()).toMatchObject({ ...dashboardKeys, team: "search" });
  expect("tier" in metadata()).toBe(merges);
  expect(removed.output).not.toMatch(/owner_team|cost_center/);
  expect(Object.keys(metadata())).toContain(OWNER_KEY);

  // Settled: no drift from the Dashboard's keys, no PUT.
  await ctx.ws.ok(["refresh", "--yes"], stack);
  emulator.clearRequests();
  await ctx.ws.ok(["up", "--yes"], stack);
  expect(writesSeen(emulator)).toEqual([]);
  await ctx.ws.ok(["preview", "--expect-no-changes"], stack);
});

it("a declaration that would pass 20 pairs with the Dashboard's keys sent back is refused at preview, naming them", async () => {
  const many = Object.fromEntries(Array.from({ length: 18 }, (_, i) => [`key_${i}`, "v"]));
  ctx.ws.writeDefinition("my-tavily", { ...declared, description: "edited", metadata: many });
  for (const stack of ["merge", "replace"]) {
    ctx.env[stack].clearRequests();
    const preview = await ctx.ws.pulumi(["preview"], stack);
    expect(preview.code).not.toBe(0);
    // On a merging server, `tier` (removed from the declaration earlier, kept by the merge) is no longer this stack's either.
    const kept = stack === "merge" ? "cost_center, owner_team, tier" : "cost_center, owner_team";
    const pairs = 18 + 1 + kept.split(", ").length;
    expect(preview.output).toContain(`would be written with ${pairs} metadata pairs, more than Scalekit's 20`);
    expect(preview.output).toContain(`that this stack never declared (${kept})`);
    expect(ctx.env[stack].requests()).toEqual([]);
  }
});

it("destroy removes both", async () => {
  ctx.ws.writeDefinition("my-tavily", { ...declared, description: "edited", metadata: { team: "search" } });
  for (const stack of ["merge", "replace"]) await ctx.ws.ok(["destroy", "--yes"], stack);
  for (const e of Object.values(ctx.env)) expect(e.providers()).toEqual([]);
});
