import { isRateLimited, ScalekitSlotWaitError } from "../errors";
import {
  AdaptiveCapRule,
  afterAnswer,
  afterThrottle,
  CapState,
  DEFAULT_ADAPTIVE_CAP_RULE,
  initialCap,
  withCeiling,
} from "./adaptive-cap";

interface Waiter {
  grant: () => void;
}

/** A held slot: its release, and the cap's epoch when it was granted (adaptive-cap.ts). */
interface Slot {
  release: () => void;
  epoch: number;
}

/**
 * A counting semaphore whose cap adapts (adaptive-cap.ts): at most `max` holders at once, the others
 * wait in arrival order. `run` reports each task's outcome to the cap: a throttled answer lowers it,
 * an unthrottled one while the cap is in full use raises it, never above the ceiling. A waiter whose
 * signal aborts (its operation's deadline) leaves the queue and fails without being granted, so time
 * spent waiting counts against the same deadline as the request itself.
 */
export class Limiter {
  private active = 0;
  private readonly queue: Waiter[] = [];
  private state: CapState;

  constructor(
    ceiling: number,
    private readonly rule: AdaptiveCapRule = DEFAULT_ADAPTIVE_CAP_RULE,
  ) {
    checkCap(ceiling);
    this.state = initialCap(ceiling, rule);
  }

  /** The cap now. */
  get max(): number {
    return this.state.cap;
  }

  /** The most the cap may rise to (the configured maxConcurrentRequests). */
  get ceiling(): number {
    return this.state.ceiling;
  }

  /** Lowers the ceiling (and the cap, if above it); holders above it finish, and no slot is handed on until they have. */
  lowerTo(max: number): void {
    checkCap(max);
    this.state = withCeiling(this.state, max);
  }

  /** Holders now. */
  get inFlight(): number {
    return this.active;
  }

  /** Waiters now. */
  get waiting(): number {
    return this.queue.length;
  }

  /** Resolves with a release function once a slot is free; rejects if `signal` aborts first. */
  async acquire(signal?: AbortSignal): Promise<() => void> {
    return (await this.take(signal)).release;
  }

  /**
   * Runs `task` holding a slot, and lets its outcome move the cap: a 429 (from the API or the token
   * endpoint) lowers it; any other failure says nothing about load and leaves it.
   */
  async run<T>(task: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    const slot = await this.take(signal);
    try {
      const result = await task();
      // Only a cap in full use has shown it is not too small; an idle one must not drift to the ceiling.
      if (this.active + this.queue.length >= this.state.cap) this.update(afterAnswer(this.state));
      return result;
    } catch (err) {
      if (isRateLimited(err)) this.update(afterThrottle(this.state, slot.epoch, this.rule));
      throw err;
    } finally {
      slot.release();
    }
  }

  private take(signal?: AbortSignal): Promise<Slot> {
    if (signal?.aborted) return Promise.reject(this.abortError(signal));
    if (this.active < this.state.cap) {
      this.active++;
      return Promise.resolve(this.slot());
    }
    return new Promise((resolve, reject) => {
      const onAbort = () => {
        const i = this.queue.indexOf(waiter);
        if (i >= 0) this.queue.splice(i, 1);
        reject(this.abortError(signal!));
      };
      const waiter: Waiter = {
        grant: () => {
          signal?.removeEventListener("abort", onAbort);
          resolve(this.slot());
        },
      };
      signal?.addEventListener("abort", onAbort, { once: true });
      this.queue.push(waiter);
    });
  }

  private update(next: CapState): void {
    this.state = next;
    // A raised cap lets waiters in at once, not only as holders leave.
    while (this.active < this.state.cap && this.queue.length > 0) {
      this.active++;
      this.queue.shift()!.grant();
    }
  }

  private slot(): Slot {
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      // The slot passes straight to the next waiter, so a newcomer cannot overtake the queue.
      const next = this.active <= this.state.cap ? this.queue.shift() : undefined;
      if (next) next.grant();
      else this.active--;
    };
    return { release, epoch: this.state.epoch };
  }

  private abortError(signal: AbortSignal): Error {
    const reason = signal.reason as unknown;
    const detail = reason instanceof Error ? reason.message : reason === undefined ? "aborted" : String(reason);
    return new ScalekitSlotWaitError(this.state.cap, detail, this.state.ceiling);
  }
}

function checkCap(max: number): void {
  if (!Number.isInteger(max) || max < 1) throw new RangeError(`maxConcurrentRequests must be a positive integer, got ${max}`);
}
