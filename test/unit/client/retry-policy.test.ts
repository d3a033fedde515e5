import { backoff, DEFAULT_RETRY_POLICY as P, parseRetryAfter, retryDelay } from "../../../src/client";

const fixed = () => 0.5;

describe("retryDelay", () => {
  it.each([
    ["GET", 429, true],
    ["GET", 502, true],
    ["GET", 503, true],
    ["GET", 504, true],
    ["PUT", 503, true],
    ["DELETE", 504, true],
    ["GET", 500, false],
    ["GET", 400, false],
    ["GET", 404, false],
    ["POST", 429, true],
    ["POST", 503, false],
    ["POST", 502, false],
  ])("%s answered %i: retried=%s", (method, status, retried) => {
    expect(retryDelay({ kind: "status", method, status }, 0, P, fixed) !== undefined).toBe(retried);
  });

  it.each([
    ["GET", "ECONNRESET", true],
    ["PUT", "ETIMEDOUT", true],
    ["POST", "ECONNRESET", false],
    ["POST", "ECONNABORTED", false],
    ["POST", "ECONNREFUSED", true],
    ["GET", "EWHATEVER", false],
  ])("%s failing with %s: retried=%s", (method, code, retried) => {
    expect(retryDelay({ kind: "network", method, code }, 0, P, fixed) !== undefined).toBe(retried);
  });

  it("stops at the limit", () => {
    expect(retryDelay({ kind: "status", method: "GET", status: 503 }, P.limit, P)).toBeUndefined();
  });

  it("honours Retry-After on 429 and 503 with jitter, and does not wait longer than the cap", () => {
    expect(retryDelay({ kind: "status", method: "GET", status: 429, retryAfterMs: 3000 }, 0, P, () => 0)).toBe(3000);
    expect(retryDelay({ kind: "status", method: "GET", status: 429, retryAfterMs: 3000 }, 0, P, () => 1)).toBe(3600);
    expect(retryDelay({ kind: "status", method: "GET", status: 429, retryAfterMs: 0 }, 0, P, () => 1)).toBe(P.backoffBaseMs);
    expect(retryDelay({ kind: "status", method: "GET", status: 503, retryAfterMs: P.retryAfterMaxMs + 1 }, 0, P)).toBeUndefined();
  });

  it("repeats a request marked safe (the token request before an API call) whatever its method", () => {
    expect(retryDelay({ kind: "status", method: "POST", status: 503, safe: true }, 0, P, fixed)).toBeDefined();
    expect(retryDelay({ kind: "network", method: "POST", code: "ECONNRESET", safe: true }, 0, P, fixed)).toBeDefined();
    expect(retryDelay({ kind: "network", method: "POST", code: "ECONNRESET" }, 0, P, fixed)).toBeUndefined();
  });

  it("backs off exponentially, bounded, with jitter", () => {
    const lows = [0, 1, 2, 3, 10].map((n) => backoff(n, P, () => 0));
    const highs = [0, 1, 2, 3, 10].map((n) => backoff(n, P, () => 1));
    expect(lows).toEqual([150, 300, 600, 1200, 4000]);
    expect(highs).toEqual([300, 600, 1200, 2400, 8000]);
  });
});

describe("parseRetryAfter", () => {
  it("reads seconds and HTTP dates", () => {
    expect(parseRetryAfter("2")).toBe(2000);
    const now = Date.parse("2026-01-01T00:00:00Z");
    expect(parseRetryAfter("Thu, 01 Jan 2026 00:00:05 GMT", now)).toBe(5000);
    expect(parseRetryAfter("garbage")).toBeUndefined();
    expect(parseRetryAfter(undefined)).toBeUndefined();
  });
});
