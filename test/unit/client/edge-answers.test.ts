import { proxyFor } from "../../../src/client/proxy";
import { attemptOf } from "../../../src/client/send";
import { Operation, RETRY_RESERVE_MS } from "../../../src/client/operation";
import { DEFAULT_RETRY_POLICY } from "../../../src/client/retry-policy";
import { silentLogger } from "../../../src/client/logger";
import { resolveConfig, resolveClientSettings } from "../../../src/config";
import {
  normalizeEnvironmentUrl,
  redact,
  ScalekitApiError,
  ScalekitConfigError,
  ScalekitDeadlineError,
  ScalekitProxyError,
} from "../../../src/client";

/**
 * Corners found by reading the change again: answers and settings that must never crash the client,
 * name the wrong cause, or show a credential.
 */
describe("answers and settings at their corners", () => {
  it("an error body whose field violations are malformed still gives the server's message, not a TypeError", () => {
    const err = new ScalekitApiError({
      status: 400,
      method: "POST",
      path: "/api/v1/custom-providers",
      body: {
        message: "invalid",
        details: [
          { error_code: "X", validation_error_info: { field_violations: [{ field: "display_name" }, null, { nope: 1 }] } },
        ],
      },
    });
    expect(err.serverMessage).toBe("invalid");
    expect(err.fieldViolations).toEqual([{ field: "display_name", description: "" }]);
  });

  it("a Retry-After beyond 60 s is waited when it fits the operation's deadline; one that does not is an error naming it", async () => {
    let clock = 0;
    const slept: number[] = [];
    const op = new Operation("list providers", {
      policy: DEFAULT_RETRY_POLICY,
      logger: silentLogger,
      sleep: async (ms) => {
        slept.push(ms);
        clock += ms;
      },
      now: () => clock,
      random: () => 0.5,
      requestTimeoutMs: 20_000,
      operationTimeoutMs: 300_000,
    });
    const throttled = (retryAfterMs: number) =>
      new ScalekitApiError({ status: 429, method: "GET", path: "/api/v1/providers", body: {}, retryAfterMs });
    // 90 s asked, 300 s left: waited, with its jitter (10 % of it here).
    await op.retryAfter(throttled(90_000), attemptOf(throttled(90_000), "GET"), "GET /api/v1/providers");
    expect(slept).toEqual([99_000]);
    // 200 s asked, 201 s left: refused, since the request could not be sent again in the 1 s after it.
    const tooLate = throttled(200_000);
    const late = await op.retryAfter(tooLate, attemptOf(tooLate, "GET"), "GET /api/v1/providers").catch((e) => e);
    expect(late).toBeInstanceOf(ScalekitDeadlineError);
    expect(late.message).toMatch(/to wait 200 s, longer than this operation can wait: 201 s left, of which 5 s are kept/);
    expect(slept).toHaveLength(1);
    // 190 s asked: waited, the jitter cut so that the wait ends 5 s (RETRY_RESERVE_MS) before the deadline.
    await op.retryAfter(throttled(190_000), attemptOf(throttled(190_000), "GET"), "GET /api/v1/providers");
    expect(slept[1]).toBeGreaterThanOrEqual(190_000);
    expect(clock).toBe(300_000 - RETRY_RESERVE_MS);
    // 120 s asked, less left: the error names the Retry-After, the time left and the deadline setting.
    const last = throttled(120_000);
    const err = await op.retryAfter(last, attemptOf(last, "GET"), "GET /api/v1/providers").catch((e) => e);
    expect(err).toBeInstanceOf(ScalekitDeadlineError);
    expect(err.message).toMatch(/Scalekit asked \(Retry-After\) to wait 120 s, longer than this operation can wait: 5 s left/);
    expect(err.message).toMatch(/operationTimeout/);
    expect(err.cause).toBe(last);
    expect(slept).toHaveLength(2);
  });

  it("a proxy's own 502 to CONNECT is retried (nothing reached Scalekit); its 407 is not", () => {
    const proxyError = (status: number) =>
      new ScalekitProxyError({ status, proxy: "proxy.example:3128", method: "POST", path: "/api/v1/custom-providers" });
    expect(attemptOf(proxyError(502), "POST")).toEqual({ kind: "status", method: "POST", status: 502, safe: true });
    expect(attemptOf(proxyError(407), "POST")).toBeUndefined();
  });

  it("a proxy password that is not valid percent-encoding is a config error that hides it", () => {
    const err = (() => {
      try {
        proxyFor("https://acme.scalekit.dev", { HTTPS_PROXY: "http://user:pa%zzss@proxy.example:3128" });
      } catch (e) {
        return e as Error;
      }
    })();
    expect(err).toBeInstanceOf(ScalekitConfigError);
    expect(err!.message).not.toContain("pa%zzss");
  });

  it("an environment URL with a password is never echoed with it", () => {
    const err = (() => {
      try {
        normalizeEnvironmentUrl("http://user:hunter2secret@acme.example.com");
      } catch (e) {
        return e as Error;
      }
    })();
    expect(err).toBeInstanceOf(ScalekitConfigError);
    expect(err!.message).not.toContain("hunter2secret");
    expect(err!.message).toContain("must use https://");
  });

  it("previousEnvironmentUrl is read from the stack config even when the credentials come from SCALEKIT_*", () => {
    const env = {
      SCALEKIT_ENVIRONMENT_URL: "https://new.example.com",
      SCALEKIT_CLIENT_ID: "id",
      SCALEKIT_CLIENT_SECRET: "s3cret-value",
    };
    const config = { get: (k: string) => ({ "scalekit:previousEnvironmentUrl": "https://old.example.com" })[k] };
    const resolved = resolveConfig(config, "scalekit", env);
    expect(resolved.previousEnvironmentUrl()).toBe("https://old.example.com");
    expect(resolved.describe("environmentUrl")).toBe("SCALEKIT_ENVIRONMENT_URL");
  });

  it("a timeout pair that cannot work names the settings as they were set", () => {
    expect(() =>
      resolveClientSettings(undefined, "scalekit", { SCALEKIT_OPERATION_TIMEOUT: "5", SCALEKIT_REQUEST_TIMEOUT: "10" }),
    ).toThrow(/SCALEKIT_OPERATION_TIMEOUT \(5 s\) is shorter than SCALEKIT_REQUEST_TIMEOUT \(10 s\)/);
  });

  it("a plain word after BEARER is not taken for a token", () => {
    expect(redact("the auth type changes from BEARER to API_KEY")).toBe("the auth type changes from BEARER to API_KEY");
    expect(redact("Authorization: Bearer abc.123")).toBe("Authorization: Bearer [REDACTED]");
  });
});
