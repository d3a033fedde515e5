/**
 * The log of API and token requests (never control routes). It records method, raw path, decoded
 * query and outcome, and a JSON body's top-level keys; never headers or values of a body, and
 * secret-looking query parameters are redacted.
 */
import type { RequestLogEntry } from "./types";

const REDACTED_PARAMS = new Set([
  "client_secret",
  "access_token",
  "refresh_token",
  "id_token",
  "password",
  "authorization",
  "code",
]);
export const REDACTED = "[redacted]";

export function loggableQuery(params: URLSearchParams): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of params) {
    if (k in out) continue;
    out[k] = REDACTED_PARAMS.has(k.toLowerCase()) ? REDACTED : v;
  }
  return out;
}

export class RequestLog {
  private entries: RequestLogEntry[] = [];
  private seq = 0;

  /** Reserve the next sequence number (taken when a request arrives). */
  nextSeq(): number {
    return ++this.seq;
  }

  add(entry: RequestLogEntry): void {
    this.entries.push(entry);
  }

  /** Entries in arrival order (copies). */
  list(): RequestLogEntry[] {
    return this.entries
      .slice()
      .sort((a, b) => a.seq - b.seq)
      .map((e) => ({ ...e, query: { ...e.query }, ...(e.bodyKeys ? { bodyKeys: [...e.bodyKeys] } : {}) }));
  }

  clear(): void {
    this.entries = [];
  }

  reset(): void {
    this.entries = [];
    this.seq = 0;
  }
}
