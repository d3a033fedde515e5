import { request } from "http";
import { InvalidFault, type Emulator } from "../../src/emulator";
import { client, requestToken, sleep, tavily, withEmulator, type Client } from "./helpers";

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

describe("faults for a hostile day", () => {
  let em: Emulator;
  let c: Client;
  beforeAll(async () => {
    em = await withEmulator();
  });
  afterAll(() => em.close());
  beforeEach(async () => {
    em.reset();
    c = await client(em);
    em.clearRequests();
  });

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
