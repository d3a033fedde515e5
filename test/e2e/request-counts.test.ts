import { readRepoDefinitions } from "./support/workspace";
import { useStacks } from "./support/suite";

jest.setTimeout(600_000);

/**
 * How many requests each CLI operation costs for one provider, asserted exactly: check and diff
 * make none (a no-op preview is free), and each provider process asks for one token.
 */
const tavily = readRepoDefinitions()["my-tavily"] as { description: string };
const ctx = useStacks(["dev"], { definitions: { "my-tavily": tavily } });

async function counted(args: string[]): Promise<Record<string, number>> {
  const dev = ctx.env.dev;
  dev.clearRequests();
  await ctx.ws.ok(args, "dev");
  const counts: Record<string, number> = {};
  for (const r of dev.requests()) {
    const key = r.path === "/oauth/token" ? "token" : r.method;
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}

it("create, no-op preview, update, refresh and delete of one provider", async () => {
  const table: Record<string, Record<string, number>> = {};
  table["up (create)"] = await counted(["up", "--yes", "--skip-preview"]);
  table["preview (no change)"] = await counted(["preview"]);
  ctx.ws.writeDefinition("my-tavily", { ...tavily, description: "changed" });
  table["preview (1 change)"] = await counted(["preview"]);
  table["up (update)"] = await counted(["up", "--yes", "--skip-preview"]);
  table["refresh"] = await counted(["refresh", "--yes", "--skip-preview"]);
  table["destroy (delete)"] = await counted(["destroy", "--yes", "--skip-preview"]);
  process.stdout.write(`request counts per operation (one provider):\n${JSON.stringify(table, null, 1)}\n`);

  expect(table).toEqual({
    "up (create)": { token: 1, GET: 1, POST: 1 },
    "preview (no change)": {},
    "preview (1 change)": {},
    "up (update)": { token: 1, PUT: 1 },
    refresh: { token: 1, GET: 1 },
    "destroy (delete)": { token: 1, DELETE: 1 },
  });
});

it("one token per environment per process, however many providers", async () => {
  const all = readRepoDefinitions();
  for (const [name, def] of Object.entries(all)) ctx.ws.writeDefinition(name, def);
  const up = await counted(["up", "--yes", "--skip-preview"]);
  expect(up).toEqual({ token: 1, GET: Object.keys(all).length, POST: Object.keys(all).length });
  await ctx.ws.ok(["destroy", "--yes"], "dev");
});
