import { CLIENT_SETTINGS } from "../config/keys";
import { REQUEST_OUTCOMES } from "../errors/outcome";

/**
 * When to try a request again, as data (after ky): only idempotent methods are retried on an
 * ambiguous failure; a POST is retried only when the server provably did not act on it (429, or
 * the connection was never made). Retry-After is honoured with jitter; a longer wait than
 * `retryAfterMaxMs` (or than the operation has left) is not waited for: the call fails at once.
 * One layer owns retries: `limit` is shared by every request of one operation (pages, token, look-ups).
 */
export interface RetryPolicy {
  /** Retries per operation, after the first attempt. */
  limit: number;
  methods: string[];
  statusCodes: number[];
  afterStatusCodes: number[];
  /** Errors where the request may have been applied: retried only for idempotent methods. */
  networkErrorCodes: string[];
  /** Errors where the request never reached the server: safe to retry for every method. */
  notSentErrorCodes: string[];
  /** Statuses that prove the server did not act: safe to retry for every method. */
  notActedStatusCodes: number[];
  backoffBaseMs: number;
  backoffMaxMs: number;
  retryAfterMaxMs: number;
  /** Retry-After waits get up to this fraction more, at random (and at least up to `backoffBaseMs`). */
  retryAfterJitter: number;
  /**
   * After a create whose outcome was unknown is answered 409 on resend, the name is looked up this many
   * times (with backoff) before giving up: the list may lag behind the committed create.
   */
  conflictLookups: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  limit: CLIENT_SETTINGS.maxRetries.default,
  methods: ["GET", "PUT", "DELETE", "HEAD", "OPTIONS"],
  statusCodes: [429, 502, 503, 504],
  afterStatusCodes: [429, 503],
  networkErrorCodes: [...REQUEST_OUTCOMES.mayHaveBeenAppliedNetworkCodes],
  notSentErrorCodes: [...REQUEST_OUTCOMES.notSentNetworkCodes],
  notActedStatusCodes: [...REQUEST_OUTCOMES.notActedStatuses],
  backoffBaseMs: 300,
  backoffMaxMs: 8_000,
  retryAfterMaxMs: 60_000,
  retryAfterJitter: 0.2,
  conflictLookups: 3,
};

/**
 * A failed try. `safe` marks a request that provably changed nothing whatever its method (e.g. the
 * token request that precedes an API call), so it may be repeated like an idempotent one.
 */
export type Attempt =
  | { kind: "status"; method: string; status: number; retryAfterMs?: number; safe?: boolean }
  | { kind: "network"; method: string; code: string; safe?: boolean };

/** Milliseconds to wait before the next try, or undefined when this failure must not be retried. */
export function retryDelay(
  attempt: Attempt,
  retriesSoFar: number,
  policy: RetryPolicy,
  random: () => number = Math.random,
): number | undefined {
  if (retriesSoFar >= policy.limit) return undefined;
  const idempotent = attempt.safe === true || policy.methods.includes(attempt.method.toUpperCase());
  if (attempt.kind === "status") {
    if (!policy.statusCodes.includes(attempt.status)) return undefined;
    if (!idempotent && !policy.notActedStatusCodes.includes(attempt.status)) return undefined;
    if (attempt.retryAfterMs !== undefined && policy.afterStatusCodes.includes(attempt.status)) {
      if (attempt.retryAfterMs > policy.retryAfterMaxMs) return undefined;
      const spread = Math.max(attempt.retryAfterMs * policy.retryAfterJitter, policy.backoffBaseMs);
      return Math.round(attempt.retryAfterMs + random() * spread);
    }
  } else {
    const notSent = policy.notSentErrorCodes.includes(attempt.code);
    const ambiguous = policy.networkErrorCodes.includes(attempt.code);
    if (!notSent && !(ambiguous && idempotent)) return undefined;
  }
  return backoff(retriesSoFar, policy, random);
}

/** Exponential backoff with equal jitter: half the ceiling, plus up to the other half at random. */
export function backoff(retriesSoFar: number, policy: RetryPolicy, random: () => number = Math.random): number {
  const ceiling = Math.min(policy.backoffMaxMs, policy.backoffBaseMs * 2 ** retriesSoFar);
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

/** Retry-After as delta-seconds or an HTTP date. */
export function parseRetryAfter(header: unknown, now: number = Date.now()): number | undefined {
  if (typeof header !== "string" || header.trim() === "") return undefined;
  const value = header.trim();
  if (/^\d+(\.\d+)?$/.test(value)) return Math.round(Number(value) * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
