import type { ClientSettings } from "../config/settings";
import type { Logger } from "./logger";
import type { RetryPolicy } from "./retry-policy";

export interface ClientOptions {
  retry?: Partial<RetryPolicy>;
  /** Wall-clock budget of one HTTP exchange (default 20 s; see settings.ts). */
  requestTimeoutMs?: number;
  /** Total deadline of one operation, retries and waits included (default 120 s). */
  operationTimeoutMs?: number;
  /** Page size asked for when listing (default 1000, as Scalekit's docs); the server may cap it, so pages are always followed. */
  pageSize?: number;
  /** A listing that needs more pages than this fails (default 200). */
  maxPages?: number;
  /** A larger answer fails (default 8 MiB). */
  maxResponseBytes?: number;
  logger?: Logger;
  sleep?: (ms: number) => Promise<void>;
  /** The clock of operation deadlines (tests pass a fake one). */
  now?: () => number;
  /** The source of jitter (tests pass a fixed one). */
  random?: () => number;
  /** Where HTTPS_PROXY and NO_PROXY are read (default process.env). */
  env?: NodeJS.ProcessEnv;
  /**
   * The most requests in flight at once to this environment, across every client of it in the process:
   * the ceiling of the adaptive cap (limiter.ts).
   */
  maxConcurrentRequests?: number;
}

/** The client options these settings stand for. */
export function clientOptionsFrom(settings: ClientSettings): ClientOptions {
  return {
    requestTimeoutMs: settings.requestTimeoutMs,
    operationTimeoutMs: settings.operationTimeoutMs,
    retry: { limit: settings.maxRetries },
    maxConcurrentRequests: settings.maxConcurrentRequests,
  };
}
