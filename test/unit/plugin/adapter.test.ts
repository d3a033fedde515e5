import { toCamelCase } from "../../../src/definition/case";
import { OWNER_KEY, markerValue } from "../../../src/definition/ownership";
import { ownerOfUrn, parseUrn } from "../../../src/plugin/urn";
import { isSecret, reveal, SIG_KEY } from "../../../src/plugin/values";
import { CUSTOM_PROVIDER_TYPE, encodeOutputs } from "../../../src/custom-provider";
import { apiCalls, tavily, useEmulator } from "../../support/emulator";
import { pluginFor, PLUGIN_STATE_ID, urnOf } from "../../support/plugin";

/**
 * The native plugin's adapter (src/plugin/plugin.ts) on the emulator, without gRPC: what it adds to
 * the operations the dynamic provider runs too. The owner of the marker comes from the URN, the state
 * id from the provider's recorded inputs; a stack moved from the dynamic type keeps both.
 */
const emulator = useEmulator();
const inputs = toCamelCase<Record<string, unknown>>(tavily);
const writes = () => apiCalls(emulator()).filter((c) => !c.startsWith("GET"));

describe("URNs", () => {
  it("give the marker's project/stack/resource, as the dynamic resource computes it", () => {
    expect(parseUrn(urnOf("my-tavily"))).toEqual({
      stack: "dev",
      project: "acme",
      type: "scalekit:index:CustomProvider",
      name: "my-tavily",
    });
    expect(ownerOfUrn(urnOf("my-tavily"))).toBe("acme/dev/my-tavily");
    // A child resource's qualified type lists its parent's first.
    expect(parseUrn("urn:pulumi:prod::p::my:comp:Thing$scalekit:index:CustomProvider::x")?.type).toBe(
      "scalekit:index:CustomProvider",
    );
    expect(ownerOfUrn("not-a-urn")).toBeUndefined();
  });
});

describe("the state id", () => {
  it("is drawn at the provider's first check, then carried from its recorded inputs", () => {
    const { plugin } = pluginFor(emulator());
    const first = plugin.checkConfig({}, { environmentUrl: emulator().url });
    expect(first.inputs.stateId).toBe(PLUGIN_STATE_ID);
    const later = plugin.checkConfig({ stateId: "fedcba9876543210" }, { environmentUrl: emulator().url });
    expect(later.inputs.stateId).toBe("fedcba9876543210");
    // Not a state id: drawn again rather than trusted.
    expect(plugin.checkConfig({ stateId: "nope" }, {}).inputs.stateId).toBe(PLUGIN_STATE_ID);
  });

  it("reaches a new resource's inputs, and a recorded resource keeps its own (a stack moved from the dynamic type)", async () => {
    const { plugin } = pluginFor(emulator());
    const fresh = await plugin.check(urnOf("my-tavily"), {}, inputs);
    expect(fresh.inputs).toMatchObject({ managedBy: "acme/dev/my-tavily", stateId: PLUGIN_STATE_ID });
    const moved = await plugin.check(
      urnOf("my-tavily"),
      { ...inputs, managedBy: "acme/dev/my-tavily", stateId: "1111111111111111", __provider: "exports.handler = ..." },
      inputs,
    );
    expect(moved.inputs).toMatchObject({ stateId: "1111111111111111" });
    expect(moved.inputs).not.toHaveProperty("__provider");
  });

  it("is refused as a setting when malformed, before any request", () => {
    const { plugin } = pluginFor(emulator());
    emulator().clearRequests();
    const { failures } = plugin.checkConfig({}, { environmentUrl: "http://example.com", requestTimeout: "0" });
    expect(failures.map((f) => f.reason).join("\n")).toMatch(/environmentUrl "http:\/\/example.com" must use https/);
    expect(failures.map((f) => f.reason).join("\n")).toMatch(/requestTimeout/);
    expect(emulator().requests()).toEqual([]);
  });
});

