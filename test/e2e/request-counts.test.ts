import * as fs from "fs";
import type { Emulator } from "../../src/emulator";
import { numbered } from "../support/emulator";
import { readRepoDefinitions } from "../support/e2e/workspace";
import { useStacks } from "../support/e2e/suite";

jest.setTimeout(600_000);

/**
 * How many requests each CLI operation costs, asserted exactly: check and diff make none (a no-op
 * preview is free), each provider process asks for one token, and lists the environment once
 * (⌈M/page⌉ pages), however many resources it creates or refreshes.
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
    // An update and a delete first read whose provider it is (its ownership marker) from a listing no
    // older than ownershipReadMaxAge (5 s): one listing here, where the provider process's first look-up
    // is the update's or the delete's own. A run that lasts longer lists again once per window.
    "up (update)": { token: 1, GET: 1, PUT: 1 },
    refresh: { token: 1, GET: 1 },
    "destroy (delete)": { token: 1, GET: 1, DELETE: 1 },
  });
});

it("one token per environment per process, however many providers", async () => {
  const all = readRepoDefinitions();
  for (const [name, def] of Object.entries(all)) ctx.ws.writeDefinition(name, def);
  const up = await counted(["up", "--yes", "--skip-preview"]);
  expect(up).toEqual({ token: 1, GET: 1, POST: Object.keys(all).length });
  await ctx.ws.ok(["destroy", "--yes"], "dev");
});

/**
 * The server's effective page size for the page size our client asks: the length of a first page
 * that has a next page (a server may cap what it is asked), or Infinity when one page holds all.
 */
async function effectivePageSize(emulator: Emulator, asked: string): Promise<number> {
  const form = new URLSearchParams({
    grant_type: "client_credentials",
    client_id: emulator.clientId,
    client_secret: emulator.clientSecret,
  });
  const token = (await (await fetch(`${emulator.url}/oauth/token`, { method: "POST", body: form })).json()) as {
    access_token: string;
  };
  const query = new URLSearchParams({ "filter.provider_type": "CUSTOM", page_size: asked });
  const page = (await (
    await fetch(`${emulator.url}/api/v1/providers?${query}`, { headers: { Authorization: `Bearer ${token.access_token}` } })
  ).json()) as { providers: unknown[]; next_page_token: string };
  return page.next_page_token ? page.providers.length : Infinity;
}

it("creating N into an environment of M: N POSTs, ⌈M/page⌉ listings, 1 token; refresh ⌈M/page⌉ listings; no-change preview 0", async () => {
  const dev = ctx.env.dev;
  for (const file of fs.readdirSync(ctx.ws.definitionsDir)) ctx.ws.removeDefinition(file.replace(/\.json$/, ""));
  const M = 30;
  const N = 8;
  for (let i = 0; i < M; i++) dev.seedProvider(numbered(i));
  for (let i = 0; i < N; i++) ctx.ws.writeDefinition(`p${i}`, numbered(500 + i));

  const up = await counted(["up", "--yes", "--skip-preview"]);
  const asked = dev.requests().find((r) => r.method === "GET")!.query.page_size;
  const page = await effectivePageSize(dev, asked);
  const listings = (m: number) => Math.max(1, Math.ceil(m / page));
  expect(page).toBeLessThan(M); // the listing really spans pages

  expect(up).toEqual({ token: 1, GET: listings(M), POST: N });
  expect(await counted(["preview"])).toEqual({});
  expect(await counted(["refresh", "--yes", "--skip-preview"])).toEqual({ token: 1, GET: listings(M + N) });
  expect(await counted(["preview", "--expect-no-changes"])).toEqual({});
  // N deletes within one ownershipReadMaxAge window share the one listing (a longer destroy lists again per window).
  expect(await counted(["destroy", "--yes", "--skip-preview"])).toEqual({ token: 1, GET: listings(M + N), DELETE: N });
});
