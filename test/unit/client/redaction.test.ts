import { normalizeEnvironmentUrl, redact, registerSecret, ScalekitApiError, ScalekitConfigError } from "../../../src/client";

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

describe("environment URLs", () => {
  it("requires https except on loopback", () => {
    expect(normalizeEnvironmentUrl("https://acme.scalekit.dev/")).toBe("https://acme.scalekit.dev");
    expect(normalizeEnvironmentUrl("http://127.0.0.1:8787")).toBe("http://127.0.0.1:8787");
    expect(normalizeEnvironmentUrl("http://localhost:1")).toBe("http://localhost:1");
    expect(() => normalizeEnvironmentUrl("http://acme.scalekit.dev")).toThrow(ScalekitConfigError);
    expect(() => normalizeEnvironmentUrl("http://10.0.0.1")).toThrow(/https/);
    expect(() => normalizeEnvironmentUrl("acme")).toThrow(/not a URL/);
  });
});