describe("create, read, update, delete", () => {
  it("write the marker of the URN and this state, answer `stored` as a secret, and drop the dynamic provider's keys", async () => {
    const { plugin } = pluginFor(emulator());
    const urn = urnOf("my-tavily");
    const { inputs: checked } = await plugin.check(urn, {}, inputs);
    const created = await plugin.create(urn, checked);
    expect(emulator().providers()[0].metadata?.[OWNER_KEY]).toBe(markerValue("acme/dev/my-tavily", PLUGIN_STATE_ID));
    expect(isSecret(created.properties.stored)).toBe(true);
    expect(created.properties).toMatchObject({ identifier: created.id, managedBy: "acme/dev/my-tavily" });

    const recorded = {
      ...(reveal(created.properties) as Record<string, unknown>),
      __provider: "x",
      configNamespace: "scalekitProd",
    };
    expect((await plugin.diff(urn, created.id, recorded, checked)).changes).toBe(false);
    const read = await plugin.read(urn, created.id, recorded, checked);
    expect(read.id).toBe(created.id);
    expect(read.properties).not.toHaveProperty("__provider");

    const edited = { ...checked, description: "edited" };
    const diff = await plugin.diff(urn, created.id, recorded, edited);
    expect(diff).toMatchObject({ changes: true, diffs: ["description"], replaces: [] });
    emulator().clearRequests();
    await plugin.update(urn, created.id, recorded, edited);
    expect(writes()).toEqual([`PUT /api/v1/custom-providers/${created.id}`]);

    await plugin.delete(urn, created.id, recorded);
    expect(emulator().providers()).toEqual([]);
  });

  it("reads the outputs a dynamic resource recorded as JSON text, for a stack moved to the native type", async () => {
    const { plugin } = pluginFor(emulator());
    const urn = urnOf("my-tavily");
    const { inputs: checked } = await plugin.check(urn, {}, inputs);
    const created = await plugin.create(urn, checked);
    const dynamicOutputs: Record<string, unknown> = encodeOutputs({
      ...(reveal(created.properties) as Record<string, unknown>),
      __provider: "x",
    });
    expect(typeof dynamicOutputs.authPatterns).toBe("string");
    expect((await plugin.diff(urn, created.id, dynamicOutputs, checked)).changes).toBe(false);
    expect((await plugin.read(urn, created.id, dynamicOutputs, checked)).properties.authPatterns).toEqual(inputs.authPatterns);
  });

  it("never compares a recorded resource as unchanged under a provider without an environment", async () => {
    const { plugin } = pluginFor(emulator());
    const urn = urnOf("my-tavily");
    const { inputs: checked } = await plugin.check(urn, {}, inputs);
    const created = await plugin.create(urn, checked);
    plugin.configure({});
    await expect(plugin.diff(urn, created.id, reveal(created.properties) as Record<string, unknown>, checked)).rejects.toThrow(
      new RegExp(`lives in ${emulator().url.replace(/[.]/g, "\\.")}, but its Pulumi provider names no environment`),
    );
  });
});

