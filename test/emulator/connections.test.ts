import { CONNECTIONS_MAX_PAGE_SIZE, InvalidConnection, type Emulator } from "../../src/emulator";
import { docsMcp, freshdesk, tavily, useEmulatorApi, type Client } from "../support/emulator-api";

const ROUTE = "/api/v1/connections/app";
const ERROR_INFO = "type.googleapis.com/scalekit.v1.errdetails.ErrorInfo";

/** ListAppConnections and the control side that feeds it. */
describe("connections", () => {
  let em: Emulator;
  let c: Client;
  useEmulatorApi((e, client) => ((em = e), (c = client)));

  function list(query: Record<string, string | number> = {}) {
    const qs = new URLSearchParams(Object.entries(query).map(([k, v]): [string, string] => [k, String(v)])).toString();
    return c.call("GET", `${ROUTE}${qs ? `?${qs}` : ""}`);
  }

  async function listAll(query: Record<string, string | number>): Promise<{ keys: string[]; pages: number }> {
    const keys: string[] = [];
    let pageToken = "";
    let pages = 0;
    do {
      const r = await list({ ...query, ...(pageToken ? { page_token: pageToken } : {}) });
      expect(r.status).toBe(200);
      keys.push(...r.body.connections.map((x: any) => x.key_id));
      pageToken = r.body.next_page_token;
      pages++;
    } while (pageToken !== "");
    return { keys, pages };
  }

  describe("the list route", () => {
    it("answers the documented shape, every ListConnection field present", async () => {
      const t = (await c.create(tavily())).body.provider;
      const added = em.addConnection(t.identifier);
      const r = await list({ provider: t.identifier });
      expect(r.status).toBe(200);
      expect(r.body).toEqual({ connections: [added], next_page_token: "", prev_page_token: "", total_size: 1 });
      expect(added).toEqual({
        id: expect.stringMatching(/^conn_\d+$/),
        key_id: "mytavily-1",
        provider_key: t.identifier,
        type: "BEARER",
        status: "COMPLETED",
        enabled: true,
        provider: "CONNECTION_PROVIDER_UNSPECIFIED",
        organization_id: "",
        ui_button_title: "",
        domains: [],
        organization_name: "",
        created_at: expect.any(String),
        mcp_server_url: "",
        auth_mode: "CONNECTION_AUTH_MODE_UNSPECIFIED",
      });
      expect(new Date(added.created_at).toISOString()).toBe(added.created_at);
    });

    it("answers domains as a list (a repeated field), [] when empty, as Scalekit's SDKs read it", async () => {
      const t = (await c.create(tavily())).body.provider;
      em.addConnection(t.identifier);
      const r = await list();
      expect(Array.isArray(r.body.connections[0].domains)).toBe(true);
      expect(r.body.connections[0].domains).toEqual([]);
    });

    it("honours query: a text search over connections, with the provider filter and across pages", async () => {
      const t = (await c.create(tavily())).body.provider;
      const f = (await c.create(freshdesk())).body.provider;
      for (const name of ["support-eu", "Support-US", "sales", "supportive"]) em.addConnection(t.identifier, { name });
      em.addConnection(f.identifier, { name: "support-freshdesk" });
      expect((await listAll({ query: "support" })).keys).toEqual(["support-eu", "Support-US", "supportive", "support-freshdesk"]);
      expect((await listAll({ query: "SUPPORT", provider: t.identifier })).keys).toEqual([
        "support-eu",
        "Support-US",
        "supportive",
      ]);
      expect((await listAll({ query: "nothing-like-it" })).keys).toEqual([]);
      expect((await listAll({ query: "" })).keys).toHaveLength(5);
      // by provider key and by id too
      expect((await listAll({ query: f.identifier.toLowerCase() })).keys).toEqual(["support-freshdesk"]);
      const id = em.connections()[2].id;
      expect((await listAll({ query: id })).keys).toEqual(["sales"]);
      // a page token is bound to its query
      const first = await list({ query: "support", page_size: 1 });
      expect(first.body.connections).toHaveLength(1);
      expect(first.body.total_size).toBe(4);
      expect((await list({ query: "sales", page_size: 1, page_token: first.body.next_page_token })).status).toBe(400);
      expect((await list({ query: "support", page_size: 1, page_token: first.body.next_page_token })).status).toBe(200);
      // a singular parameter: repeated is refused
      expect((await c.call("GET", `${ROUTE}?query=a&query=b`)).status).toBe(400);
    });

    it("lists every connection without provider, only the provider's with it (exact and case-sensitive)", async () => {
      const t = (await c.create(tavily())).body.provider;
      const f = (await c.create(freshdesk())).body.provider;
      em.addConnection(t.identifier);
      em.addConnection(f.identifier, { name: "support-desk" });
      em.addConnection(t.identifier);
      expect((await listAll({})).keys).toEqual(["mytavily-1", "support-desk", "mytavily-2"]);
      expect((await listAll({ provider: t.identifier })).keys).toEqual(["mytavily-1", "mytavily-2"]);
      expect((await listAll({ provider: f.identifier })).keys).toEqual(["support-desk"]);
      for (const other of [t.identifier.toLowerCase(), t.identifier.split(":")[0], "NOPE:1"]) {
        const r = await list({ provider: other });
        expect(r.body).toEqual({ connections: [], next_page_token: "", prev_page_token: "", total_size: 0 });
      }
      expect((await list({})).body.total_size).toBe(3);
    });

    it(`pages by next_page_token, page_size at most ${CONNECTIONS_MAX_PAGE_SIZE}, 0 or absent the default (10)`, async () => {
      const t = (await c.create(tavily())).body.provider;
      const names = Array.from({ length: 65 }, () => em.addConnection(t.identifier).key_id);
      expect((await list()).body.connections).toHaveLength(10);
      expect((await list({ page_size: 0 })).body.connections).toHaveLength(10);
      const first = await list({ page_size: 30 });
      expect(first.body.connections).toHaveLength(30);
      expect(first.body.total_size).toBe(65);
      expect(first.body.prev_page_token).toBe("");
      const all = await listAll({ page_size: 30, provider: t.identifier });
      expect(all).toEqual({ keys: names, pages: 3 });
      const second = await list({ page_size: 30, page_token: first.body.next_page_token });
      expect(second.body.connections[0].key_id).toBe(names[30]);
      const back = await list({ page_size: 30, page_token: second.body.prev_page_token });
      expect(back.body.connections).toEqual(first.body.connections);
      // a token belongs to its listing: not to another provider filter, not to the providers list
      expect((await list({ page_size: 30, provider: t.identifier, page_token: first.body.next_page_token })).status).toBe(400);
      const providers = await c.list({ "filter.provider_type": "CUSTOM", page_token: first.body.next_page_token });
      expect(providers.status).toBe(400);
      expect((await list({ page_token: "not-a-token" })).status).toBe(400);
    });

    it(`refuses page_size above ${CONNECTIONS_MAX_PAGE_SIZE} with a field violation, and non-numbers`, async () => {
      const r = await list({ page_size: 31 });
      expect(r.status).toBe(400);
      expect(r.body).toEqual({
        code: 3,
        message: "Validation error",
        details: [
          {
            "@type": ERROR_INFO,
            error_code: "INVALID_ARGUMENT",
            validation_error_info: {
              field_violations: [
                { field: "page_size", description: "value must be less than or equal to 30", constraint: "uint32.lte" },
              ],
            },
          },
        ],
      });
      expect((await list({ page_size: 1000 })).status).toBe(400);
      for (const bad of ["-1", "+1", "ten", "1.5", "4294967296"]) {
        const x = await list({ page_size: bad });
        expect([bad, x.status, x.body.code]).toEqual([bad, 400, 3]);
      }
      expect((await list({ page_size: 30 })).status).toBe(200);
      expect((await c.call("GET", `${ROUTE}?page_size=5&page_size=6`)).status).toBe(400);
    });

    it("takes provider of 1 to 50 characters: empty or longer is a 400 field violation", async () => {
      expect((await list({ provider: "P".repeat(50) })).status).toBe(200);
      expect((await list({ provider: "é".repeat(50) })).status).toBe(200); // counted in characters
      const long = await list({ provider: "P".repeat(51) });
      expect(long.status).toBe(400);
      expect(long.body.details[0].validation_error_info.field_violations).toEqual([
        { field: "provider", description: "value length must be at most 50 characters", constraint: "string.max_len" },
      ]);
      const empty = await c.call("GET", `${ROUTE}?provider=`);
      expect(empty.status).toBe(400);
      expect(empty.body.details[0].validation_error_info.field_violations).toEqual([
        { field: "provider", description: "value length must be at least 1 characters", constraint: "string.min_len" },
      ]);
      // every violation at once
      const both = await list({ page_size: 31, provider: "P".repeat(51) });
      expect(both.body.details[0].validation_error_info.field_violations.map((v: any) => v.field)).toEqual([
        "page_size",
        "provider",
      ]);
    });

    it("needs a valid access token, like every API route", async () => {
      const t = (await c.create(tavily())).body.provider;
      em.addConnection(t.identifier);
      const none = await fetch(`${em.url}${ROUTE}`);
      expect(none.status).toBe(401);
      expect(await none.json()).toMatchObject({ code: 16, details: [{ error_code: "UNAUTHENTICATED" }] });
      const wrong = await fetch(`${em.url}${ROUTE}`, { headers: { Authorization: "Bearer skt_forged" } });
      expect(wrong.status).toBe(401);
      em.revokeTokens();
      expect((await list()).status).toBe(401);
    });

    it("answers 501 to another method and 404 to a neighbouring path", async () => {
      expect((await c.call("POST", ROUTE, {})).status).toBe(501);
      expect((await c.call("GET", "/api/v1/connections")).status).toBe(404);
      expect((await c.call("GET", `${ROUTE}/x`)).status).toBe(404);
    });

    it("is logged like every API request, the query decoded", async () => {
      em.clearRequests();
      await list({ provider: "MYTAVILY:1", page_size: 5 });
      expect(em.requests().map((e) => [e.method, e.path, e.query, e.status])).toEqual([
        ["GET", ROUTE, { provider: "MYTAVILY:1", page_size: "5" }, 200],
      ]);
    });
  });

  describe("faults on the PREVIEW route", () => {
    beforeEach(async () => {
      const t = (await c.create(tavily())).body.provider;
      em.addConnection(t.identifier);
    });

    it("an error status, only on the route aimed at", async () => {
      em.injectFault({ status: 503, pathPrefix: "/api/v1/connections", count: 2 });
      expect((await c.list({ "filter.provider_type": "CUSTOM" })).status).toBe(200);
      const r = await list();
      expect(r.status).toBe(503);
      expect(r.body).toEqual({
        code: 14,
        message: expect.any(String),
        details: [{ "@type": ERROR_INFO, error_code: "UNAVAILABLE" }],
      });
      em.injectFault({ status: 403, pathPrefix: ROUTE });
      expect((await list()).status).toBe(503);
      const denied = await list();
      expect(denied.status).toBe(403);
      expect(denied.body).toMatchObject({ code: 7, details: [{ error_code: "PERMISSION_DENIED" }] });
      expect((await list()).status).toBe(200);
      expect(
        em
          .requests()
          .filter((e) => e.path === ROUTE)
          .map((e) => [e.status, e.fault]),
      ).toEqual([
        [503, "status"],
        [503, "status"],
        [403, "status"],
        [200, undefined],
      ]);
    });

    it("malformed 200 bodies: null connections, empty object, HTML, truncated JSON", async () => {
      em.injectFault({ malformedBody: "nullConnections", pathPrefix: ROUTE });
      const nulls = await list();
      expect([nulls.status, nulls.body]).toEqual([200, { connections: null, next_page_token: "" }]);
      em.injectFault({ malformedBody: "empty", pathPrefix: ROUTE });
      expect((await list()).body).toEqual({});
      em.injectFault({ malformedBody: "html", pathPrefix: ROUTE });
      const html = await list();
      expect(html.headers.get("content-type")).toMatch(/text\/html/);
      expect(html.body).toBeUndefined();
      em.injectFault({ malformedBody: "truncated", pathPrefix: ROUTE });
      const cut = await list();
      expect(cut.status).toBe(200);
      expect(() => JSON.parse(cut.text)).toThrow(SyntaxError);
      expect((await list()).body.connections).toHaveLength(1);
    });

    it("a dropped connection and a delay", async () => {
      em.injectFault({ dropBeforeCommit: true, pathPrefix: ROUTE });
      await expect(list()).rejects.toThrow();
      em.injectFault({ latencyMs: 30, pathPrefix: ROUTE });
      const r = await list();
      expect(r.status).toBe(200);
      expect(em.requests().slice(-1)[0].fault).toBe("latency");
    });
  });

  describe("the control side", () => {
    it("names connections (key_id): generated when not given, unique, taken names refused with 409", async () => {
      const t = (await c.create(tavily())).body.provider;
      const d = (await c.create(docsMcp())).body.provider;
      expect(em.addConnection(t.identifier, { name: "mytavily-2" }).key_id).toBe("mytavily-2");
      expect(em.addConnection(t.identifier).key_id).toBe("mytavily-1");
      expect(em.addConnection(t.identifier).key_id).toBe("mytavily-3");
      const mcp = em.addConnection(d.identifier, { type: "OAUTH", status: "DRAFT", enabled: false });
      expect(mcp).toMatchObject({ key_id: "publicdocsmcp-1", type: "OAUTH", status: "DRAFT", enabled: false });
      expect(() => em.addConnection(d.identifier, { name: "mytavily-1" })).toThrow(/already exists/);
      expect(em.connections().map((x) => x.key_id)).toEqual(["mytavily-2", "mytavily-1", "mytavily-3", "publicdocsmcp-1"]);
      expect(new Set(em.connections().map((x) => x.id)).size).toBe(4);
    });

    it("takes the type from the provider's auth pattern (NO_AUTH for the docs MCP)", async () => {
      const d = (await c.create(docsMcp())).body.provider;
      expect(em.addConnection(d.identifier).type).toBe("NO_AUTH");
    });

    it("refuses invalid specifications", async () => {
      const t = (await c.create(tavily())).body.provider;
      for (const bad of [{ name: "" }, { name: 5 }, { enabled: "yes" }, { colour: "red" }, [1]]) {
        expect(() => em.addConnection(t.identifier, bad as never)).toThrow(InvalidConnection);
      }
      expect(em.connections()).toEqual([]);
    });

    it("through the control route: named connections, API-shaped 404/409, 400 for a bad body; GET lists them", async () => {
      const t = (await c.create(tavily())).body.provider;
      const control = async (method: string, path: string, body?: unknown) => {
        const res = await fetch(`${em.url}/_emulator${path}`, {
          method,
          body: body === undefined ? undefined : JSON.stringify(body),
        });
        return { status: res.status, body: (await res.json()) as any };
      };
      const added = await control("POST", "/connections", {
        identifier: t.identifier,
        name: "prod-search",
        status: "IN_PROGRESS",
      });
      expect(added.status).toBe(200);
      expect(added.body.connection).toMatchObject({ key_id: "prod-search", provider_key: t.identifier, status: "IN_PROGRESS" });
      expect((await list()).body.connections).toEqual([added.body.connection]);
      expect(await control("GET", "/connections")).toEqual({ status: 200, body: { connections: [added.body.connection] } });
      const taken = await control("POST", "/connections", { identifier: t.identifier, name: "prod-search" });
      expect(taken.status).toBe(409);
      expect(taken.body.details[0].error_code).toBe("RESOURCE_ALREADY_EXISTS");
      expect((await control("POST", "/connections", { identifier: "NOPE:1" })).status).toBe(404);
      const bad = await control("POST", "/connections", { identifier: t.identifier, enabled: "no" });
      expect(bad.status).toBe(400);
      expect(bad.body.error).toMatch(/enabled/);
      expect(em.connections()).toHaveLength(1);
    });

    it("keeps the delete refusal until the provider's connections are removed; other providers' stay", async () => {
      const t = (await c.create(tavily())).body.provider;
      const f = (await c.create(freshdesk())).body.provider;
      em.addConnection(t.identifier);
      em.addConnection(f.identifier);
      const r = await c.remove(t.identifier);
      expect(r.status).toBe(400);
      expect(r.body.details).toEqual([{ "@type": ERROR_INFO, error_code: "PROVIDER_HAS_EXISTING_CONNECTIONS" }]);
      em.removeConnections(t.identifier);
      expect((await listAll({})).keys).toEqual(["myfreshdesk-1"]);
      expect((await c.remove(t.identifier)).status).toBe(200);
      em.reset();
      expect(em.connections()).toEqual([]);
    });
  });
});
