import {
  normalizeEnvironmentUrl,
  redact,
  registerSecret,
  ScalekitApiError,
  ScalekitConfigError,
  ScalekitProtocolError,
} from "../../../src/client";
import { sameEnvironmentUrl } from "../../../src/config";

describe("redaction", () => {
  it("removes registered secrets and bearer tokens from every error message", () => {
    registerSecret("tok_abcdef123456");
    const err = new ScalekitApiError({
      status: 401,
      method: "GET",
      path: "/api/v1/providers",
      body: { message: "token tok_abcdef123456 expired; header was Bearer xyz.789", details: [] },
    });
    expect(err.message).not.toContain("tok_abcdef123456");
    expect(err.message).not.toContain("xyz.789");
    expect(err.serverMessage).not.toContain("tok_abcdef123456");
    expect(err.message).toContain("[REDACTED]");
  });

  it("removes client_secret form values and JSON token fields", () => {
    expect(redact("grant_type=client_credentials&client_secret=s3cr3t&x=1")).not.toContain("s3cr3t");
    expect(redact('{"access_token":"abc","token_type":"Bearer"}')).not.toContain("abc");
  });
});

describe("error bodies are redacted before they are cut to length", () => {
  const SECRET = "cut-secret-7a1f9e3d5b";
  beforeAll(() => registerSecret(SECRET));

  /** Bodies whose cut (at 500, or 200 for a protocol error) falls inside the secret, for each starting offset. */
  const straddling = (cutAt: number) => [3, 8, 15].map((into) => "x".repeat(cutAt - into) + SECRET + " and more");

  it.each([
    ["a text body", (text: string) => text],
    ["a JSON message", (text: string) => ({ message: text, details: [] })],
    ["a JSON body without a message", (text: string) => ({ unexpected: text })],
  ])("%s leaves no part of a registered secret at the cut", (_kind, shape) => {
    for (const text of straddling(500)) {
      const err = new ScalekitApiError({ status: 500, method: "GET", path: "/api/v1/providers", body: shape(text) });
      for (const part of [SECRET.slice(0, 3), SECRET.slice(0, 8), SECRET.slice(0, 15)]) {
        expect(err.message).not.toContain(part);
        expect(err.serverMessage).not.toContain(part);
      }
    }
  });

  it("nor of an unregistered client_secret a pattern finds only whole", () => {
    const body = `${"y".repeat(470)}{"client_secret": "unregistered-value-42"}`;
    const err = new ScalekitApiError({ status: 400, method: "POST", path: "/oauth/token", body });
    expect(err.message).not.toMatch(/unreg/);
  });

  it("a protocol error's excerpt of the answer likewise", () => {
    for (const text of straddling(200)) {
      const err = new ScalekitProtocolError({
        method: "GET",
        path: "/api/v1/providers",
        status: 200,
        reason: "HTML",
        body: text,
      });
      expect(err.message).not.toMatch(/cut-se|cut-secret-7a/);
      expect(err.message).toMatch(/…$/);
    }
  });
});

describe("environment URLs", () => {
  it("requires https except on loopback", () => {
    expect(normalizeEnvironmentUrl("https://acme.scalekit.dev/")).toBe("https://acme.scalekit.dev");
    expect(normalizeEnvironmentUrl("http://127.0.0.1:8787")).toBe("http://127.0.0.1:8787");
    expect(normalizeEnvironmentUrl("http://localhost:1")).toBe("http://localhost:1");
    expect(() => normalizeEnvironmentUrl("http://acme.scalekit.dev")).toThrow(ScalekitConfigError);
    expect(() => normalizeEnvironmentUrl("http://10.0.0.1")).toThrow(/https/);
    expect(() => normalizeEnvironmentUrl("acme")).toThrow(/not a URL/);
  });

  it("drops a fully qualified host name's trailing dot: one environment, one spelling", () => {
    expect(normalizeEnvironmentUrl("https://acme.scalekit.dev.")).toBe("https://acme.scalekit.dev");
    expect(normalizeEnvironmentUrl("https://ACME.scalekit.dev.:8443/")).toBe("https://acme.scalekit.dev:8443");
    expect(normalizeEnvironmentUrl("https://user:pw@acme.scalekit.dev./base/")).toBe("https://acme.scalekit.dev/base");
    expect(normalizeEnvironmentUrl("http://localhost.:8787")).toBe("http://localhost:8787");
    expect(normalizeEnvironmentUrl("http://[::1]:8787/")).toBe("http://[::1]:8787");
    expect(sameEnvironmentUrl("https://acme.scalekit.dev.", "https://acme.scalekit.dev/")).toBe(true);
    expect(sameEnvironmentUrl("https://acme.scalekit.dev", "https://acme.scalekit.com")).toBe(false);
    expect(sameEnvironmentUrl("not a url", "not a url")).toBe(true);
    expect(sameEnvironmentUrl("not a url", "https://acme.scalekit.dev")).toBe(false);
  });
});

