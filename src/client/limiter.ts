import { CLIENT_SETTINGS } from "../config/keys";
import { ScalekitSlotWaitError } from "../errors";

/** Requests in flight per environment when neither the stack config nor the environment says. */
export const DEFAULT_MAX_CONCURRENT_REQUESTS = CLIENT_SETTINGS.maxConcurrentRequests.default;

interface Waiter {
  grant: () => void;
}

/**
 * A counting semaphore: at most `max` holders at once, the others wait in arrival order. A waiter
 * whose signal aborts (its operation's deadline) leaves the queue and fails without being granted,
 * so time spent waiting counts against the same deadline as the request itself.
 */
export class Limiter {
  private active = 0;
  private readonly queue: Waiter[] = [];

  constructor(private cap: number) {
    checkCap(cap);
  }

  get max(): number {
    return this.cap;
  }

  /** Lowers the cap; holders above it finish, and no slot is handed on until they have. */
  lowerTo(max: number): void {
    checkCap(max);
    this.cap = Math.min(this.cap, max);
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
  acquire(signal?: AbortSignal): Promise<() => void> {
    if (signal?.aborted) return Promise.reject(this.abortError(signal));
    if (this.active < this.cap) {
      this.active++;
      return Promise.resolve(this.releaser());
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
          resolve(this.releaser());
        },
      };
      signal?.addEventListener("abort", onAbort, { once: true });
      this.queue.push(waiter);
    });
  }

  /** Runs `task` holding a slot. */
  async run<T>(task: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    const release = await this.acquire(signal);
    try {
      return await task();
    } finally {
      release();
    }
  }

  private releaser(): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      // The slot passes straight to the next waiter, so a newcomer cannot overtake the queue.
      const next = this.active <= this.cap ? this.queue.shift() : undefined;
      if (next) next.grant();
      else this.active--;
    };
  }

  private abortError(signal: AbortSignal): Error {
    const reason = signal.reason as unknown;
    const detail = reason instanceof Error ? reason.message : reason === undefined ? "aborted" : String(reason);
    return new ScalekitSlotWaitError(this.cap, detail);
  }
}

function checkCap(max: number): void {
  if (!Number.isInteger(max) || max < 1) throw new RangeError(`maxConcurrentRequests must be a positive integer, got ${max}`);
}
