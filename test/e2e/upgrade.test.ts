import * as fs from "fs";
import * as path from "path";
import { decodeOutput, decodeOutputs, ENCODED_OUTPUTS } from "../../src/custom-provider";
import { OWNER_KEY, serverDefinition, withOwner } from "../../src/definition/ownership";
import { readRepoDefinitions, StateResource, writesSeen } from "../support/e2e/workspace";
import { apiClient, useStacks } from "../support/e2e/suite";

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
    // Nested outputs as trees, as every build before the JSON-text outputs wrote them.
    expect(ENCODED_OUTPUTS.some((key) => typeof r.outputs[key] === "string")).toBe(true);
    r.outputs = decodeOutputs(r.outputs);
    rewritten++;
  }
  expect(rewritten).toBe(2);
  const file = path.join(ctx.ws.root, "old-state.json");
  fs.writeFileSync(file, JSON.stringify(deployment));
  await ctx.ws.ok(["stack", "import", "--file", file], "dev");
  // Its outputs as trees are read as they are: nothing to change.
  await ctx.ws.ok(["preview", "--expect-no-changes"], "dev");

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
    // The refresh wrote the nested outputs in this version's form: JSON text (a secret's plaintext holds it as JSON).
    const storedText = JSON.parse((r.outputs!.stored as { plaintext: string }).plaintext);
    expect(typeof storedText).toBe("string");
    expect(decodeOutput("stored", storedText)).toMatchObject({ proxy_enabled: true });
    for (const key of ENCODED_OUTPUTS.filter((k) => k !== "stored"))
      if (r.outputs![key] !== undefined) expect(typeof r.outputs![key]).toBe("string");
  }
  expect(refreshed.find((r) => r.urn.endsWith("::github-mcp"))!.outputs!.isCustomMcp).toBe(true);

  await ctx.ws.ok(["preview", "--expect-no-changes"], "dev");
  await ctx.ws.ok(["destroy", "--yes"], "dev");
  expect(dev.providers()).toEqual([]);
});

it("a stack written before state ids gains one with no write to its providers, and keeps them as its own", async () => {
  const dev = ctx.env.dev;
  await ctx.ws.ok(["up", "--yes"], "dev");
  const { text } = await ctx.ws.exportState("dev");
  const deployment = JSON.parse(text);
  const resources = deployment.deployment.resources as (StateResource & {
    dependencies?: string[];
    propertyDependencies?: Record<string, string[]>;
  })[];
  const identity = resources.find((r) => r.type === "pulumi-nodejs:dynamic/scalekit:StateIdentity")!;
  // As the previous version left it: no identity resource, no stateId input, markers without a state id.
  deployment.deployment.resources = resources.filter((r) => r !== identity);
  for (const r of resources.filter((r) => r.type === "pulumi-nodejs:dynamic/scalekit:CustomProvider")) {
    delete r.inputs!.stateId;
    delete r.outputs!.stateId;
    r.dependencies = (r.dependencies ?? []).filter((d) => d !== identity.urn);
    if (r.propertyDependencies) delete r.propertyDependencies.stateId;
  }
  const file = path.join(ctx.ws.root, "before-state-ids.json");
  fs.writeFileSync(file, JSON.stringify(deployment));
  await ctx.ws.ok(["stack", "import", "--file", file], "dev");
  const client = apiClient(dev);
  expect(dev.providers()).toHaveLength(2);
  for (const p of dev.providers()) {
    const legacy = p.metadata![OWNER_KEY].replace(/@[0-9a-f]{16}$/, "");
    expect(legacy).not.toBe(p.metadata![OWNER_KEY]);
    await client.updateProvider(p.identifier, withOwner(serverDefinition(p), legacy));
  }
  expect(
    dev
      .providers()
      .map((p) => p.metadata![OWNER_KEY])
      .every((m) => !m.includes("@")),
  ).toBe(true);

  dev.clearRequests();
  const up = await ctx.ws.ok(["up", "--yes"], "dev");
  expect(up.output).toMatch(/scalekit-state-identity created/);
  expect(writesSeen(dev)).toEqual([]);
  await ctx.ws.ok(["preview", "--expect-no-changes"], "dev");
  // The legacy markers are still this stack's own: destroy deletes the providers.
  await ctx.ws.ok(["destroy", "--yes"], "dev");
  expect(dev.providers()).toEqual([]);
});
