import * as fs from "fs";
import * as path from "path";
import { readRepoDefinitions, StateResource } from "../support/e2e/workspace";
import { useStacks } from "../support/e2e/suite";

jest.setTimeout(600_000);

/**
 * State written by an older build of the library: refresh, preview and destroy run the provider
 * code stored in state. Because that code is a shim loading the installed package, the current
 * logic runs for it: refresh fills in outputs the old build never wrote, and destroy works.
 */
const all = readRepoDefinitions();
const ctx = useStacks(["dev"], { definitions: { "my-tavily": all["my-tavily"], "github-mcp": all["github-mcp"] } });

// Exactly what 0.1.0 stored for every resource: its shim serialized by value (3.2 KB of code).
const OLD_SHIM = fs.readFileSync(path.join(__dirname, "../fixtures/e2e/shim-0.1.0.txt"), "utf8");

it("refreshes, previews and destroys state written by an older build", async () => {
  const dev = ctx.env.dev;
  await ctx.ws.ok(["up", "--yes"], "dev");

  // Rewrite the state as the older build left it: its shim text, fewer outputs.
  const { text } = await ctx.ws.exportState("dev");
  const deployment = JSON.parse(text);
  let rewritten = 0;
  for (const r of deployment.deployment.resources) {
    if (r.type !== "pulumi-nodejs:dynamic/scalekit:CustomProvider") continue;
    expect(r.inputs.__provider).not.toBe(OLD_SHIM);
    r.inputs.__provider = OLD_SHIM;
    r.outputs.__provider = OLD_SHIM;
    for (const key of ["stored", "environmentUrl", "isCustomMcp", "scalekitId"]) delete r.outputs[key];
    rewritten++;
  }
  expect(rewritten).toBe(2);
  const file = path.join(ctx.ws.root, "old-state.json");
  fs.writeFileSync(file, JSON.stringify(deployment));
  await ctx.ws.ok(["stack", "import", "--file", file], "dev");

  await ctx.ws.ok(["refresh", "--yes"], "dev");
  // Decrypted: `stored` is a secret output.
  const shown = JSON.parse((await ctx.ws.ok(["stack", "export", "--show-secrets"], "dev")).stdout);
  const refreshed = (shown.deployment.resources as StateResource[]).filter(
    (r) => r.type === "pulumi-nodejs:dynamic/scalekit:CustomProvider",
  );
  for (const r of refreshed) {
    // Still the old code in state, yet the current implementation produced these outputs.
    expect(r.outputs!.__provider).toBe(OLD_SHIM);
    expect(r.outputs!.environmentUrl).toBe(dev.url);
    // A secret shows as {<signature>, plaintext: JSON} with --show-secrets.
    expect(JSON.parse((r.outputs!.stored as { plaintext: string }).plaintext)).toMatchObject({ proxy_enabled: true });
  }
  expect(refreshed.find((r) => r.urn.endsWith("::github-mcp"))!.outputs!.isCustomMcp).toBe(true);

  await ctx.ws.ok(["preview", "--expect-no-changes"], "dev");
  await ctx.ws.ok(["destroy", "--yes"], "dev");
  expect(dev.providers()).toEqual([]);
});
