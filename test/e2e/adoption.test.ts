import { readRepoDefinitions, writesSeen } from "../support/e2e/workspace";
import { useStacks } from "../support/e2e/suite";

jest.setTimeout(600_000);

/** Taking over a provider made by hand, and deleting one that is still in use. */
const tavily = readRepoDefinitions()["my-tavily"] as { description: string };
const ctx = useStacks(["dev"], { definitions: { "my-tavily": tavily } });

it("without adopt, up refuses a provider made by hand, with the adoption hint, and changes nothing", async () => {
  const dev = ctx.env.dev;
  const handMade = dev.seedProvider({ ...tavily, description: "made by hand in the dashboard" });
  dev.clearRequests();
  const up = await ctx.ws.pulumi(["up", "--yes"], "dev");
  expect(up.code).not.toBe(0);
  expect(up.output).toContain(`A custom provider named "My Tavily" already exists`);
  expect(up.output).toContain(handMade.identifier);
  expect(up.output).toContain("set adopt: true");
  expect(writesSeen(dev)).toEqual([]);
  expect(dev.providers()).toHaveLength(1);
  expect(dev.providers()[0].description).toBe("made by hand in the dashboard");
  expect(await ctx.ws.providersInState("dev")).toEqual([]);
});

it("with adopt, up takes it over with one PUT, and the next preview has no changes", async () => {
  const dev = ctx.env.dev;
  const [handMade] = dev.providers();
  await ctx.ws.ok(["config", "set", "adopt", '["my-tavily"]'], "dev");
  dev.clearRequests();
  const up = await ctx.ws.ok(["up", "--yes"], "dev");
  expect(up.output).toMatch(/Adopted the existing custom provider "My Tavily"/);
  expect(writesSeen(dev)).toEqual([`PUT /api/v1/custom-providers/${handMade.identifier}`]);
  expect(dev.providers()).toHaveLength(1);
  expect(dev.providers()[0].description).toBe(tavily.description);
  const [state] = await ctx.ws.providersInState("dev");
  expect(state.id).toBe(handMade.identifier);
  await ctx.ws.ok(["preview", "--expect-no-changes"], "dev");
});

it("destroy of a provider in use fails in plain words and keeps it in state; after its connections go, destroy succeeds", async () => {
  const dev = ctx.env.dev;
  const [provider] = dev.providers();
  dev.addConnection(provider.identifier);
  const destroy = await ctx.ws.pulumi(["destroy", "--yes"], "dev");
  expect(destroy.code).not.toBe(0);
  expect(destroy.output).toMatch(/"My Tavily" \(.*\) in http:\/\/127\.0\.0\.1:\d+ is still in use/);
  expect(destroy.output).toContain(
    "Delete its connections and connected accounts in the Scalekit Dashboard, then run this again",
  );
  expect((await ctx.ws.providersInState("dev")).map((r) => r.id)).toEqual([provider.identifier]);
  expect(dev.providers()).toHaveLength(1);

  dev.removeConnections(provider.identifier);
  await ctx.ws.ok(["destroy", "--yes"], "dev");
  expect(dev.providers()).toEqual([]);
  expect(await ctx.ws.providersInState("dev")).toEqual([]);
});
