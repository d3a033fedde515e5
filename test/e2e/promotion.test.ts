import * as path from "path";
import { compareSets } from "../../src/definition/compare-sets";
import { serverDefinition } from "../../src/definition/ownership";
import { main } from "../../src/cli/main";
import { Emulator } from "../../src/emulator";
import { expectAdoptedWithMarkerWritesOnly, readRepoDefinitions, writesSeen } from "../support/e2e/workspace";
import { apiClient, useStacks } from "../support/e2e/suite";

jest.setTimeout(600_000);

/** Dev -> Prod promotion of this repository's definitions, and bringing a hand-made environment under Pulumi. */
const ctx = useStacks(["dev", "prod", "legacy"]);
const definitions = readRepoDefinitions() as Record<string, { display_name: string; description: string }>;

function envVars(prefix: string, e: Emulator): NodeJS.ProcessEnv {
  return {
    [`${prefix}_ENVIRONMENT_URL`]: e.url,
    [`${prefix}_CLIENT_ID`]: e.clientId,
    [`${prefix}_CLIENT_SECRET`]: e.clientSecret,
  };
}

async function gate(): Promise<{ code: number; out: string }> {
  const out: string[] = [];
  const env = { ...envVars("DEV", ctx.env.dev), ...envVars("PROD", ctx.env.prod) };
  const code = await main(
    ["compare", "env:dev", "env:prod"],
    { cwd: ctx.ws.dir, env },
    { out: (t) => out.push(t), err: (t) => out.push(t) },
  );
  return { code, out: out.join("\n") };
}

it("up on dev, then on prod with the same definitions: prod holds the same definitions under its own identifiers", async () => {
  await ctx.ws.ok(["up", "--yes"], "dev");
  expect((await gate()).code).toBe(1);
  await ctx.ws.ok(["up", "--yes"], "prod");
  const [dev, prod] = await Promise.all([apiClient(ctx.env.dev).listProviders(), apiClient(ctx.env.prod).listProviders()]);
  expect(dev).toHaveLength(Object.keys(definitions).length);
  expect(compareSets(dev.map(serverDefinition), prod.map(serverDefinition)).equal).toBe(true);
  const devIds = new Set(dev.map((p) => p.identifier));
  expect(prod.some((p) => devIds.has(p.identifier))).toBe(false);
  const res = await gate();
  expect(res.code).toBe(0);
  expect(res.out).toMatch(/in sync/);
});

it("a change reviewed on dev is caught by the gate until prod is updated", async () => {
  ctx.ws.writeDefinition("my-tavily", { ...definitions["my-tavily"], description: "promoted change" });
  await ctx.ws.ok(["up", "--yes"], "dev");
  const before = await gate();
  expect(before.code).toBe(1);
  expect(before.out).toMatch(/description: "Tavily web search" => "promoted change"/);
  ctx.env.prod.clearRequests();
  await ctx.ws.ok(["up", "--yes"], "prod");
  expect(writesSeen(ctx.env.prod)).toHaveLength(1);
  expect((await gate()).code).toBe(0);
});

it("export then adopt: the first up writes nothing beyond adoption, and the next preview has no changes", async () => {
  const legacy = ctx.env.legacy;
  legacy.seedProvider(definitions["my-asana"]);
  legacy.seedProvider({ ...definitions["my-tavily"], description: "hand made" });
  const exportDir = path.join(ctx.ws.root, "exported");
  const out: string[] = [];
  const code = await main(
    ["export", "env:legacy", "--out", exportDir],
    { cwd: ctx.ws.dir, env: envVars("LEGACY", legacy) },
    {
      out: (t) => out.push(t),
      err: (t) => out.push(t),
    },
  );
  expect(code).toBe(0);
  const adoptCommand = out.join("\n").match(/pulumi config set adopt '(.*)'/)!;
  await ctx.ws.ok(["config", "set", "definitionsDir", exportDir], "legacy");
  await ctx.ws.ok(["config", "set", "adopt", adoptCommand[1]], "legacy");
  await expectAdoptedWithMarkerWritesOnly(ctx.ws, "legacy", legacy);
  expect(legacy.providers()).toHaveLength(2);
});

it("destroy leaves no custom provider in any environment", async () => {
  for (const stack of ["dev", "prod", "legacy"]) await ctx.ws.ok(["destroy", "--yes"], stack);
  for (const e of Object.values(ctx.env)) expect(e.providers()).toEqual([]);
});
