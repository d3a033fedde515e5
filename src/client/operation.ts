import { ScalekitDeadlineError } from "../errors";
import { Logger } from "./logger";
import { Attempt, backoff, retryDelay, RetryPolicy } from "./retry-policy";

/** What a Retry-After wait leaves of the deadline for the request it delays (at most the request timeout). */
export const RETRY_RESERVE_MS = 5_000;

export interface OperationSettings {
  policy: RetryPolicy;
  logger: Logger;
  sleep: (ms: number) => Promise<void>;
  now: () => number;
  random: () => number;
  requestTimeoutMs: number;
  operationTimeoutMs: number;
}

/**
 * One client operation (a listing, a create with its look-ups, an update, a delete): the single owner
 * of retries and of time. Every request of the operation draws on one retry budget and one deadline,
 * so nested steps (token fetch, pages, look-ups) can never multiply attempts or waits. Throttled
 * answers are counted apart: they only lengthen the waits, and the deadline bounds them.
 */
export class Operation {
  private retries = 0;
  private throttles = 0;
  private lastError: unknown;
  private readonly startedAt: number;

  constructor(
    readonly label: string,
    private readonly settings: OperationSettings,
  ) {
    this.startedAt = settings.now();
  }

  get policy(): RetryPolicy {
    return this.settings.policy;
  }

  remainingMs(): number {
    return this.startedAt + this.settings.operationTimeoutMs - this.settings.now();
  }

  /** The wall-clock budget of the next HTTP exchange; throws once the deadline has passed. */
  requestBudgetMs(): number {
    const left = this.remainingMs();
    if (left <= 0) {
      throw new ScalekitDeadlineError({
        operation: this.label,
        deadlineMs: this.settings.operationTimeoutMs,
        detail: "the operation's deadline passed",
        lastError: this.lastError,
      });
    }
    return Math.min(this.settings.requestTimeoutMs, left);
  }

  /**
   * Wait before trying again after `err`, if the policy allows another retry; otherwise rethrow `err`.
   * `attempt` is undefined for failures that are never retried.
   */
  async retryAfter(err: unknown, attempt: Attempt | undefined, what: string): Promise<void> {
    this.lastError = err;
    const tally = { retries: this.retries, throttles: this.throttles };
    const step = attempt && retryDelay(attempt, tally, this.policy, this.settings.random);
    if (step === undefined) throw err;
    const asked =
      attempt?.kind === "status" && attempt.retryAfterMs !== undefined && this.policy.afterStatusCodes.includes(attempt.status)
        ? attempt.retryAfterMs
        : undefined;
    let delayMs = step.delayMs;
    if (asked !== undefined) {
      // Honoured however long, when it leaves time to send the request again before the deadline;
      // otherwise the error names it (a wait that ends at the deadline only postpones the failure).
      const left = this.remainingMs();
      const reserve = Math.min(this.settings.requestTimeoutMs, RETRY_RESERVE_MS);
      if (asked + reserve > left) {
        throw new ScalekitDeadlineError({
          operation: this.label,
          deadlineMs: this.settings.operationTimeoutMs,
          detail:
            `Scalekit asked (Retry-After) to wait ${seconds(asked)} s, longer than this operation can wait: ` +
            `${seconds(Math.max(left, 0))} s left, of which ${seconds(reserve)} s are kept to send the request again`,
          lastError: err,
        });
      }
      // The jitter on top never makes a wait that fits eat the time kept for the request.
      delayMs = Math.max(asked, Math.min(delayMs, left - reserve));
    }
    if (step.throttled) this.throttles++;
    else this.retries++;
    await this.wait(
      delayMs,
      step.throttled ? `${what}; throttled ${this.throttles} time(s)` : `${what}; retry ${this.retries}/${this.policy.limit}`,
      asked !== undefined ? "Scalekit asked (Retry-After) to wait" : "the next retry would wait",
    );
  }

  /** Spend a retry of this operation on something other than resending the same request (a look-up). */
  async backOff(err: unknown, what: string): Promise<void> {
    this.lastError = err;
    if (this.retries >= this.policy.limit) throw err;
    const delay = backoff(this.retries, this.policy, this.settings.random);
    this.retries++;
    await this.wait(delay, `${what}; retry ${this.retries}/${this.policy.limit}`);
  }

  /** The exponential backoff after `n` tries, with this operation's source of jitter. */
  backoffDelay(n: number): number {
    return backoff(n, this.policy, this.settings.random);
  }

  /** Aborts when the operation's deadline passes: a wait for a request slot gives up then. */
  slotSignal(): AbortSignal {
    return AbortSignal.timeout(Math.max(this.remainingMs(), 0));
  }

  /** Sleep `ms`, unless that would outlast the deadline: then fail at once with the last failure. */
  async wait(ms: number, why: string, waitKind = "the next attempt would wait"): Promise<void> {
    const left = this.remainingMs();
    if (ms >= left) {
      throw new ScalekitDeadlineError({
        operation: this.label,
        deadlineMs: this.settings.operationTimeoutMs,
        detail: `${waitKind} ${seconds(ms)} s, longer than the ${seconds(Math.max(left, 0))} s left`,
        lastError: this.lastError,
      });
    }
    this.settings.logger.debug(`${this.label}: ${why} in ${ms} ms`);
    await this.settings.sleep(ms);
  }

  /** Remember a failure that a later deadline error should report. */
  noteFailure(err: unknown): void {
    this.lastError = err;
  }
}

function seconds(ms: number): string {
  return (Math.round(ms / 100) / 10).toString();
}
