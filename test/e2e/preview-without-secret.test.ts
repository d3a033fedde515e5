import { readRepoDefinitions } from "../support/e2e/workspace";
import { useStacks } from "../support/e2e/suite";

jest.setTimeout(600_000);

/** A reviewer with the stack's URL and client id but no client secret can run `pulumi preview`. */
const tavily = readRepoDefinitions()["my-tavily"] as { description: string };
const ctx = useStacks(["dev"], { definitions: { "my-tavily": tavily } });

it("preview needs no client secret and makes no request", async () => {
  const dev = ctx.env.dev;
  await ctx.ws.ok(["up", "--yes"], "dev");
  await ctx.ws.ok(["config", "rm", "scalekit:clientSecret"], "dev");
  dev.clearRequests();
  await ctx.ws.ok(["preview", "--expect-no-changes"], "dev");
  ctx.ws.writeDefinition("my-tavily", { ...tavily, description: "reviewed change" });
  const preview = await ctx.ws.ok(["preview", "--diff"], "dev");
  expect(preview.stdout).toMatch(/description\s*:\s*"Tavily web search"\s*=>\s*"reviewed change"/);
  expect(dev.requests()).toEqual([]);
  // Applying still needs it, and says so.
  const up = await ctx.ws.pulumi(["up", "--yes"], "dev");
  expect(up.code).not.toBe(0);
  expect(up.output).toMatch(/scalekit:clientSecret/);
  await ctx.ws.ok(["config", "set", "--secret", "scalekit:clientSecret", dev.clientSecret], "dev");
  ctx.ws.writeDefinition("my-tavily", tavily);
  // The failed up recorded the provider config without the secret; destroy uses that record.
  await ctx.ws.ok(["up", "--yes"], "dev");
  await ctx.ws.ok(["destroy", "--yes"], "dev");
});
