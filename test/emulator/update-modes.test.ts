import {
  DEFAULT_PROXY_ENABLED_ON_UPDATE,
  DEFAULT_UPDATE_MODE,
  InvalidUpdateMode,
  startEmulator,
  type Emulator,
  type ProviderObject,
} from "../../src/emulator";
import { client, tavily, withEmulator, type Client } from "../support/emulator-api";

/**
 * Update behaviour per field: the mode ("replace": the whole definition is replaced; "merge", what the
 * live server does: description and icon_src kept when sent empty or left out), metadata ("merge",
 * "replace" or "clear-if-empty") and proxy_enabled (always applied, false when left out; "true-only"
 * is a contradicted reading kept for tests).
 */
describe("update modes", () => {
  let em: Emulator;
  let c: Client;
  beforeAll(async () => {
    em = await withEmulator({ updateMode: "merge" });
  });
  afterAll(() => em.close());
  beforeEach(async () => {
    em.reset();
    c = await client(em);
  });

  /** Create `def`, update it with `update`, and check the answer is what is stored and listed. */
  async function createThenUpdate(def: any, update: any): Promise<{ created: ProviderObject; updated: ProviderObject }> {
    const created = (await c.create(def)).body.provider as ProviderObject;
    const r = await c.update(created.identifier, update);
    expect(r.status).toBe(200);
    const updated = r.body.provider as ProviderObject;
    expect(em.providers()).toEqual([updated]);
    const listed = await c.list({ "filter.provider_type": "CUSTOM", identifier: created.identifier });
    expect(listed.body.providers).toEqual([updated]);
    return { created, updated };
  }

  describe("the default", () => {
    it('is "merge" (the live behaviour), chosen in one exported constant, metadata merged, proxy_enabled "always"', async () => {
      expect(DEFAULT_UPDATE_MODE).toBe("merge");
      expect(DEFAULT_PROXY_ENABLED_ON_UPDATE).toBe("always");
      const plain = await startEmulator();
      try {
        expect(plain.updateBehaviour()).toEqual({ mode: "merge", metadata: "merge", proxyEnabled: "always" });
      } finally {
        await plain.close();
      }
      const replacing = await startEmulator({ updateMode: "replace", metadataOnUpdate: "clear-if-empty" });
      try {
        expect(replacing.updateBehaviour()).toEqual({ mode: "replace", metadata: "clear-if-empty", proxyEnabled: "always" });
      } finally {
        await replacing.close();
      }
    });

    it("refuses unknown modes and readings at start", async () => {
      await expect(startEmulator({ updateMode: "patch" as never })).rejects.toThrow(/updateMode must be one of merge, replace/);
      await expect(startEmulator({ metadataOnUpdate: "sometimes" as never })).rejects.toThrow(/metadataOnUpdate must be one of/);
      await expect(startEmulator({ proxyEnabledOnUpdate: "when-sent" as never })).rejects.toThrow(
        /proxyEnabledOnUpdate must be one of always, true-only/,
      );
    });
  });

  describe('"merge"', () => {
    it("merges metadata as the live server did: {team, tier} + {team: platform, region: us}", async () => {
      const def = { ...tavily(), metadata: { team: "search", tier: "gold" } };
      const update = { ...tavily(), metadata: { team: "platform", region: "us" } };
      const { updated } = await createThenUpdate(def, update);
      expect(updated.metadata).toEqual({ region: "us", team: "platform", tier: "gold" });
      // the live test saw the same answer twice
      const again = await c.update(updated.identifier, update);
      expect(again.body.provider.metadata).toEqual({ region: "us", team: "platform", tier: "gold" });
    });

    it("cannot remove a metadata key: left out or with an empty map, every stored key survives", async () => {
      const def = { ...tavily(), metadata: { team: "search", tier: "gold" } };
      const { updated } = await createThenUpdate(def, { ...tavily(), metadata: {} });
      expect(updated.metadata).toEqual({ team: "search", tier: "gold" });
      const noKey = tavily();
      delete noKey.metadata;
      expect((await c.update(updated.identifier, noKey)).body.provider.metadata).toEqual({ team: "search", tier: "gold" });
    });

    it('keeps description and icon_src when sent as "" or left out, replaces them when sent non-empty', async () => {
      const def = { ...tavily(), description: "old text", icon_src: "https://x.example/old.svg" };
      const { created, updated } = await createThenUpdate(def, { ...tavily(), description: "", icon_src: "" });
      expect([updated.description, updated.icon_src]).toEqual(["old text", "https://x.example/old.svg"]);

      const omitted = tavily();
      delete omitted.description;
      const kept = (await c.update(created.identifier, omitted)).body.provider;
      expect([kept.description, kept.icon_src]).toEqual(["old text", "https://x.example/old.svg"]);

      const replaced = (
        await c.update(created.identifier, { ...tavily(), description: "new text", icon_src: "https://x.example/new.svg" })
      ).body.provider;
      expect([replaced.description, replaced.icon_src]).toEqual(["new text", "https://x.example/new.svg"]);
    });

    it("replaces display_name, auth_patterns and proxy_url as sent (patterns are not merged)", async () => {
      const def = tavily();
      def.auth_patterns[0].extra_key = "kept only if sent";
      const update = tavily("Tavily Search");
      update.proxy_url = "https://api.tavily.com/v2";
      update.auth_patterns[0].fields[0].label = "Token";
      const { created, updated } = await createThenUpdate(def, update);
      expect(updated).toEqual({
        ...created,
        display_name: "Tavily Search",
        proxy_url: "https://api.tavily.com/v2",
        auth_patterns: update.auth_patterns,
      });
      expect(updated.auth_patterns[0]).not.toHaveProperty("extra_key");
    });

    it("proxy_enabled is applied on every update, and left out (or null) means false: the newest evidence", async () => {
      const { created, updated } = await createThenUpdate(tavily(), { ...tavily(), proxy_enabled: undefined });
      expect(created.proxy_enabled).toBe(true);
      expect(updated.proxy_enabled).toBe(false);
      expect((await c.update(created.identifier, { ...tavily(), proxy_enabled: true })).body.provider.proxy_enabled).toBe(true);
      expect((await c.update(created.identifier, { ...tavily(), proxy_enabled: null })).body.provider.proxy_enabled).toBe(false);
      expect((await c.update(created.identifier, { ...tavily(), proxy_enabled: true })).body.provider.proxy_enabled).toBe(true);
      expect((await c.update(created.identifier, { ...tavily(), proxy_enabled: false })).body.provider.proxy_enabled).toBe(false);
      const omitted = tavily();
      delete omitted.proxy_enabled;
      expect((await c.update(created.identifier, { ...omitted, proxy_enabled: true })).body.provider.proxy_enabled).toBe(true);
      expect((await c.update(created.identifier, omitted)).body.provider.proxy_enabled).toBe(false);
    });

    it('proxy_enabled "true-only" (contradicted; for tests of a declined write): false or left out keeps the stored value', async () => {
      em.setUpdateMode("merge", { proxyEnabled: "true-only" });
      const { created, updated } = await createThenUpdate(tavily(), { ...tavily(), proxy_enabled: false });
      expect(updated.proxy_enabled).toBe(true);
      const off = (await c.create({ ...tavily("Off Tool"), proxy_enabled: false })).body.provider;
      const omitted = tavily("Off Tool");
      delete omitted.proxy_enabled;
      expect((await c.update(off.identifier, omitted)).body.provider.proxy_enabled).toBe(false);
      expect((await c.update(off.identifier, { ...tavily("Off Tool"), proxy_enabled: true })).body.provider.proxy_enabled).toBe(
        true,
      );
      expect((await c.update(created.identifier, { ...tavily(), proxy_enabled: false })).body.provider.proxy_enabled).toBe(true);
    });

    it("validates the request as sent; a refused update changes nothing", async () => {
      const created = (await c.create({ ...tavily(), metadata: { team: "search" } })).body.provider;
      const r = await c.update(created.identifier, { ...tavily(), description: "changed", metadata: { ab: "too short a key" } });
      expect(r.status).toBe(400);
      expect(r.body.details[0].validation_error_info.field_violations[0].field).toBe('metadata["ab"]');
      expect(em.providers()).toEqual([created]);
      // display_name, auth_patterns and proxy_url stay required on update, whatever the mode
      const missing = await c.update(created.identifier, { metadata: { other: "x" } });
      expect(missing.status).toBe(400);
      expect(missing.body.details[0].validation_error_info.field_violations.map((v: any) => v.field)).toEqual([
        "display_name",
        "auth_patterns",
        "proxy_url",
      ]);
      expect(em.providers()).toEqual([created]);
    });

    it("lets a merged map grow past 20 pairs (only the request is checked against the limit)", async () => {
      const twenty = Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`key${i}`, "v"]));
      const created = (await c.create({ ...tavily(), metadata: twenty })).body.provider;
      const r = await c.update(created.identifier, { ...tavily(), metadata: { another: "v" } });
      expect(r.status).toBe(200);
      expect(Object.keys(r.body.provider.metadata)).toHaveLength(21);
    });

    it("still refuses a change of auth pattern type", async () => {
      const created = (await c.create(tavily())).body.provider;
      const update = tavily();
      update.auth_patterns[0].type = "API_KEY";
      const r = await c.update(created.identifier, update);
      expect(r.status).toBe(400);
      expect(r.body.code).toBe(9);
      expect(em.providers()).toEqual([created]);
    });
  });

  describe('"replace"', () => {
    it("replaces everything: description, icon_src and metadata cleared, proxy_enabled left out becomes false", async () => {
      em.setUpdateMode("replace");
      const def = { ...tavily(), icon_src: "https://x.example/i.svg", metadata: { team: "search", tier: "gold" } };
      const update = { ...tavily(), description: "", metadata: { region: "us" } };
      delete update.proxy_enabled;
      const { created, updated } = await createThenUpdate(def, update);
      expect(updated).toEqual({ ...created, description: "", icon_src: "", metadata: { region: "us" }, proxy_enabled: false });
    });
  });

  describe("metadata, field by field", () => {
    const stored = { team: "search", tier: "gold" };
    it.each([
      ["merge", { team: "platform", region: "us" }, { region: "us", team: "platform", tier: "gold" }],
      ["merge", {}, stored],
      ["replace", { team: "platform", region: "us" }, { team: "platform", region: "us" }],
      ["replace", {}, {}],
      ["clear-if-empty", { team: "platform", region: "us" }, { region: "us", team: "platform", tier: "gold" }],
      ["clear-if-empty", {}, {}],
    ] as const)("%s: %j sent over {team, tier} stores %j", async (metadata, sent, after) => {
      for (const mode of ["merge", "replace"] as const) {
        em.setUpdateMode(mode, { metadata });
        const created = (await c.create({ ...tavily(`Meta ${mode}`), metadata: stored })).body.provider;
        const update = { ...tavily(`Meta ${mode}`), metadata: sent };
        expect((await c.update(created.identifier, update)).body.provider.metadata).toEqual(after);
        if (Object.keys(sent).length === 0) {
          // Left out is the same as empty (a proto3 map has no presence).
          const recreated = (await c.create({ ...tavily(`Meta Again ${mode}`), metadata: stored })).body.provider;
          const omitted: Record<string, unknown> = tavily(`Meta Again ${mode}`);
          delete omitted.metadata;
          expect((await c.update(recreated.identifier, omitted)).body.provider.metadata).toEqual(after);
        }
      }
    });
  });

  describe("switching at run time", () => {
    it("setUpdateMode switches the next update; a field left out takes the mode's default; reset restores the start", async () => {
      const created = (await c.create({ ...tavily(), metadata: { team: "search" } })).body.provider;
      em.setUpdateMode("merge", { proxyEnabled: "true-only" });
      expect(em.updateBehaviour()).toEqual({ mode: "merge", metadata: "merge", proxyEnabled: "true-only" });
      em.setUpdateMode("replace");
      expect(em.updateBehaviour()).toEqual({ mode: "replace", metadata: "replace", proxyEnabled: "always" });
      expect((await c.update(created.identifier, { ...tavily(), metadata: { region: "us" } })).body.provider.metadata).toEqual({
        region: "us",
      });
      em.setUpdateMode("merge");
      expect((await c.update(created.identifier, { ...tavily(), metadata: { team: "x" } })).body.provider.metadata).toEqual({
        region: "us",
        team: "x",
      });
      em.reset();
      expect(em.updateBehaviour()).toEqual({ mode: "merge", metadata: "merge", proxyEnabled: "always" });
      expect(() => em.setUpdateMode("patch" as never)).toThrow(InvalidUpdateMode);
      expect(() => em.setUpdateMode("merge", { proxyEnabled: "when-sent" as never })).toThrow(InvalidUpdateMode);
      expect(() => em.setUpdateMode("merge", { metadata: "sometimes" as never })).toThrow(InvalidUpdateMode);
      expect(em.updateBehaviour()).toEqual({ mode: "merge", metadata: "merge", proxyEnabled: "always" });
    });

    it("through the control route, as an e2e test would", async () => {
      const control = async (method: string, body?: unknown) => {
        const res = await fetch(`${em.url}/_emulator/update-mode`, {
          method,
          body: body === undefined ? undefined : JSON.stringify(body),
        });
        return { status: res.status, body: (await res.json()) as any };
      };
      expect(await control("GET")).toEqual({ status: 200, body: { mode: "merge", metadata: "merge", proxyEnabled: "always" } });
      expect(await control("POST", { mode: "replace" })).toEqual({
        status: 200,
        body: { mode: "replace", metadata: "replace", proxyEnabled: "always" },
      });
      const created = (await c.create({ ...tavily(), description: "old" })).body.provider;
      expect((await c.update(created.identifier, { ...tavily(), description: "" })).body.provider.description).toBe("");
      expect(await control("POST", { mode: "merge", metadata: "clear-if-empty", proxyEnabled: "true-only" })).toEqual({
        status: 200,
        body: { mode: "merge", metadata: "clear-if-empty", proxyEnabled: "true-only" },
      });
      expect(em.updateBehaviour()).toEqual({ mode: "merge", metadata: "clear-if-empty", proxyEnabled: "true-only" });
      const bads = [
        {},
        { mode: "MERGE" },
        { mode: "merge", proxyEnabled: true },
        { mode: "merge", metadata: "x" },
        { mode: "merge", extra: 1 },
      ];
      for (const bad of bads) {
        const r = await control("POST", bad);
        expect(r.status).toBe(400);
        expect(r.body.error).toEqual(expect.any(String));
      }
      expect(em.updateBehaviour()).toEqual({ mode: "merge", metadata: "clear-if-empty", proxyEnabled: "true-only" });
      expect((await control("DELETE")).status).toBe(405);
    });
  });
});
