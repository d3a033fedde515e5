import { readRepoDefinitions, writesSeen } from "../support/e2e/workspace";
import { useStacks } from "../support/e2e/suite";

jest.setTimeout(900_000);

/**
 * What Scalekit did, not what we sent (docs/update-semantics.md), with the real CLI: one stack on an
 * emulator that merges updates as the live server does, one on an emulator that replaces them. A
 * removed metadata key and a cleared description are reported (merge) or applied (replace), and two
 * refresh + up cycles afterwards settle with no PUT. proxy_enabled: false that Scalekit keeps is
 * reported, and the next up fails naming the field without sending.
 */
const tavily = readRepoDefinitions()["my-tavily"] as Record<string, unknown>;
const declared = { ...tavily, description: "Web search for agents", metadata: { team: "search", tier: "gold" } };
const ctx = useStacks(["merge", "replace"], { definitions: { "my-tavily": declared } });

beforeAll(() => ctx.env.replace.setUpdateMode("replace"));

// Scalekit applies proxy_enabled on every update and reads it left out as false: every PUT must carry it.
afterEach(() => {
  for (const emulator of Object.values(ctx.env)) {
    const sent = emulator.requests().filter((r) => r.method === "PUT" && r.path.startsWith("/api/v1/custom-providers/"));
    for (const put of sent) expect(put.bodyKeys).toContain("proxy_enabled");
  }
});

/** Two refresh + up cycles: the second up sends no PUT (nor anything else). */
async function expectSettled(stack: string): Promise<void> {
  for (let cycle = 0; cycle < 2; cycle++) {
    await ctx.ws.ok(["refresh", "--yes"], stack);
    ctx.env[stack].clearRequests();
    await ctx.ws.ok(["up", "--yes"], stack);
    expect(writesSeen(ctx.env[stack])).toEqual([]);
  }
  await ctx.ws.ok(["preview", "--expect-no-changes"], stack);
}

it.each([
  ["merge", true],
  ["replace", false],
])(
  "on a server that %ss: a removed metadata key and a cleared description are reported when kept, and settle",
  async (stack, kept) => {
    const emulator = ctx.env[stack];
    // Both stacks read one definitions folder: each case starts from the full declaration.
    ctx.ws.writeDefinition("my-tavily", declared);
    await ctx.ws.ok(["up", "--yes"], stack);
    expect(emulator.providers()[0]).toMatchObject({
      description: "Web search for agents",
      metadata: { team: "search", tier: "gold" },
    });
    ctx.ws.writeDefinition("my-tavily", { ...declared, description: "", metadata: { team: "search" } });
    const up = await ctx.ws.ok(["up", "--yes"], stack);
    const [provider] = emulator.providers();
    if (kept) {
      expect(provider).toMatchObject({ description: "Web search for agents", metadata: { team: "search", tier: "gold" } });
      expect(up.output).toMatch(/still holds values its declaration does not have: metadata\.tier .*, description/);
    } else {
      expect(provider).toMatchObject({ description: "", metadata: { team: "search" } });
      expect(up.output).not.toMatch(/still holds values|did not apply/);
    }
    await expectSettled(stack);
  },
);

it("proxy_enabled: false that Scalekit keeps is reported; the next up fails naming it and sends nothing", async () => {
  const emulator = ctx.env.merge;
  emulator.setUpdateMode("merge", { proxyEnabled: "true-only" });
  ctx.ws.writeDefinition("my-tavily", { ...declared, description: "", metadata: { team: "search" }, proxy_enabled: false });
  const up = await ctx.ws.ok(["up", "--yes"], "merge");
  expect(up.output).toContain("proxy_enabled: sent false, Scalekit kept true");
  expect(emulator.providers()[0].proxy_enabled).toBe(true);

  // The next preview shows the remaining difference, and says what an up will do about it.
  const preview = await ctx.ws.ok(["preview"], "merge");
  expect(preview.output).toMatch(/1 to update/);
  expect(preview.output).toContain("Scalekit did not apply proxy_enabled at the last write");
  expect(preview.output).toContain("An up will fail on it without sending anything");
  emulator.clearRequests();
  const again = await ctx.ws.pulumi(["up", "--yes"], "merge");
  expect(again.code).not.toBe(0);
  expect(again.output).toContain("Nothing was sent to custom provider");
  expect(again.output).toContain("(proxy_enabled)");
  expect(writesSeen(emulator)).toEqual([]);

  // Declaring what Scalekit keeps settles it.
  ctx.ws.writeDefinition("my-tavily", { ...declared, description: "", metadata: { team: "search" }, proxy_enabled: true });
  await ctx.ws.ok(["up", "--yes"], "merge");
  await expectSettled("merge");
});

it("destroy removes both", async () => {
  for (const stack of ["merge", "replace"]) await ctx.ws.ok(["destroy", "--yes"], stack);
  for (const e of Object.values(ctx.env)) expect(e.providers()).toEqual([]);
});
