import { backoff, DEFAULT_RETRY_POLICY as P, parseRetryAfter, retryDelay } from "../../../src/client";

const fixed = () => 0.5;
/** Nothing spent yet. */
const fresh = { retries: 0, throttles: 0 };

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
    expect(retryDelay({ kind: "status", method, status }, fresh, P, fixed) !== undefined).toBe(retried);
  });

  it.each([
    ["GET", "ECONNRESET", true],
    ["PUT", "ETIMEDOUT", true],
    ["POST", "ECONNRESET", false],
    ["POST", "ECONNABORTED", false],
    ["POST", "ECONNREFUSED", true],
    ["GET", "EWHATEVER", false],
  ])("%s failing with %s: retried=%s", (method, code, retried) => {
    expect(retryDelay({ kind: "network", method, code }, fresh, P, fixed) !== undefined).toBe(retried);
  });

  it("stops at the limit for every failure but throttling", () => {
    const spent = { retries: P.limit, throttles: 0 };
    expect(retryDelay({ kind: "status", method: "GET", status: 503 }, spent, P)).toBeUndefined();
    expect(retryDelay({ kind: "network", method: "GET", code: "ECONNRESET" }, spent, P)).toBeUndefined();
    expect(retryDelay({ kind: "status", method: "DELETE", status: 429 }, spent, P, fixed)).toEqual({
      delayMs: 225,
      throttled: true,
    });
  });

  it("charges a 503 to the limit and a 429 not (the operation's deadline bounds throttling)", () => {
    expect(retryDelay({ kind: "status", method: "GET", status: 503 }, fresh, P, fixed)?.throttled).toBe(false);
    expect(retryDelay({ kind: "status", method: "POST", status: 429 }, fresh, P, fixed)?.throttled).toBe(true);
    const longThrottled = { retries: P.limit, throttles: 1_000 };
    expect(retryDelay({ kind: "status", method: "GET", status: 429 }, longThrottled, P, fixed)).toEqual({
      delayMs: 0.75 * P.backoffMaxMs,
      throttled: true,
    });
  });

  it("backs a 429 without Retry-After off exponentially by the throttles so far, capped", () => {
    const waits = [0, 1, 2, 3, 4, 5, 10].map(
      (throttles) => retryDelay({ kind: "status", method: "GET", status: 429 }, { retries: 0, throttles }, P, () => 1)?.delayMs,
    );
    expect(waits).toEqual([300, 600, 1200, 2400, 4800, 8000, 8000]);
  });

  it("honours Retry-After on 429 and 503 with jitter, however long (the operation's deadline bounds it)", () => {
    const wait = (status: number, retryAfterMs: number, random: () => number, throttles = 0) =>
      retryDelay({ kind: "status", method: "GET", status, retryAfterMs }, { retries: 0, throttles }, P, random)?.delayMs;
    expect(wait(429, 3000, () => 0)).toBe(3000);
    expect(wait(429, 3000, () => 1)).toBe(3600);
    expect(wait(503, 3000, () => 1)).toBe(3600);
    expect(wait(429, 0, () => 1)).toBe(P.backoffBaseMs);
    expect(wait(429, 61_000, () => 0)).toBe(61_000);
    expect(wait(503, 300_000, () => 1)).toBe(360_000);
  });

  it("never loops tightly: a repeated 'Retry-After: 0' still waits the growing backoff's lower half", () => {
    const waits = [0, 1, 2, 3].map(
      (throttles) =>
        retryDelay({ kind: "status", method: "GET", status: 429, retryAfterMs: 0 }, { retries: 0, throttles }, P, () => 0)
          ?.delayMs,
    );
    expect(waits).toEqual([150, 300, 600, 1200]);
    // A longer Retry-After than the floor is what is waited.
    expect(
      retryDelay({ kind: "status", method: "GET", status: 429, retryAfterMs: 5000 }, { retries: 0, throttles: 3 }, P, () => 0)
        ?.delayMs,
    ).toBe(5000);
  });

  it("repeats a request marked safe (the token request before an API call) whatever its method", () => {
    expect(retryDelay({ kind: "status", method: "POST", status: 503, safe: true }, fresh, P, fixed)).toBeDefined();
    expect(retryDelay({ kind: "network", method: "POST", code: "ECONNRESET", safe: true }, fresh, P, fixed)).toBeDefined();
    expect(retryDelay({ kind: "network", method: "POST", code: "ECONNRESET" }, fresh, P, fixed)).toBeUndefined();
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