describe("the core's rules, through the plugin", () => {
  it("recovers an interrupted create: the provider carrying this resource's marker is taken back, no duplicate", async () => {
    const { plugin } = pluginFor(emulator());
    const urn = urnOf("my-tavily");
    const { inputs: checked } = await plugin.check(urn, {}, inputs);
    const first = await plugin.create(urn, checked);
    // The run died before the engine recorded the create: the next run creates again, from a new process.
    const again = await pluginFor(emulator()).plugin.create(urn, (await plugin.check(urn, {}, inputs)).inputs);
    expect(again.id).toBe(first.id);
    expect(emulator().providers()).toHaveLength(1);
  });

  it("refuses a hand-made provider of the same name without adopt, and takes it over with it", async () => {
    const seeded = emulator().seedProvider(tavily);
    const { plugin } = pluginFor(emulator());
    const urn = urnOf("my-tavily");
    const { inputs: checked } = await plugin.check(urn, {}, inputs);
    await expect(plugin.create(urn, checked)).rejects.toThrow(/adopt: true/);
    const adopted = await plugin.create(urn, (await plugin.check(urn, {}, { ...inputs, adopt: true })).inputs);
    expect(adopted.id).toBe(seeded.identifier);
    expect(emulator().providers()[0].metadata?.[OWNER_KEY]).toBe(markerValue("acme/dev/my-tavily", PLUGIN_STATE_ID));
  });

  it("refuses a definition given as JSON text, as the dynamic provider does: only recorded outputs are decoded", async () => {
    const { plugin } = pluginFor(emulator());
    const { failures } = await plugin.check(urnOf("text"), {}, { definition: JSON.stringify(tavily) });
    expect(failures.map((f) => f.reason).join("\n")).toMatch(/definition must be an object/);
  });

  it("fails the check of a second resource declaring the same provider name, naming both, with no request", async () => {
    const { plugin } = pluginFor(emulator());
    emulator().clearRequests();
    expect((await plugin.check(urnOf("first"), {}, inputs)).failures).toEqual([]);
    // The same resource checked again (a preview, then the update) is no clash.
    expect((await plugin.check(urnOf("first"), {}, inputs)).failures).toEqual([]);
    // A name only known later (another resource's output, in a preview) claims nothing yet.
    const unknownName = { ...inputs, displayName: "04da6b54-80e4-46f7-96ec-b56ff0331ba9" };
    expect((await plugin.check(urnOf("later"), {}, unknownName)).failures).toEqual([]);
    const { failures } = await plugin.check(urnOf("second"), {}, { ...inputs, displayName: "my  TAVILY" });
    expect(failures.map((f) => f.reason)).toEqual([
      expect.stringMatching(
        /^CustomProvider resources "first" and "second" declare the same provider name in the environment of one provider: "My Tavily" and "my {2}TAVILY"/,
      ),
    ]);
    expect(apiCalls(emulator())).toEqual([]);
    // Resources are told apart by URN: one of the same name under another parent clashes too.
    const nested = "urn:pulumi:dev::acme::my:index:Group$scalekit:index:CustomProvider::first";
    expect((await plugin.check(nested, {}, inputs)).failures.map((f) => f.reason)).toEqual([
      expect.stringMatching(/^CustomProvider resources "first" and "first" declare the same provider name/),
    ]);
    // A resource checked again under another name gives up its first one.
    expect((await plugin.check(urnOf("first"), {}, { ...inputs, displayName: "Renamed" })).failures).toEqual([]);
    expect((await plugin.check(urnOf("third"), {}, inputs)).failures).toEqual([]);
    // Another provider instance (another process: another environment) has its own names.
    expect((await pluginFor(emulator()).plugin.check(urnOf("second"), {}, inputs)).failures).toEqual([]);
  });

  it("refuses to delete a provider in use, with Scalekit's guidance", async () => {
    const { plugin } = pluginFor(emulator());
    const urn = urnOf("my-tavily");
    const { inputs: checked } = await plugin.check(urn, {}, inputs);
    const created = await plugin.create(urn, checked);
    emulator().addConnection(created.id);
    await expect(plugin.delete(urn, created.id, reveal(created.properties) as Record<string, unknown>)).rejects.toThrow(
      /is still in use, so Scalekit refuses to delete it\. Delete its connections and connected accounts in the Scalekit Dashboard/,
    );
    expect(emulator().providers()).toHaveLength(1);
  });
});

