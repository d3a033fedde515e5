import { request } from "http";
import { InvalidFault, type Emulator } from "../../src/emulator";
import {
  client,
  getToken,
  requestToken,
  sleep,
  tavily,
  useEmulatorApi,
  withEmulator,
  type Client,
} from "../support/emulator-api";

/** Raw GET through node's http, counting the chunks the body arrived in. */
function rawGet(url: string, token: string): Promise<{ status: number; text: string; chunks: number; contentType: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers: { Authorization: `Bearer ${token}` } }, (res) => {
      let text = "";
      let chunks = 0;
      res.setEncoding("utf8");
      res.on("data", (c: string) => {
        chunks++;
        text += c;
      });
      res.on("end", () =>
        resolve({ status: res.statusCode ?? 0, text, chunks, contentType: String(res.headers["content-type"]) }),
      );
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end();
  });
}

async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 500 && !condition(); i++) await sleep(10);
  if (!condition()) throw new Error("condition never became true");
}

// One emulator and one setup for every fault, the ordinary ones and those of a hostile day.
describe("fault injection", () => {
  let em: Emulator;
  let c: Client;
  useEmulatorApi((e, client) => ((em = e), (c = client)));
  beforeEach(() => em.clearRequests());

  it("status: answers the next N matching requests without processing them", async () => {
    em.injectFault({ status: 503, count: 2, method: "POST", pathPrefix: "/api/v1/custom-providers" });
    // a non-matching request is untouched
    expect((await c.list({ "filter.provider_type": "CUSTOM" })).status).toBe(200);
    for (let i = 0; i < 2; i++) {
      const r = await c.create(tavily());
      expect(r.status).toBe(503);
      expect(r.body).toEqual({
        code: 14,
        message: expect.any(String),
        details: [{ "@type": "type.googleapis.com/scalekit.v1.errdetails.ErrorInfo", error_code: "UNAVAILABLE" }],
      });
      expect(em.providers()).toEqual([]);
    }
    expect((await c.create(tavily())).status).toBe(201);
    expect(em.requests().map((e) => [e.status, e.fault])).toEqual([
      [200, undefined],
      [503, "status"],
      [503, "status"],
      [201, undefined],
    ]);
  });

  it("status 429 with Retry-After", async () => {
    em.injectFault({ status: 429, retryAfterSeconds: 2 });
    const r = await c.list({});
    expect(r.status).toBe(429);
    expect(r.headers.get("retry-after")).toBe("2");
    expect(r.body.code).toBe(8);
    expect(r.body.details[0].error_code).toBe("RESOURCE_EXHAUSTED");
    expect((await c.list({})).status).toBe(200);
  });

  it("applies to the token route too, and matches paths decoded or raw", async () => {
    em.injectFault({ status: 500, pathPrefix: "/oauth/token" });
    const r = await requestToken(em);
    expect(r.status).toBe(500);
    expect(r.body.code).toBe(13);
    expect((await requestToken(em)).status).toBe(200);

    const p = (await c.create(tavily())).body.provider;
    em.injectFault({ status: 504, method: "delete", pathPrefix: `/api/v1/custom-providers/${p.identifier}` });
    const d = await c.remove(p.identifier);
    expect(d.status).toBe(504);
    expect(d.body.code).toBe(4);
    expect(em.providers()).toHaveLength(1);
  });

  it("latencyMs: delays, then processes normally", async () => {
    em.injectFault({ latencyMs: 300, method: "GET" });
    const t0 = Date.now();
    const r = await c.list({ "filter.provider_type": "CUSTOM" });
    expect(Date.now() - t0).toBeGreaterThanOrEqual(290);
    expect(r.status).toBe(200);
    const t1 = Date.now();
    await c.list({ "filter.provider_type": "CUSTOM" });
    expect(Date.now() - t1).toBeLessThan(250);
    expect(em.requests()[0]).toMatchObject({ status: 200, fault: "latency" });
  });

  it("hold: holds the request until released, then processes it normally; other requests go on", async () => {
    em.injectFault({ hold: true, method: "POST", pathPrefix: "/api/v1/custom-providers" });
    const create = c.create(tavily());
    while (em.heldRequests() === 0) await sleep(5);
    expect(em.providers()).toHaveLength(0);
    expect((await c.list({ "filter.provider_type": "CUSTOM" })).status).toBe(200);
    expect(em.releaseHeld()).toBe(1);
    expect((await create).status).toBe(201);
    expect(em.providers()).toHaveLength(1);
    expect(em.requests().find((r) => r.method === "POST")).toMatchObject({ fault: "hold" });
    expect(em.heldRequests()).toBe(0);
  });

  it("hold: released over the control route too", async () => {
    em.injectFault({ hold: true, method: "GET" });
    const listing = c.list({ "filter.provider_type": "CUSTOM" });
    while (em.heldRequests() === 0) await sleep(5);
    const released = await fetch(`${em.url}/_emulator/faults/release`, { method: "POST" });
    expect(await released.json()).toEqual({ released: 1 });
    expect((await listing).status).toBe(200);
    expect(() => em.injectFault({ hold: "yes" } as never)).toThrow(InvalidFault);
  });

  it("latencyMs: a client that gives up still leaves a committed create", async () => {
    em.injectFault({ latencyMs: 300, method: "POST" });
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 50);
    await expect(
      fetch(`${em.url}/api/v1/custom-providers`, {
        method: "POST",
        headers: { Authorization: `Bearer ${c.token}`, "Content-Type": "application/json" },
        body: JSON.stringify(tavily()),
        signal: ac.signal,
      }),
    ).rejects.toThrow();
    await sleep(400);
    expect(em.providers()).toHaveLength(1);
  });

  it("dropAfterCommit: the create happens, the answer never comes", async () => {
    em.injectFault({ dropAfterCommit: true, method: "POST", pathPrefix: "/api/v1/custom-providers" });
    await expect(c.create(tavily())).rejects.toThrow();
    const providers = em.providers();
    expect(providers).toHaveLength(1);
    expect(providers[0].display_name).toBe("My Tavily");
    // the client can find it by listing; a blind retry would clash
    const listed = await c.list({ "filter.provider_type": "CUSTOM" });
    expect(listed.body.providers).toEqual(providers);
    expect((await c.create(tavily())).status).toBe(409);
    const log = em.requests();
    expect(log[0]).toMatchObject({ method: "POST", status: 201, dropped: true, fault: "dropAfterCommit" });
  });

  it("dropBeforeCommit: nothing happens, the answer never comes", async () => {
    em.injectFault({ dropBeforeCommit: true, method: "POST" });
    await expect(c.create(tavily())).rejects.toThrow();
    expect(em.providers()).toEqual([]);
    expect(em.requests()[0]).toMatchObject({ method: "POST", status: 0, dropped: true, fault: "dropBeforeCommit" });
    expect((await c.create(tavily())).status).toBe(201);
  });

  it("a drop on the token route", async () => {
    em.injectFault({ dropBeforeCommit: true, pathPrefix: "/oauth/token" });
    await expect(getToken(em)).rejects.toThrow();
    expect(typeof (await getToken(em))).toBe("string");
  });

  it("faults are taken oldest first, one per request", async () => {
    em.injectFault({ status: 503 });
    em.injectFault({ status: 429 });
    expect((await c.list({})).status).toBe(503);
    expect((await c.list({})).status).toBe(429);
    expect((await c.list({})).status).toBe(200);
  });

  it("rejects invalid fault specifications", () => {
    const bad: unknown[] = [
      {},
      { status: 200 },
      { status: 503, dropAfterCommit: true },
      { dropAfterCommit: true, dropBeforeCommit: true },
      { status: 503, count: 0 },
      { latency: 100 },
      { retryAfterSeconds: 1 },
      { latencyMs: -1 },
      { status: 503, pathPrefix: "api" },
      { status: 503, probability: 0 },
      { status: 503, probability: 1.5 },
      { status: 503, probability: "0.2" },
    ];
    for (const f of bad) expect(() => em.injectFault(f as never)).toThrow(InvalidFault);
  });

  it("reset drops pending faults", async () => {
    em.injectFault({ status: 503, count: 5 });
    em.reset();
    const fresh = await client(em);
    expect((await fresh.list({})).status).toBe(200);
  });

  describe("faults for a hostile day", () => {
    it("hangAfterCommit: the create commits, the answer never comes", async () => {
      em.injectFault({ hangAfterCommit: true, method: "POST", pathPrefix: "/api/v1/custom-providers" });
      const ac = new AbortController();
      let settled = false;
      const pending = fetch(`${em.url}/api/v1/custom-providers`, {
        method: "POST",
        headers: { Authorization: `Bearer ${c.token}`, "Content-Type": "application/json" },
        body: JSON.stringify(tavily()),
        signal: ac.signal,
      }).finally(() => (settled = true));
      await until(() => em.requests().length === 1);
      expect(em.requests()[0]).toMatchObject({ method: "POST", status: 201, fault: "hangAfterCommit" });
      expect(em.providers()).toHaveLength(1);
      expect(settled).toBe(false);
      ac.abort();
      await expect(pending).rejects.toThrow();
    });

    it("listLagWrites: lists lag behind the last N committed writes, for `count` lists", async () => {
      const a = (await c.create(tavily("Alpha"))).body.provider;
      em.injectFault({ listLagWrites: 1, count: 2, method: "GET", pathPrefix: "/api/v1/providers" });
      const b = (await c.create(tavily("Beta"))).body.provider;
      const ids = async () =>
        (await c.list({ "filter.provider_type": "CUSTOM" })).body.providers.map((p: { identifier: string }) => p.identifier);
      expect(await ids()).toEqual([a.identifier]);
      expect((await c.list({ "filter.provider_type": "CUSTOM", identifier: b.identifier })).body.providers).toEqual([]);
      expect(await ids()).toEqual([a.identifier, b.identifier]);
      expect(em.requests().filter((r) => r.fault === "listLagWrites")).toHaveLength(2);

      await c.update(a.identifier, { ...tavily("Alpha"), description: "v1" });
      await c.update(a.identifier, { ...tavily("Alpha"), description: "v2" });
      em.injectFault({ listLagWrites: 1, method: "GET" });
      expect((await c.list({ "filter.provider_type": "CUSTOM" })).body.providers[0].description).toBe("v1");
      expect((await c.list({ "filter.provider_type": "CUSTOM" })).body.providers[0].description).toBe("v2");
    });

    it("trickleMs: headers at once, then the body a byte at a time, complete", async () => {
      em.injectFault({ trickleMs: 2, method: "GET", pathPrefix: "/api/v1/providers" });
      const r = await rawGet(`${em.url}/api/v1/providers?filter.provider_type=CUSTOM`, c.token);
      expect(r.status).toBe(200);
      expect(JSON.parse(r.text)).toMatchObject({ providers: [], next_page_token: "" });
      expect(r.chunks).toBeGreaterThan(1);
      expect(em.requests()[0]).toMatchObject({ status: 200, fault: "trickle" });
    });

    it.each([
      ["empty", "{}", "application/json"],
      ["nullProviders", '{"providers":null,"next_page_token":""}', "application/json"],
      ["html", "<!DOCTYPE html>", "text/html; charset=utf-8"],
      ["truncated", '{"providers":[{"identifier":"X', "application/json"],
    ] as const)("malformedBody %s: a 200 with a broken body, nothing processed", async (kind, start, contentType) => {
      em.injectFault({ malformedBody: kind });
      const r = await rawGet(`${em.url}/api/v1/providers?filter.provider_type=CUSTOM`, c.token);
      expect(r.status).toBe(200);
      expect(r.text.startsWith(start)).toBe(true);
      expect(r.contentType).toBe(contentType);
      em.injectFault({ malformedBody: kind, method: "POST" });
      expect((await c.create(tavily())).status).toBe(200);
      expect(em.providers()).toEqual([]);
    });

    it.each([429, 503])("the token endpoint answers %i with Retry-After", async (status) => {
      em.injectFault({ status, retryAfterSeconds: 3, pathPrefix: "/oauth/token", count: 2 });
      for (let i = 0; i < 2; i++) {
        const r = await requestToken(em);
        expect(r.status).toBe(status);
        expect(r.headers.get("retry-after")).toBe("3");
      }
      expect((await requestToken(em)).status).toBe(200);
    });

    it("403 PERMISSION_DENIED on a chosen route only", async () => {
      em.injectFault({ status: 403, method: "POST", pathPrefix: "/api/v1/custom-providers", count: 5 });
      expect((await c.list({ "filter.provider_type": "CUSTOM" })).status).toBe(200);
      const r = await c.create(tavily());
      expect(r.status).toBe(403);
      expect(r.body).toMatchObject({ code: 7, message: "permission denied", details: [{ error_code: "PERMISSION_DENIED" }] });
    });

    it("the new faults go through the control route too, and invalid ones are refused", async () => {
      const res = await fetch(`${em.url}/_emulator/faults`, {
        method: "POST",
        body: JSON.stringify({ malformedBody: "html", method: "GET" }),
      });
      expect(res.status).toBe(200);
      expect((await c.list({})).text).toContain("<html>");
      const bad: unknown[] = [
        { trickleMs: 0 },
        { malformedBody: "xml" },
        { listLagWrites: 0 },
        { hangAfterCommit: true, status: 503 },
        { trickleMs: 5, dropAfterCommit: true },
        { malformedBody: "html", listLagWrites: 1 },
      ];
      for (const f of bad) expect(() => em.injectFault(f as never)).toThrow(InvalidFault);
    });
  });
});

