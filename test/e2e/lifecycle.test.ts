import { readRepoDefinitions, writesSeen } from "../support/e2e/workspace";
import { apiClient, useStacks } from "../support/e2e/suite";
import { decodeOutput } from "../../src/custom-provider";

jest.setTimeout(600_000);

/** The dev stack through a provider's whole life, with the real CLI and this repository's definitions. */
const ctx = useStacks(["dev"]);
const definitions = readRepoDefinitions() as Record<string, { display_name: string; description?: string }>;
const tavily = definitions["my-tavily"];

async function tavilyId(): Promise<string> {
  const [state] = (await ctx.ws.providersInState("dev")).filter((r) => r.urn.endsWith("::my-tavily"));
  return state.id!;
}

it("up creates every definition; then preview and refresh both expect no changes", async () => {
  const dev = ctx.env.dev;
  await ctx.ws.ok(["up", "--yes"], "dev");
  expect(
    dev
      .providers()
      .map((p) => p.display_name)
      .sort(),
  ).toEqual(
    Object.values(definitions)
      .map((d) => d.display_name)
      .sort(),
  );
  const state = await ctx.ws.providersInState("dev");
  expect(state).toHaveLength(Object.keys(definitions).length);
  for (const r of state) expect(r.id).toBe(r.outputs!.identifier);

  dev.clearRequests();
  await ctx.ws.ok(["preview", "--expect-no-changes"], "dev");
  await ctx.ws.ok(["refresh", "--yes", "--expect-no-changes"], "dev");
  await ctx.ws.ok(["preview", "--expect-no-changes"], "dev");
  expect(writesSeen(dev)).toEqual([]);
});

it("an in-place change: preview --diff names old and new values, up sends exactly one PUT", async () => {
  const dev = ctx.env.dev;
  const id = await tavilyId();
  ctx.ws.writeDefinition("my-tavily", { ...tavily, description: "Tavily search, second edition" });
  dev.clearRequests();
  const preview = await ctx.ws.ok(["preview", "--diff"], "dev");
  expect(preview.stdout).toMatch(/description\s*:\s*"Tavily web search"\s*=>\s*"Tavily search, second edition"/);
  expect(preview.stdout).toMatch(/1 to update/);
  expect(writesSeen(dev)).toEqual([]);

  await ctx.ws.ok(["up", "--yes"], "dev");
  expect(writesSeen(dev)).toEqual([`PUT /api/v1/custom-providers/${id}`]);
  expect(dev.providers().find((p) => p.identifier === id)!.description).toBe("Tavily search, second edition");
});

it("an auth type change: preview shows a replacement, up deletes and then creates", async () => {
  const dev = ctx.env.dev;
  const id = await tavilyId();
  ctx.ws.writeDefinition("my-tavily", {
    ...tavily,
    auth_patterns: [
      { type: "API_KEY", display_name: "API Key", fields: [{ field_name: "api_key", label: "API Key", input_type: "password" }] },
    ],
  });
  dev.clearRequests();
  const preview = await ctx.ws.ok(["preview", "--diff"], "dev");
  expect(preview.stdout).toMatch(
    /\+-pulumi-nodejs:dynamic\/scalekit:CustomProvider: \(replace\)\s*\[id=[^\]]+\]\s*\[urn=[^\]]*::my-tavily\]/,
  );
  expect(preview.stdout).toMatch(/type\s*:\s*"BEARER"\s*=>\s*"API_KEY"/);
  expect(preview.stdout).toMatch(/1 to replace/);

  await ctx.ws.ok(["up", "--yes"], "dev");
  const writes = writesSeen(dev);
  expect(writes).toEqual([`DELETE /api/v1/custom-providers/${id}`, "POST /api/v1/custom-providers"]);
  const replaced = dev.providers().find((p) => p.display_name === "My Tavily")!;
  expect(replaced.auth_patterns[0].type).toBe("API_KEY");
  expect(await tavilyId()).toBe(replaced.identifier);
  ctx.ws.writeDefinition("my-tavily", tavily);
  await ctx.ws.ok(["up", "--yes"], "dev");
});

it("an edit behind Pulumi's back shows on refresh, and up restores the declaration", async () => {
  const dev = ctx.env.dev;
  const id = await tavilyId();
  await apiClient(dev).updateProvider(id, { ...tavily, description: "edited in the dashboard" } as never);
  const drifted = await ctx.ws.pulumi(["preview", "--refresh", "--expect-no-changes"], "dev");
  expect(drifted.code).not.toBe(0);
  await ctx.ws.ok(["refresh", "--yes"], "dev");
  // `stored` is a secret output (it may hold secrets from the definition): read it decrypted.
  const shown = JSON.parse((await ctx.ws.ok(["stack", "export", "--show-secrets"], "dev")).stdout);
  const state = shown.deployment.resources.find((r: { id?: string }) => r.id === id);
  // Its plaintext is the value as JSON; the value itself is the definition as JSON text (custom-provider/state-encoding.ts).
  const stored = decodeOutput("stored", JSON.parse(state.outputs.stored.plaintext)) as { description?: string };
  expect(stored.description).toBe("edited in the dashboard");

  const preview = await ctx.ws.ok(["preview", "--diff"], "dev");
  expect(preview.stdout).toMatch(/description\s*:\s*"edited in the dashboard"\s*=>\s*"Tavily web search"/);
  dev.clearRequests();
  await ctx.ws.ok(["up", "--yes"], "dev");
  expect(writesSeen(dev)).toEqual([`PUT /api/v1/custom-providers/${id}`]);
  expect(dev.providers().find((p) => p.identifier === id)!.description).toBe("Tavily web search");
  await ctx.ws.ok(["preview", "--expect-no-changes"], "dev");
});

it("a deletion behind Pulumi's back: refresh drops the resource and up recreates it", async () => {
  const dev = ctx.env.dev;
  const id = await tavilyId();
  await apiClient(dev).deleteProvider(id);
  await ctx.ws.ok(["refresh", "--yes"], "dev");
  expect((await ctx.ws.providersInState("dev")).some((r) => r.id === id)).toBe(false);
  dev.clearRequests();
  await ctx.ws.ok(["up", "--yes"], "dev");
  expect(writesSeen(dev)).toEqual(["POST /api/v1/custom-providers"]);
  expect(dev.providers().filter((p) => p.display_name === "My Tavily")).toHaveLength(1);
  await ctx.ws.ok(["preview", "--expect-no-changes"], "dev");
});

it("an invalid definition fails preview naming the property, and nothing is written", async () => {
  const dev = ctx.env.dev;
  ctx.ws.writeDefinition("broken", { ...tavily, display_name: "Broken-Name", proxy_url: "http://api.example.com" });
  dev.clearRequests();
  const preview = await ctx.ws.pulumi(["preview"], "dev");
  expect(preview.code).not.toBe(0);
  expect(preview.output).toMatch(/definition\.display_name may contain only letters, digits and spaces/);
  expect(preview.output).toMatch(/definition\.proxy_url must start with https:\/\//);
  const up = await ctx.ws.pulumi(["up", "--yes"], "dev");
  expect(up.code).not.toBe(0);
  expect(writesSeen(dev)).toEqual([]);
  ctx.ws.removeDefinition("broken");
});

it("destroy removes every provider", async () => {
  await ctx.ws.ok(["destroy", "--yes"], "dev");
  expect(ctx.env.dev.providers()).toEqual([]);
  expect(await ctx.ws.providersInState("dev")).toEqual([]);
});
