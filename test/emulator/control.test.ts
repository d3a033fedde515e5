import type { Emulator } from "../../src/emulator";
import { client, tavily, withEmulator } from "../support/emulator-api";

/** The HTTP control routes, as another process (a shell script, the Pulumi CLI tests) would use them. */
describe("/_emulator control routes", () => {
  let em: Emulator;
  beforeAll(async () => {
    em = await withEmulator();
  });
  afterAll(() => em.close());
  beforeEach(() => em.reset());

  async function control(method: string, path: string, body?: unknown): Promise<{ status: number; body: any }> {
    const res = await fetch(`${em.url}/_emulator${path}`, {
      method,
      headers: body === undefined ? {} : { "Content-Type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, body: await res.json() };
  }

  it("seeds and lists providers without auth, and is not logged", async () => {
    const seeded = await control("POST", "/providers", tavily());
    expect(seeded.status).toBe(201);
    expect(seeded.body.provider.identifier).toMatch(/^MYTAVILY:/);
    const listed = await control("GET", "/providers");
    expect(listed).toEqual({ status: 200, body: { providers: [seeded.body.provider] } });
    expect(em.providers()).toEqual([seeded.body.provider]);
    expect((await control("GET", "/requests")).body).toEqual({ requests: [] });
  });

  it("answers API-shaped errors when seeding an invalid or clashing definition", async () => {
    const bad = await control("POST", "/providers", { ...tavily(), display_name: "a-b" });
    expect(bad.status).toBe(400);
    expect(bad.body.details[0].validation_error_info.field_violations[0].field).toBe("display_name");
    await control("POST", "/providers", tavily());
    expect((await control("POST", "/providers", tavily("MyTavily"))).status).toBe(409);
  });

  it("returns and clears the request log", async () => {
    const c = await client(em);
    await c.list({});
    const log = await control("GET", "/requests");
    expect(log.body.requests.map((e: any) => [e.method, e.path, e.status])).toEqual([
      ["POST", "/oauth/token", 200],
      ["GET", "/api/v1/providers", 200],
    ]);
    expect(await control("DELETE", "/requests")).toEqual({ status: 200, body: {} });
    expect(em.requests()).toEqual([]);
  });

  it("injects faults, and refuses invalid ones", async () => {
    expect(await control("POST", "/faults", { status: 503, method: "GET" })).toEqual({ status: 200, body: {} });
    // control routes never take a fault
    expect((await control("GET", "/providers")).status).toBe(200);
    const c = await client(em);
    expect((await c.list({})).status).toBe(503);
    expect((await c.list({})).status).toBe(200);
    const bad = await control("POST", "/faults", { status: 200 });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatch(/status/);
    expect((await control("POST", "/faults", { nonsense: true })).status).toBe(400);
  });

  it("adds and removes connections (identifiers URL-encoded in the path)", async () => {
    const p = (await control("POST", "/providers", tavily())).body.provider;
    const added = await control("POST", "/connections", { identifier: p.identifier });
    expect(added.status).toBe(200);
    expect(added.body).toEqual({ identifier: p.identifier, connection: expect.objectContaining({ provider_key: p.identifier }) });
    const c = await client(em);
    expect((await c.remove(p.identifier)).body.details[0].error_code).toBe("PROVIDER_HAS_EXISTING_CONNECTIONS");
    expect(await control("DELETE", `/connections/${encodeURIComponent(p.identifier)}`)).toEqual({ status: 200, body: {} });
    expect((await c.remove(p.identifier)).status).toBe(200);
    expect((await control("POST", "/connections", { identifier: "NOPE:1" })).status).toBe(404);
    expect((await control("POST", "/connections", {})).status).toBe(400);
  });

  it("lists issued tokens and revokes them", async () => {
    const c = await client(em);
    expect(await control("GET", "/tokens")).toEqual({ status: 200, body: { tokens: [c.token] } });
    expect(await control("POST", "/revoke-tokens")).toEqual({ status: 200, body: {} });
    expect((await c.list({})).status).toBe(401);
  });

  it("resets everything", async () => {
    const p = (await control("POST", "/providers", tavily())).body.provider;
    em.addConnection(p.identifier);
    const c = await client(em);
    await control("POST", "/faults", { status: 503, count: 10 });
    expect(await control("POST", "/reset")).toEqual({ status: 200, body: {} });
    expect(em.providers()).toEqual([]);
    expect(em.issuedTokens()).toEqual([]);
    expect(em.requests()).toEqual([]);
    expect((await c.list({})).status).toBe(401);
    const fresh = await client(em);
    expect((await fresh.list({})).status).toBe(200);
  });

  it("answers 404 / 405 for unknown control routes or methods, and 400 for bad JSON", async () => {
    expect((await control("GET", "/nothing")).status).toBe(404);
    expect((await control("PUT", "/providers")).status).toBe(405);
    const res = await fetch(`${em.url}/_emulator/faults`, { method: "POST", body: "{nope" });
    expect(res.status).toBe(400);
  });
});