describe("request log", () => {
  let em: Emulator;
  beforeAll(async () => {
    em = await withEmulator();
  });
  afterAll(() => em.close());
  beforeEach(() => em.reset());

  it("records API and token calls with raw path, decoded query and status", async () => {
    const c = await client(em);
    const p = (await c.create(tavily())).body.provider;
    await c.list({ "filter.provider_type": "CUSTOM", identifier: p.identifier, page_size: 5 });
    await c.remove(p.identifier);
    await c.remove(p.identifier);
    await fetch(`${em.url}/api/v1/providers`);
    await fetch(`${em.url}/_emulator/requests`);
    const encoded = encodeURIComponent(p.identifier);
    expect(em.requests()).toEqual([
      { seq: 1, method: "POST", path: "/oauth/token", query: {}, status: 200 },
      {
        seq: 2,
        method: "POST",
        path: "/api/v1/custom-providers",
        query: {},
        status: 201,
        // A JSON body's keys, never its values.
        bodyKeys: ["auth_patterns", "description", "display_name", "proxy_enabled", "proxy_url"],
      },
      {
        seq: 3,
        method: "GET",
        path: "/api/v1/providers",
        query: { "filter.provider_type": "CUSTOM", identifier: p.identifier, page_size: "5" },
        status: 200,
      },
      { seq: 4, method: "DELETE", path: `/api/v1/custom-providers/${encoded}`, query: {}, status: 200 },
      { seq: 5, method: "DELETE", path: `/api/v1/custom-providers/${encoded}`, query: {}, status: 404 },
      { seq: 6, method: "GET", path: "/api/v1/providers", query: {}, status: 401 },
    ]);
  });

  it("never holds tokens, secrets or bodies", async () => {
    const c = await client(em);
    await c.create(tavily());
    await fetch(`${em.url}/oauth/token?client_secret=${em.clientSecret}`, { method: "POST" });
    const text = JSON.stringify(em.requests());
    expect(text).not.toContain(em.clientSecret);
    expect(text).not.toContain("api.tavily.com");
    for (const t of em.issuedTokens()) expect(text).not.toContain(t);
    expect(em.requests().at(-1)?.query).toEqual({ client_secret: "[redacted]" });
  });

  it("clearRequests empties the log but keeps counting", async () => {
    await getToken(em);
    em.clearRequests();
    expect(em.requests()).toEqual([]);
    await getToken(em);
    expect(em.requests()).toEqual([expect.objectContaining({ seq: 2 })]);
  });
});

