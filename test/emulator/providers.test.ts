import { readdirSync, readFileSync, existsSync } from "fs";
import { join } from "path";
import type { Emulator } from "../../src/emulator";
import {
  asana,
  client,
  docsMcp,
  freshdesk,
  githubMcp,
  klaviyo,
  tavily,
  useEmulatorApi,
  withEmulator,
  type Client,
} from "../support/emulator-api";

const ERROR_INFO = "type.googleapis.com/scalekit.v1.errdetails.ErrorInfo";

describe("custom providers API", () => {
  let em: Emulator;
  let c: Client;
  useEmulatorApi((e, client) => ((em = e), (c = client)));

  describe("create", () => {
    it("answers 201 with the full provider object, every field present", async () => {
      const r = await c.create({ ...tavily(), metadata: { team: "search", owner: "platform" } });
      expect(r.status).toBe(201);
      const p = r.body.provider;
      expect(Object.keys(r.body)).toEqual(["provider"]);
      expect(p).toEqual({
        id: expect.stringMatching(/^prv_\d+$/),
        identifier: expect.stringMatching(/^MYTAVILY:\d+$/),
        display_name: "My Tavily",
        description: "Tavily web search",
        // Patterns are free-form JSON: returned exactly as sent, nothing added inside them.
        auth_patterns: tavily().auth_patterns,
        proxy_url: "https://api.tavily.com",
        proxy_enabled: true,
        icon_src: "",
        metadata: { team: "search", owner: "platform" },
        is_custom: true,
        is_custom_mcp: false,
        categories: [],
        display_priority: 0,
        coming_soon: false,
      });
      expect(em.providers()).toEqual([p]);
    });

    it("returns oauth_config, mutations and keys it does not know exactly as sent", async () => {
      const p = (await c.create(asana())).body.provider;
      expect(p.identifier).toMatch(/^MYASANA:/);
      expect(p.auth_patterns).toEqual(asana().auth_patterns);
      const sent = klaviyo();
      sent.auth_patterns[0].rotation_days = 30;
      sent.auth_patterns[0].fields[0].options = [{ value: "a", display_name: "A", colour: null }];
      const k = (await c.create(sent)).body.provider;
      expect(k.auth_patterns).toEqual(sent.auth_patterns);
      expect(k.auth_patterns[0]).not.toHaveProperty("oauth_config");
      const listed = (await c.list({ "filter.provider_type": "CUSTOM", identifier: k.identifier })).body.providers[0];
      expect(listed.auth_patterns).toEqual(sent.auth_patterns);
    });

    it("marks MCP providers with is_custom_mcp", async () => {
      const g = (await c.create(githubMcp())).body.provider;
      expect(g.is_custom_mcp).toBe(true);
      expect(g.auth_patterns[0].oauth_config.pkce_enabled).toBe(true);
      const d = (await c.create(docsMcp())).body.provider;
      expect(d.is_custom_mcp).toBe(true);
      expect(d.auth_patterns[0].type).toBe("NO_AUTH");
    });

    it("drops unknown and read-only request fields silently", async () => {
      const def = {
        ...tavily(),
        colour: "blue",
        id: "prv_mine",
        identifier: "MINE",
        is_custom: false,
        categories: ["x"],
        display_priority: 3,
      };
      def.auth_patterns[0].whatever = 1;
      const r = await c.create(def);
      expect(r.status).toBe(201);
      expect(r.body.provider).not.toHaveProperty("colour");
      expect(r.body.provider.id).not.toBe("prv_mine");
      expect(r.body.provider.identifier).toMatch(/^MYTAVILY:/);
      expect(r.body.provider.is_custom).toBe(true);
      expect(r.body.provider.categories).toEqual([]);
      // Inside a pattern nothing is dropped: patterns are free-form JSON.
      expect(r.body.provider.auth_patterns[0].whatever).toBe(1);
    });

    it("does not accept camelCase names (they are unknown fields)", async () => {
      const r = await c.create({
        displayName: "My Tavily",
        authPatterns: tavily().auth_patterns,
        proxyUrl: "https://api.tavily.com",
      });
      expect(r.status).toBe(400);
      const fields = r.body.details[0].validation_error_info.field_violations.map((v: any) => v.field);
      expect(fields).toEqual(["display_name", "auth_patterns", "proxy_url"]);
    });

    it('refuses the same derived key with 409 RESOURCE_ALREADY_EXISTS ("My Asana" vs "MyAsana")', async () => {
      expect((await c.create(asana("My Asana"))).status).toBe(201);
      for (const name of ["MyAsana", "my asana", "MY ASANA ", "My Asana"]) {
        const r = await c.create(asana(name));
        expect(r.status).toBe(409);
        expect(r.body).toEqual({
          code: 6,
          message: expect.any(String),
          details: [{ "@type": ERROR_INFO, error_code: "RESOURCE_ALREADY_EXISTS" }],
        });
      }
      expect(em.providers()).toHaveLength(1);
    });

    it("refuses a built-in provider name with 400", async () => {
      for (const name of ["Asana", "Slack", "GitHub", "google workspace", "GoogleWorkspace"]) {
        const r = await c.create(asana(name));
        expect(r.status).toBe(400);
        expect(r.body.code).toBe(3);
        expect(r.body.details[0].error_code).toBe("INVALID_ARGUMENT");
        expect(r.body.details[0].validation_error_info.field_violations[0].field).toBe("display_name");
      }
      expect(em.providers()).toEqual([]);
    });

    it("answers 400 to malformed JSON and to wrong JSON types", async () => {
      for (const body of [
        '{"display_name": ',
        "[1,2]",
        "null",
        '"text"',
        JSON.stringify({ ...tavily(), display_name: 42 }),
        JSON.stringify({ ...tavily(), auth_patterns: {} }),
        JSON.stringify({ ...tavily(), metadata: { abc: 1 } }),
      ]) {
        const r = await c.call("POST", "/api/v1/custom-providers", body);
        expect(r.status).toBe(400);
        expect(r.body.code).toBe(3);
        expect(typeof r.body.message).toBe("string");
      }
      expect(em.providers()).toEqual([]);
    });

    it("treats an empty body as an empty definition", async () => {
      const r = await c.call("POST", "/api/v1/custom-providers", "");
      expect(r.status).toBe(400);
      expect(r.body.details[0].validation_error_info.field_violations.length).toBeGreaterThanOrEqual(3);
    });

    it("can answer 200 instead of 201 when configured", async () => {
      const other = await withEmulator({ createStatus: 200 });
      try {
        const oc = await client(other);
        const r = await oc.create(tavily());
        expect(r.status).toBe(200);
        expect(r.body.provider.display_name).toBe("My Tavily");
      } finally {
        await other.close();
      }
    });

    it("never reuses an identifier, even after a delete of the same name", async () => {
      const seen = new Set<string>();
      for (let i = 0; i < 5; i++) {
        const p = (await c.create(tavily())).body.provider;
        expect(seen.has(p.identifier)).toBe(false);
        seen.add(p.identifier);
        expect((await c.remove(p.identifier)).status).toBe(200);
      }
    });
  });

  describe("list", () => {
    it("returns only the built-in catalogue without a filter", async () => {
      await c.create(tavily());
      const all = await c.listAll({});
      expect(all.providers.length).toBeGreaterThanOrEqual(4);
      expect(all.providers.every((p) => p.is_custom === false)).toBe(true);
      const names = all.providers.map((p) => p.display_name);
      expect(names).toEqual(expect.arrayContaining(["Asana", "Slack", "Github", "Google Workspace"]));
    });

    it("returns custom providers with CUSTOM and both with ALL", async () => {
      const t = (await c.create(tavily())).body.provider;
      const custom = await c.list({ "filter.provider_type": "CUSTOM" });
      expect(custom.status).toBe(200);
      expect(custom.body).toEqual({ providers: [t], next_page_token: "", prev_page_token: "", total_size: 1 });
      const all = await c.listAll({ "filter.provider_type": "ALL" });
      expect(all.providers.filter((p) => p.is_custom)).toEqual([t]);
      expect(all.providers.filter((p) => !p.is_custom).length).toBeGreaterThanOrEqual(4);
    });

    it("takes the ProviderType enum by name or number (DEFAULT 0, CUSTOM 1, ALL 2), as grpc-gateway parses it", async () => {
      const t = (await c.create(tavily())).body.provider;
      const customOnly = [t.identifier];
      const identifiers = async (v: string) => {
        const r = await c.listAll({ "filter.provider_type": v, page_size: 25 });
        return r.providers.map((p) => p.identifier);
      };
      const builtinOnly = await identifiers("DEFAULT");
      expect(builtinOnly).not.toContain(t.identifier);
      expect(builtinOnly.length).toBeGreaterThanOrEqual(4);
      expect((await c.listAll({ page_size: 25 })).providers.map((p) => p.identifier)).toEqual(builtinOnly);
      for (const v of ["0", "+0", "-0", "00"]) expect(await identifiers(v)).toEqual(builtinOnly);
      for (const v of ["CUSTOM", "1", "+1", "01"]) expect(await identifiers(v)).toEqual(customOnly);
      for (const v of ["ALL", "2", "002"]) expect(await identifiers(v)).toEqual([...builtinOnly, t.identifier]);
    });

    it("refuses any other filter value with 400 INVALID_ARGUMENT", async () => {
      for (const v of ["custom", "Custom", "BUILTIN", "", " CUSTOM", "3", "-1", "1.0", "0x1", "1e0", "PROVIDER_TYPE_CUSTOM"]) {
        const r = await c.list({ "filter.provider_type": v });
        expect([v, r.status]).toEqual([v, 400]);
        expect(r.body).toMatchObject({ code: 3, details: [{ error_code: "INVALID_ARGUMENT" }] });
      }
    });

    it("paginates in creation order, clamping page_size to the server maximum (25)", async () => {
      const created: string[] = [];
      for (let i = 0; i < 60; i++) created.push((await c.create(tavily(`Tool ${i}`))).body.provider.identifier);

      const first = await c.list({ "filter.provider_type": "CUSTOM" });
      expect(first.body.providers).toHaveLength(10); // default page size
      expect(first.body.total_size).toBe(60);
      expect(first.body.prev_page_token).toBe("");

      const big = await c.list({ "filter.provider_type": "CUSTOM", page_size: 1000 });
      expect(big.body.providers).toHaveLength(25);
      expect(big.body.next_page_token).not.toBe("");

      const all = await c.listAll({ "filter.provider_type": "CUSTOM", page_size: 1000 });
      expect(all.pages).toBe(3);
      expect(all.providers.map((p) => p.identifier)).toEqual(created);

      const second = await c.list({ "filter.provider_type": "CUSTOM", page_size: 1000, page_token: big.body.next_page_token });
      expect(second.body.prev_page_token).not.toBe("");
      const back = await c.list({ "filter.provider_type": "CUSTOM", page_size: 25, page_token: second.body.prev_page_token });
      expect(back.body.providers).toEqual(big.body.providers);
    });

    it("honours a smaller maxPageSize", async () => {
      const small = await withEmulator({ maxPageSize: 2 });
      try {
        const sc = await client(small);
        for (let i = 0; i < 5; i++) await sc.create(tavily(`Tool ${i}`));
        const all = await sc.listAll({ "filter.provider_type": "CUSTOM", page_size: 100 });
        expect(all.pages).toBe(3);
        expect(all.providers).toHaveLength(5);
      } finally {
        await small.close();
      }
    });

    it("refuses a negative or non-numeric page_size and foreign or tampered page tokens", async () => {
      await c.create(tavily());
      for (const page_size of ["-1", "ten", "1.5"]) {
        expect((await c.list({ "filter.provider_type": "CUSTOM", page_size })).status).toBe(400);
      }
      for (let i = 0; i < 3; i++) await c.create(tavily(`Tool ${i}`));
      const page = await c.list({ "filter.provider_type": "CUSTOM", page_size: 1 });
      const token: string = page.body.next_page_token;
      expect(token).toMatch(/[+/=]/); // opaque base64: must be URL-encoded by clients
      expect((await c.list({ "filter.provider_type": "CUSTOM", page_size: 1, page_token: token })).status).toBe(200);
      // a token used with another filter, a tampered token, garbage, and a token sent without URL-encoding
      expect((await c.list({ "filter.provider_type": "ALL", page_size: 1, page_token: token })).status).toBe(400);
      expect((await c.list({ "filter.provider_type": "CUSTOM", page_token: `${token.slice(0, -3)}AAA` })).status).toBe(400);
      expect((await c.list({ "filter.provider_type": "CUSTOM", page_token: "not-a-token" })).status).toBe(400);
      const raw = await c.call("GET", `/api/v1/providers?filter.provider_type=CUSTOM&page_token=${token}`);
      expect(raw.status).toBe(400);
    });

    it("page_size=0 means the default", async () => {
      for (let i = 0; i < 12; i++) await c.create(tavily(`Tool ${i}`));
      expect((await c.list({ "filter.provider_type": "CUSTOM", page_size: 0 })).body.providers).toHaveLength(10);
    });

    it("filters on an exact identifier", async () => {
      const a = (await c.create(asana())).body.provider;
      await c.create(tavily());
      const r = await c.list({ "filter.provider_type": "CUSTOM", identifier: a.identifier });
      expect(r.body).toEqual({ providers: [a], next_page_token: "", prev_page_token: "", total_size: 1 });
      const none = await c.list({ "filter.provider_type": "CUSTOM", identifier: a.identifier.split(":")[0] });
      expect(none.body.providers).toEqual([]);
      expect(none.body.total_size).toBe(0);
      // without the CUSTOM filter only the built-in catalogue is searched
      expect((await c.list({ identifier: a.identifier })).body.providers).toEqual([]);
    });
  });

  describe("update", () => {
    it('in "replace" mode replaces the definition in full: omitted fields become empty', async () => {
      em.setUpdateMode("replace");
      const created = (
        await c.create({ ...tavily(), description: "old", icon_src: "https://x.example/i.png", metadata: { team: "search" } })
      ).body.provider;
      const def = tavily();
      delete def.description;
      def.auth_patterns[0].fields[0].label = "Token";
      const r = await c.update(created.identifier, def);
      expect(r.status).toBe(200);
      expect(r.body.provider).toEqual({
        ...created,
        description: "",
        icon_src: "",
        metadata: {},
        auth_patterns: [{ ...created.auth_patterns[0], fields: [{ ...created.auth_patterns[0].fields[0], label: "Token" }] }],
      });
      expect(em.providers()).toEqual([r.body.provider]);
    });

    it("keeps the identifier through a rename, and the old name becomes free", async () => {
      const a = (await c.create(asana("My Asana"))).body.provider;
      const r = await c.update(a.identifier, asana("Asana Work"));
      expect(r.status).toBe(200);
      expect(r.body.provider.identifier).toBe(a.identifier);
      expect(r.body.provider.id).toBe(a.id);
      expect(r.body.provider.display_name).toBe("Asana Work");
      // same key, different spelling: allowed
      expect((await c.update(a.identifier, asana("AsanaWork"))).status).toBe(200);
      const again = await c.create(asana("My Asana"));
      expect(again.status).toBe(201);
      expect(again.body.provider.identifier).not.toBe(a.identifier);
    });

    it("refuses a rename onto another provider's key (409) or a built-in name (400)", async () => {
      const a = (await c.create(asana("My Asana"))).body.provider;
      await c.create(asana("Other Asana"));
      const clash = await c.update(a.identifier, asana("OtherAsana"));
      expect(clash.status).toBe(409);
      expect(clash.body.details[0].error_code).toBe("RESOURCE_ALREADY_EXISTS");
      const builtin = await c.update(a.identifier, asana("Asana"));
      expect(builtin.status).toBe(400);
      expect(em.providers()[0].display_name).toBe("My Asana");
    });

    it("refuses to change an auth pattern type or is_mcp (400 FAILED_PRECONDITION)", async () => {
      const t = (await c.create(tavily())).body.provider;
      const asApiKey = tavily();
      asApiKey.auth_patterns = [{ type: "API_KEY", fields: [{ field_name: "api_key" }] }];
      const r = await c.update(t.identifier, asApiKey);
      expect(r.status).toBe(400);
      expect(r.body).toEqual({
        code: 9,
        message: expect.stringContaining("type"),
        details: [{ "@type": ERROR_INFO, error_code: "FAILED_PRECONDITION" }],
      });

      const mcp = tavily();
      mcp.auth_patterns[0].is_mcp = true;
      const r2 = await c.update(t.identifier, mcp);
      expect(r2.status).toBe(400);
      expect(r2.body.code).toBe(9);
      expect(em.providers()).toEqual([t]);
    });

    it("validates like create", async () => {
      const t = (await c.create(tavily())).body.provider;
      const r = await c.update(t.identifier, { ...tavily(), proxy_url: "http://api.tavily.com" });
      expect(r.status).toBe(400);
      expect(r.body.details[0].validation_error_info.field_violations).toEqual([
        { field: "proxy_url", description: expect.any(String), constraint: "string.prefix" },
      ]);
    });

    it("answers 404 NOT_FOUND to an unknown identifier", async () => {
      const r = await c.update("MYTAVILY:00000", tavily());
      expect(r.status).toBe(404);
      expect(r.body).toEqual({
        code: 5,
        message: expect.any(String),
        details: [{ "@type": ERROR_INFO, error_code: "NOT_FOUND" }],
      });
    });

    it("is allowed while the provider is in use", async () => {
      const t = (await c.create(tavily())).body.provider;
      em.addConnection(t.identifier);
      expect((await c.update(t.identifier, { ...tavily(), description: "new" })).status).toBe(200);
    });
  });

  describe("delete", () => {
    it("deletes, then answers 404 to a second delete", async () => {
      const t = (await c.create(tavily())).body.provider;
      const r = await c.remove(t.identifier);
      expect(r.status).toBe(200);
      expect(r.body).toEqual({});
      expect(em.providers()).toEqual([]);
      const again = await c.remove(t.identifier);
      expect(again.status).toBe(404);
      expect(again.body.details[0].error_code).toBe("NOT_FOUND");
    });

    it("refuses while the provider has connections: gRPC code 3, Scalekit's message, PROVIDER_HAS_EXISTING_CONNECTIONS", async () => {
      const t = (await c.create(tavily())).body.provider;
      em.addConnection(t.identifier);
      em.addConnection(t.identifier);
      const r = await c.remove(t.identifier);
      expect(r.status).toBe(400);
      expect(r.body).toEqual({
        code: 3,
        message: "cannot delete custom provider with existing connections",
        details: [{ "@type": ERROR_INFO, error_code: "PROVIDER_HAS_EXISTING_CONNECTIONS" }],
      });
      expect(em.providers()).toHaveLength(1);
      em.removeConnections(t.identifier);
      expect((await c.remove(t.identifier)).status).toBe(200);
    });

    it("addConnection needs an existing custom provider", () => {
      expect(() => em.addConnection("NOPE:1")).toThrow(/not found/);
    });
  });

  describe("identifiers in paths", () => {
    it('contain ":" and are accepted raw (as in Scalekit\'s docs) or percent-encoded', async () => {
      const t = (await c.create(tavily())).body.provider;
      expect(t.identifier).toContain(":");
      const raw = await c.call("PUT", `/api/v1/custom-providers/${t.identifier}`, { ...tavily(), description: "raw" });
      expect(raw.status).toBe(200);
      expect(raw.body.provider.description).toBe("raw");
      const encoded = await c.call("PUT", `/api/v1/custom-providers/${encodeURIComponent(t.identifier)}`, {
        ...tavily(),
        description: "encoded",
      });
      expect(encoded.body.provider.description).toBe("encoded");
      expect((await c.call("DELETE", `/api/v1/custom-providers/${t.identifier}`)).status).toBe(200);
      expect((await c.call("DELETE", `/api/v1/custom-providers/${encodeURIComponent(t.identifier)}`)).status).toBe(404);
      expect(em.providers()).toHaveLength(0);
      expect((await c.call("DELETE", "/api/v1/custom-providers/X%ZZ")).status).toBe(400);
    });
  });

  describe("routing", () => {
    it("answers 404 with a grpc body to unknown routes", async () => {
      for (const path of ["/api/v1/nothing", "/api/v1/custom-providers/a/b", "/api/v1/providers/", "/api/v2/providers", "/"]) {
        const r = await c.call("GET", path);
        expect(r.status).toBe(404);
        expect(r.body).toEqual({ code: 5, message: "Not Found", details: [] });
      }
    });

    it("answers 501 with a grpc body to a wrong method", async () => {
      for (const [method, path] of [
        ["POST", "/api/v1/providers"],
        ["GET", "/api/v1/custom-providers"],
        ["GET", "/api/v1/custom-providers/X%3A1"],
        ["PATCH", "/api/v1/custom-providers/X%3A1"],
      ]) {
        const r = await c.call(method, path);
        expect(r.status).toBe(501);
        expect(r.body).toEqual({ code: 12, message: "Method Not Allowed", details: [] });
      }
    });
  });

  const definitionsDir = join(__dirname, "..", "..", "definitions");
  const files = existsSync(definitionsDir) ? readdirSync(definitionsDir).filter((f) => f.endsWith(".json")) : [];
  (files.length > 0 ? it : it.skip)("accepts every example definition of the repository", async () => {
    for (const f of files) {
      const r = await c.create(JSON.parse(readFileSync(join(definitionsDir, f), "utf8")));
      expect({ file: f, status: r.status, body: r.status === 201 ? undefined : r.body }).toEqual({
        file: f,
        status: 201,
        body: undefined,
      });
    }
  });

  it("accepts the documented examples (Freshdesk with a {{domain}} field)", async () => {
    expect((await c.create(freshdesk())).status).toBe(201);
  });
});