describe("import", () => {
  it("reads a hand-made provider as inputs a program can declare, unclaimed, with no write", async () => {
    const seeded = emulator().seedProvider(tavily);
    const { plugin } = pluginFor(emulator());
    const urn = urnOf("tavily");
    emulator().clearRequests();
    const read = await plugin.read(urn, seeded.identifier, {}, {});
    expect(writes()).toEqual([]);
    expect(read.id).toBe(seeded.identifier);
    expect(read.inputs).toMatchObject({ displayName: "My Tavily", proxyUrl: tavily.proxy_url });
    expect(read.inputs).not.toHaveProperty("managedBy");
    expect(read.properties.managedBy).toBe("");
    expect(isSecret(read.properties.stored)).toBe(true);

    // The import step itself finds nothing to change (the engine would fail it) ...
    const { inputs: checked } = await plugin.check(urn, read.inputs, read.inputs);
    const recorded = reveal(read.properties) as Record<string, unknown>;
    expect((await plugin.diff(urn, seeded.identifier, recorded, checked)).changes).toBe(false);
    // ... and the first up after it, in a later run, writes the marker: an update named on its step.
    const later = pluginFor(emulator()).plugin;
    const diff = await later.diff(urn, seeded.identifier, recorded, checked);
    expect(diff).toMatchObject({ changes: true, diffs: ["managedBy"] });
    emulator().clearRequests();
    await later.update(urn, seeded.identifier, recorded, checked);
    expect(writes()).toEqual([`PUT /api/v1/custom-providers/${seeded.identifier}`]);
    expect(emulator().providers()[0].metadata?.[OWNER_KEY]).toBe(markerValue("acme/dev/tavily", PLUGIN_STATE_ID));
  });

  it("keeps keys the schema does not list by declaring the API's JSON as `definition`", async () => {
    const withNewKey = { ...tavily, auth_patterns: [{ ...tavily.auth_patterns[0], brand_new_key: "kept" }] };
    const seeded = emulator().seedProvider(withNewKey);
    const read = await pluginFor(emulator()).plugin.read(urnOf("t"), seeded.identifier, {}, {});
    expect(read.inputs).toEqual({ definition: expect.objectContaining({ display_name: "My Tavily" }) });
    expect((read.inputs.definition as { auth_patterns: object[] }).auth_patterns[0]).toMatchObject({ brand_new_key: "kept" });
  });

  it("names a missing identifier", async () => {
    await expect(pluginFor(emulator()).plugin.read(urnOf("t"), "NOPE:1", {}, {})).rejects.toThrow(
      /The import names custom provider NOPE:1, but .* has no custom provider with that identifier/,
    );
  });
});

describe("lookups (Invoke)", () => {
  it("answer as the TypeScript lookups do, the definition secret", async () => {
    const seeded = emulator().seedProvider(tavily);
    const { plugin } = pluginFor(emulator());
    const one = await plugin.invoke("scalekit:index:getCustomProvider", { displayName: "my tavily" });
    expect(one).toMatchObject({ identifier: seeded.identifier, scalekitId: seeded.id });
    expect(isSecret(one.definition)).toBe(true);
    const all = await plugin.invoke("scalekit:index:listCustomProviders", {});
    expect((all.providers as { identifier: string }[]).map((p) => p.identifier)).toEqual([seeded.identifier]);
    await expect(plugin.invoke("scalekit:index:getCustomProvider", {})).rejects.toThrow(
      /give exactly one of identifier and displayName/,
    );
    await expect(plugin.invoke("scalekit:index:nope", {})).rejects.toThrow(/unknown function/);
  });
});

describe("the provider's configuration", () => {
  it("never asks for a replacement, ignores the state id, and gives one to a provider recorded without it", () => {
    const { plugin } = pluginFor(emulator());
    const [x, y] = ["1111111111111111", "2222222222222222"];
    expect(plugin.diffConfig({ environmentUrl: "a", stateId: x }, { environmentUrl: "a", stateId: y }).changes).toBe(false);
    expect(plugin.diffConfig({ environmentUrl: "a" }, { environmentUrl: "a", stateId: y }).diffs).toEqual(["stateId"]);
    expect(plugin.diffConfig({ environmentUrl: "a", stateId: x }, { environmentUrl: "b", stateId: y })).toEqual({
      changes: true,
      replaces: [],
      deleteBeforeReplace: false,
      diffs: ["environmentUrl"],
    });
    expect(
      plugin.diffConfig({ clientSecret: { [SIG_KEY]: "1b47061264138c4ac30d75fd1eb44270", value: "s" } }, { clientSecret: "s" })
        .changes,
    ).toBe(false);
  });

  it("serves a schema whose resource is aliased from the dynamic type", () => {
    const schema = JSON.parse(pluginFor(emulator()).plugin.getSchema());
    expect(schema.resources["scalekit:index:CustomProvider"].aliases).toEqual([{ type: CUSTOM_PROVIDER_TYPE }]);
  });
});