describe("faults with a probability", () => {
  /** Draws that the test scripts: each request's draws come from this list, in order. */
  const draws: number[] = [];
  let em: Emulator;
  beforeAll(async () => {
    em = await withEmulator({ random: () => draws.shift() ?? 0.99 });
  });
  afterAll(() => em.close());
  beforeEach(() => {
    em.reset();
    draws.length = 0;
  });

  it("apply to a matching request when the draw falls below the probability; one passed over may take the next rule", async () => {
    const c = await client(em);
    em.clearRequests();
    em.injectFault({ status: 429, probability: 0.1, count: 100, pathPrefix: "/api" });
    em.injectFault({ status: 503, probability: 0.5, count: 100, pathPrefix: "/api" });
    // Request 1: 429 (0.05 < 0.1). Request 2: the 429 rule passes (0.5), the 503 rule takes it (0.2 < 0.5).
    // Request 3: both pass (0.3, 0.7).
    draws.push(0.05, 0.5, 0.2, 0.3, 0.7);
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await c.list({})).status);
    expect(statuses).toEqual([429, 503, 200]);
    expect(em.requests().map((r) => r.fault)).toEqual(["status", "status", undefined]);
  });

  it("count the requests they applied to, not those they passed over", async () => {
    const c = await client(em);
    em.clearRequests();
    em.injectFault({ status: 503, probability: 0.5, count: 1, method: "GET" });
    draws.push(0.9, 0.9, 0.1, 0.1);
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await c.list({})).status);
    expect(statuses).toEqual([200, 200, 503, 200]);
  });

  it("are accepted over the control route too", async () => {
    const r = await fetch(`${em.url}/_emulator/faults`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ status: 503, probability: 0.25, count: 10, pathPrefix: "/api" }),
    });
    expect(r.status).toBe(200);
    // The rule holds its probability: a draw above it passes over the request, one below takes it.
    const c = await client(em);
    draws.push(0.9, 0.1);
    expect((await c.list({})).status).toBe(200);
    expect((await c.list({})).status).toBe(503);
    const bad = await fetch(`${em.url}/_emulator/faults`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ status: 503, probability: 2 }),
    });
    expect(bad.status).toBe(400);
  });
});
