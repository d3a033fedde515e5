import { CLIENT_SETTINGS } from "../config/keys";
import { REQUEST_OUTCOMES } from "../errors/outcome";

/**
 * When to try a request again, as data (after ky): only idempotent methods are retried on an
 * ambiguous failure; a POST is retried only when the server provably did not act on it (429, or
 * the connection was never made). Retry-After is honoured with jitter, however long, when it fits
 * the operation's deadline (operation.ts); one that does not fit fails the call at once, naming it.
 * One layer owns retries: `limit` is shared by every request of one operation (pages, token, look-ups).
 *
 * Throttling is not a failure of the operation: a 429 proves the server did nothing, and a run that
 * gave up on it would leave the environment half-changed. So a throttled answer (`throttledStatusCodes`)
 * is not charged to `limit`; it is retried until the operation's deadline, each wait at least the
 * exponential backoff of the throttles so far (never a tight loop, even on `Retry-After: 0`).
 */
export interface RetryPolicy {
  /** Retries per operation after the first attempt, for every failure except throttling. */
  limit: number;
  methods: string[];
  statusCodes: number[];
  afterStatusCodes: number[];
  /** Throttled answers: retried until the operation's deadline, not charged to `limit`. */
  throttledStatusCodes: number[];
  /** Errors where the request may have been applied: retried only for idempotent methods. */
  networkErrorCodes: string[];
  /** Errors where the request never reached the server: safe to retry for every method. */
  notSentErrorCodes: string[];
  /** Statuses that prove the server did not act: safe to retry for every method. */
  notActedStatusCodes: number[];
  backoffBaseMs: number;
  backoffMaxMs: number;
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
  throttledStatusCodes: [429],
  networkErrorCodes: [...REQUEST_OUTCOMES.mayHaveBeenAppliedNetworkCodes],
  notSentErrorCodes: [...REQUEST_OUTCOMES.notSentNetworkCodes],
  notActedStatusCodes: [...REQUEST_OUTCOMES.notActedStatuses],
  backoffBaseMs: 300,
  backoffMaxMs: 8_000,
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

/** What one operation has spent so far: retries charged to the policy's `limit`, and throttled answers. */
export interface RetryTally {
  retries: number;
  throttles: number;
}

/** The next try: how long to wait first, and whether the failure was throttling (not charged to `limit`). */
export interface RetryStep {
  delayMs: number;
  throttled: boolean;
}

/** The wait before the next try, or undefined when this failure must not be retried. */
export function retryDelay(
  attempt: Attempt,
  tally: RetryTally,
  policy: RetryPolicy,
  random: () => number = Math.random,
): RetryStep | undefined {
  const idempotent = attempt.safe === true || policy.methods.includes(attempt.method.toUpperCase());
  if (attempt.kind === "network") {
    if (tally.retries >= policy.limit) return undefined;
    const notSent = policy.notSentErrorCodes.includes(attempt.code);
    const ambiguous = policy.networkErrorCodes.includes(attempt.code);
    if (!notSent && !(ambiguous && idempotent)) return undefined;
    return { delayMs: backoff(tally.retries, policy, random), throttled: false };
  }
  if (!policy.statusCodes.includes(attempt.status)) return undefined;
  if (!idempotent && !policy.notActedStatusCodes.includes(attempt.status)) return undefined;
  const throttled = policy.throttledStatusCodes.includes(attempt.status);
  if (!throttled && tally.retries >= policy.limit) return undefined;
  const exponential = backoff(throttled ? tally.throttles : tally.retries, policy, random);
  if (attempt.retryAfterMs === undefined || !policy.afterStatusCodes.includes(attempt.status)) {
    return { delayMs: exponential, throttled };
  }
  const spread = Math.max(attempt.retryAfterMs * policy.retryAfterJitter, policy.backoffBaseMs);
  const asked = Math.round(attempt.retryAfterMs + random() * spread);
  // A server repeating "Retry-After: 0" still gets a growing pause.
  const floor = throttled ? backoff(tally.throttles, policy, () => 0) : 0;
  return { delayMs: Math.max(asked, floor), throttled };
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