describe("redaction of secrets as they appear in JSON and short secrets", () => {
  it("covers a secret JSON-escaped once or twice (quotes, backslashes)", () => {
    const secret = 'q"uote\\back-slash-9f3k';
    registerSecret(secret);
    const once = JSON.stringify({ message: `bad secret ${secret} given` });
    const twice = JSON.stringify({ body: once });
    for (const text of [secret, once, twice, encodeURIComponent(secret)]) {
      const out = redact(text);
      expect(out).toContain("[REDACTED]");
      expect(out).not.toContain("back-slash-9f3k");
      expect(out).not.toContain("uote");
    }
  });

  it("covers JSON credential fields whose value holds escaped quotes, plain or inside an escaped JSON string", () => {
    expect(redact('{"client_secret":"ab\\"cd-unregistered-1"}')).not.toContain("unregistered-1");
    expect(redact(JSON.stringify({ body: '{"access_token":"tok-unregistered-2"}' }))).not.toContain("unregistered-2");
  });

  it("redacts short secrets where they stand alone, without shredding the words that contain them", () => {
    registerSecret("ab");
    registerSecret("z");
    expect(redact("grab a tab: ab, key=ab&x")).toBe("grab a tab: [REDACTED], key=[REDACTED]&x");
    expect(redact('zebra "z"')).toBe('zebra "[REDACTED]"');
  });
});

describe("the token cache", () => {
  // Imported lazily: only this block needs an emulator.
  it("keys on the secret, hashed: a changed secret never reuses a token", async () => {
    const { startEmulator } = await import("../../../src/emulator");
    const { ScalekitAuthError } = await import("../../../src/client");
    const { EnvironmentRegistry } = await import("../../../src/client/environments");
    const { resolveConfig } = await import("../../../src/config");
    const em = await startEmulator();
    try {
      const registry = new EnvironmentRegistry({ clientOptions: { sleep: async () => undefined } });
      const client = (clientSecret: string) =>
        registry.entryFor(
          resolveConfig(undefined, "scalekit", {
            SCALEKIT_ENVIRONMENT_URL: em.url,
            SCALEKIT_CLIENT_ID: em.clientId,
            SCALEKIT_CLIENT_SECRET: clientSecret,
          }),
        ).client;
      await client(em.clientSecret).listProviders();
      await client(em.clientSecret).listProviders();
      await expect(client("rotated-wrong-secret").listProviders()).rejects.toBeInstanceOf(ScalekitAuthError);
      expect(em.requests().filter((r) => r.path === "/oauth/token")).toHaveLength(2);
    } finally {
      await em.close();
    }
  });

  it("holds no secret in its key", async () => {
    const { environmentKey } = await import("../../../src/client/environments");
    const { createHash } = await import("crypto");
    const key = environmentKey({ environmentUrl: "https://a.example", clientId: "id", clientSecret: "cache-key-secret" });
    expect(key).not.toContain("cache-key-secret");
    expect(key).toContain(createHash("sha256").update("cache-key-secret").digest("hex"));
  });
});
