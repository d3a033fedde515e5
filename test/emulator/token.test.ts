import type { Emulator } from "../../src/emulator";
import { client, getToken, requestToken, sleep, withEmulator } from "../support/emulator-api";

describe("POST /oauth/token", () => {
  let em: Emulator;
  beforeAll(async () => {
    em = await withEmulator();
  });
  afterAll(() => em.close());
  beforeEach(() => em.reset());

  it("issues an opaque bearer token for the right client credentials", async () => {
    const r = await requestToken(em);
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ access_token: expect.any(String), token_type: "Bearer", expires_in: 86399, scope: "openid" });
    expect(r.body.access_token.length).toBeGreaterThan(20);
    expect(r.headers.get("cache-control")).toBe("no-store");
    expect(em.issuedTokens()).toEqual([r.body.access_token]);
    const second = await getToken(em);
    expect(second).not.toBe(r.body.access_token);
  });

  it("uses the documented default credentials", () => {
    expect(em.clientId).toBe("skc_emulator");
    expect(em.clientSecret).toBe("skc_emulator_secret");
  });

  it("refuses a wrong secret or an unknown client with 401 invalid_client", async () => {
    const forms: Array<Record<string, string>> = [
      { grant_type: "client_credentials", client_id: em.clientId, client_secret: "wrong" },
      { grant_type: "client_credentials", client_id: "someone", client_secret: em.clientSecret },
      { grant_type: "client_credentials" },
    ];
    for (const form of forms) {
      const r = await requestToken(em, form);
      expect(r.status).toBe(401);
      expect(r.body.error).toBe("invalid_client");
      expect(typeof r.body.error_description).toBe("string");
    }
    expect(em.issuedTokens()).toEqual([]);
  });

  it("refuses a missing or other grant_type with 400 unsupported_grant_type", async () => {
    const forms: Array<Record<string, string>> = [
      { client_id: em.clientId, client_secret: em.clientSecret },
      { grant_type: "password", client_id: em.clientId, client_secret: em.clientSecret },
    ];
    for (const form of forms) {
      const r = await requestToken(em, form);
      expect(r.status).toBe(400);
      expect(r.body.error).toBe("unsupported_grant_type");
    }
  });

  it("needs a form body: JSON is refused", async () => {
    const res = await fetch(`${em.url}/oauth/token`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ grant_type: "client_credentials", client_id: em.clientId, client_secret: em.clientSecret }),
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: string }).error).toBe("invalid_request");
  });

  it("only answers POST", async () => {
    const res = await fetch(`${em.url}/oauth/token`);
    expect(res.status).toBe(501);
    expect(await res.json()).toEqual({ code: 12, message: "Method Not Allowed", details: [] });
  });

  it("honours configured credentials", async () => {
    const other = await withEmulator({ clientId: "skc_1", clientSecret: "s3cret" });
    try {
      expect(
        (await requestToken(other, { grant_type: "client_credentials", client_id: "skc_1", client_secret: "s3cret" })).status,
      ).toBe(200);
      expect(
        (
          await requestToken(other, {
            grant_type: "client_credentials",
            client_id: "skc_emulator",
            client_secret: "skc_emulator_secret",
          })
        ).status,
      ).toBe(401);
    } finally {
      await other.close();
    }
  });
});

describe("API authentication", () => {
  let em: Emulator;
  beforeAll(async () => {
    em = await withEmulator({ tokenTtlSeconds: 1 });
  });
  afterAll(() => em.close());
  beforeEach(() => em.reset());

  const unauthenticated = (body: unknown) =>
    expect(body).toEqual({
      code: 16,
      message: expect.any(String),
      details: [{ "@type": "type.googleapis.com/scalekit.v1.errdetails.ErrorInfo", error_code: "UNAUTHENTICATED" }],
    });

  it("needs a bearer token on every /api/v1 route", async () => {
    const routes: Array<[string, string]> = [
      ["GET", "/api/v1/providers?filter.provider_type=CUSTOM"],
      ["POST", "/api/v1/custom-providers"],
      ["PUT", "/api/v1/custom-providers/X%3A1"],
      ["DELETE", "/api/v1/custom-providers/X%3A1"],
    ];
    for (const [method, path] of routes) {
      for (const auth of [undefined, "Bearer nope", "Basic abc", "Bearer"]) {
        const res = await fetch(`${em.url}${path}`, { method, headers: auth ? { Authorization: auth } : {} });
        expect(res.status).toBe(401);
        unauthenticated(await res.json());
      }
    }
  });

  it("accepts a fresh token and refuses it once expired", async () => {
    const c = await client(em);
    const token = await requestToken(em);
    expect(token.body.expires_in).toBe(1);
    expect((await c.list({ "filter.provider_type": "CUSTOM" })).status).toBe(200);
    await sleep(1100);
    const r = await c.list({ "filter.provider_type": "CUSTOM" });
    expect(r.status).toBe(401);
    unauthenticated(r.body);
    // a new token works again
    expect((await (await client(em)).list({ "filter.provider_type": "CUSTOM" })).status).toBe(200);
  });

  it("refuses revoked tokens", async () => {
    const c = await client(em);
    expect((await c.list({})).status).toBe(200);
    em.revokeTokens();
    expect((await c.list({})).status).toBe(401);
    expect(em.issuedTokens()).toContain(c.token);
    expect((await (await client(em)).list({})).status).toBe(200);
  });
});
