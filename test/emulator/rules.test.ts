import { ApiError, type Emulator } from "../../src/emulator";
import { freshdesk, tavily, useEmulatorApi, type Client } from "../support/emulator-api";

type V = { field: string; constraint: string };

describe("server-side validation", () => {
  let em: Emulator;
  let c: Client;
  useEmulatorApi((e, client) => ((em = e), (c = client)));

  /** The (field, constraint) pairs the server reports for a definition; [] when it is accepted. */
  async function violations(def: unknown): Promise<V[]> {
    const r = await c.create(def);
    if (r.status === 201) {
      await c.remove(r.body.provider.identifier);
      return [];
    }
    expect(r.status).toBe(400);
    expect(r.body.code).toBe(3);
    expect(r.body.details).toHaveLength(1);
    expect(r.body.details[0]["@type"]).toBe("type.googleapis.com/scalekit.v1.errdetails.ErrorInfo");
    expect(r.body.details[0].error_code).toBe("INVALID_ARGUMENT");
    const list = r.body.details[0].validation_error_info.field_violations as Array<V & { description: string }>;
    for (const v of list) expect(v.description.length).toBeGreaterThan(0);
    // The bare message Scalekit answers; the detail only in `details`.
    expect(r.body.message).toBe("Validation error");
    return list.map(({ field, constraint }) => ({ field, constraint }));
  }

  it("reports every violation at once", async () => {
    const r = await c.create({
      display_name: "my-provider",
      auth_patterns: [{ type: "MAGIC" }, { type: "BEARER" }],
      proxy_url: "http://x",
      icon_src: "ftp://x",
      metadata: { ab: "" },
    });
    expect(r.status).toBe(400);
    expect(r.body.details[0].validation_error_info.field_violations.map((v: V) => [v.field, v.constraint])).toEqual([
      ["display_name", "string.pattern"],
      ["auth_patterns", "repeated.max_items"],
      ["proxy_url", "string.prefix"],
      ["icon_src", "string.prefix"],
      ['metadata["ab"]', "string.min_len"],
      ['metadata["ab"]', "string.min_len"],
    ]);
    expect(r.body.message).toBe("Validation error");
  });

  describe("display_name", () => {
    it("is required", async () => {
      expect(await violations({ ...tavily(), display_name: undefined })).toEqual([
        { field: "display_name", constraint: "required" },
      ]);
      expect(await violations({ ...tavily(), display_name: "" })).toEqual([{ field: "display_name", constraint: "required" }]);
    });
    it("is letters, digits and spaces only, with at least one letter or digit", async () => {
      for (const name of ["My-Tavily", "my_tavily", "Tavily.io", "   ", "Tävily", "Tavily!"]) {
        expect(await violations(tavily(name))).toEqual([{ field: "display_name", constraint: "string.pattern" }]);
      }
      for (const name of ["T", " Tavily 2 ", "42"]) expect(await violations(tavily(name))).toEqual([]);
    });
    it("is at most 200 characters", async () => {
      expect(await violations(tavily("a".repeat(200)))).toEqual([]);
      expect(await violations(tavily("a".repeat(201)))).toEqual([{ field: "display_name", constraint: "string.max_len" }]);
    });
  });

  describe("auth_patterns", () => {
    it("needs exactly one pattern", async () => {
      expect(await violations({ ...tavily(), auth_patterns: undefined })).toEqual([
        { field: "auth_patterns", constraint: "repeated.min_items" },
      ]);
      expect(await violations({ ...tavily(), auth_patterns: [] })).toEqual([
        { field: "auth_patterns", constraint: "repeated.min_items" },
      ]);
      const two = tavily();
      two.auth_patterns.push({ ...two.auth_patterns[0] });
      expect(await violations(two)).toEqual([{ field: "auth_patterns", constraint: "repeated.max_items" }]);
    });
    it("keeps what is inside a pattern as sent: free-form JSON, validated by the client, not the server", async () => {
      // Each of these was once refused by the emulator; Scalekit takes them (sdk 2.21: "the API
      // validates almost nothing about an auth pattern").
      const shapes: any[] = [
        { ...tavily().auth_patterns[0], type: "bearer" },
        { ...tavily().auth_patterns[0], type: "OAUTH_M2M", oauth_config: null },
        { type: "OAUTH", fields: [{ field_name: "token" }] },
        { ...tavily().auth_patterns[0], oauth_config: {} },
        { type: "NO_AUTH", is_mcp: false, fields: [{ field_name: "token" }] },
        {
          type: "BASIC",
          fields: [
            { field_name: "domain", input_type: "url" },
            { field_name: "domain", input_type: "textarea" },
            { label: "nameless" },
          ],
          account_fields: [{ field_name: "domain" }],
          rotation_days: 30,
        },
        { fields: "not a list", is_mcp: "yes" },
      ];
      for (const pattern of shapes) {
        const r = await c.create({ ...tavily(), auth_patterns: [pattern] });
        expect([r.status, r.body.provider?.auth_patterns]).toEqual([201, [pattern]]);
        expect((await c.remove(r.body.provider.identifier)).status).toBe(200);
      }
    });
    it("refuses a pattern that is not a JSON object (400, no field violations)", async () => {
      const r = await c.create({ ...tavily(), auth_patterns: ["BEARER"] });
      expect(r.status).toBe(400);
      expect(r.body.message).toMatch(/auth_patterns\[0\]: expected an object/);
    });
  });

  describe("proxy_url", () => {
    it("is required, https only, at most 2048 characters", async () => {
      expect(await violations({ ...tavily(), proxy_url: "" })).toEqual([{ field: "proxy_url", constraint: "required" }]);
      expect(await violations({ ...tavily(), proxy_url: "http://api.tavily.com" })).toEqual([
        { field: "proxy_url", constraint: "string.prefix" },
      ]);
      expect(await violations({ ...tavily(), proxy_url: "HTTPS://api.tavily.com" })).toEqual([
        { field: "proxy_url", constraint: "string.prefix" },
      ]);
      const base = "https://api.tavily.com/";
      expect(await violations({ ...tavily(), proxy_url: base + "a".repeat(2048 - base.length) })).toEqual([]);
      expect(await violations({ ...tavily(), proxy_url: base + "a".repeat(2049 - base.length) })).toEqual([
        { field: "proxy_url", constraint: "string.max_len" },
      ]);
    });
    it("every placeholder needs a matching field; names other than domain/version need is_path_param", async () => {
      expect(await violations(freshdesk())).toEqual([]);
      const noDomain = freshdesk();
      noDomain.auth_patterns[0].fields.shift();
      expect(await violations(noDomain)).toEqual([{ field: "proxy_url", constraint: "proxy_url.placeholders" }]);

      const def = tavily();
      def.proxy_url = "https://{{domain}}/{{version}}/{{team}}/{{ team }}";
      def.auth_patterns[0].fields.push({ field_name: "domain" }, { field_name: "version" }, { field_name: "team" });
      expect(await violations(def)).toEqual([
        { field: "proxy_url", constraint: "proxy_url.placeholders" }, // team is not a path param
        { field: "proxy_url", constraint: "proxy_url.placeholders" }, // " team " matches nothing
      ]);
      def.auth_patterns[0].fields[3].is_path_param = true;
      def.proxy_url = "https://{{domain}}/{{version}}/{{team}}";
      expect(await violations(def)).toEqual([]);
    });
  });

  describe("icon_src", () => {
    it("is empty or https, at most 2048 characters", async () => {
      expect(await violations({ ...tavily(), icon_src: "" })).toEqual([]);
      expect(await violations({ ...tavily(), icon_src: "https://cdn.example.com/i.svg" })).toEqual([]);
      expect(await violations({ ...tavily(), icon_src: "http://cdn.example.com/i.svg" })).toEqual([
        { field: "icon_src", constraint: "string.prefix" },
      ]);
      expect(await violations({ ...tavily(), icon_src: `https://${"a".repeat(2041)}` })).toEqual([
        { field: "icon_src", constraint: "string.max_len" },
      ]);
    });
  });

  describe("metadata", () => {
    it("at most 20 pairs, keys 3-25 characters, values 1-256 characters", async () => {
      const twenty = Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`key${i}`, "v"]));
      expect(await violations({ ...tavily(), metadata: twenty })).toEqual([]);
      expect(await violations({ ...tavily(), metadata: { ...twenty, key20: "v" } })).toEqual([
        { field: "metadata", constraint: "map.max_pairs" },
      ]);
      expect(await violations({ ...tavily(), metadata: { abc: "x".repeat(256), [`k${"x".repeat(24)}`]: "v" } })).toEqual([]);
      expect(
        await violations({ ...tavily(), metadata: { ab: "v", [`k${"x".repeat(25)}`]: "v", empty: "", long: "x".repeat(257) } }),
      ).toEqual([
        { field: 'metadata["ab"]', constraint: "string.min_len" },
        { field: `metadata["k${"x".repeat(25)}"]`, constraint: "string.max_len" },
        { field: 'metadata["empty"]', constraint: "string.min_len" },
        { field: 'metadata["long"]', constraint: "string.max_len" },
      ]);
    });
  });

  it("seedProvider applies the same validation and throws the API error", () => {
    em.clearRequests();
    let thrown: unknown;
    try {
      em.seedProvider({ display_name: "bad-name", auth_patterns: [], proxy_url: "https://x" });
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(ApiError);
    const e = thrown as ApiError;
    expect(e.httpStatus).toBe(400);
    expect(e.toBody().details[0].validation_error_info?.field_violations.map((v) => v.field)).toEqual([
      "display_name",
      "auth_patterns",
    ]);
    expect(em.providers()).toEqual([]);
    const p = em.seedProvider(tavily());
    expect(p.identifier).toMatch(/^MYTAVILY:/);
    expect(() => em.seedProvider(tavily("MyTavily"))).toThrow(ApiError);
    expect(em.requests()).toEqual([]);
  });
});
