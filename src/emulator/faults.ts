/**
 * Fault injection: a queue of fault rules, each applying to the next `count` matching API or token
 * requests. A request takes at most one fault: the oldest matching rule. A rule with a `probability`
 * applies to each matching request by chance; a request it passes over may take a later rule.
 */
import type { FaultSpec, MalformedBody } from "./types";

export interface Fault {
  status?: number;
  retryAfterSeconds?: number;
  latencyMs?: number;
  dropAfterCommit: boolean;
  dropBeforeCommit: boolean;
  hangAfterCommit: boolean;
  malformedBody?: MalformedBody;
  listLagWrites?: number;
  trickleMs?: number;
  hold: boolean;
  method?: string;
  pathPrefix?: string;
  probability?: number;
  remaining: number;
}

/** An invalid fault specification. */
export class InvalidFault extends TypeError {
  constructor(message: string) {
    super(message);
    this.name = "InvalidFault";
  }
}

const KEYS = new Set([
  "status",
  "count",
  "method",
  "pathPrefix",
  "retryAfterSeconds",
  "latencyMs",
  "dropAfterCommit",
  "dropBeforeCommit",
  "hangAfterCommit",
  "malformedBody",
  "listLagWrites",
  "trickleMs",
  "probability",
  "hold",
]);

export const MALFORMED_BODIES: Record<MalformedBody, string> = {
  empty: "{}",
  nullProviders: '{"providers":null,"next_page_token":""}',
  nullConnections: '{"connections":null,"next_page_token":""}',
  html: "<!DOCTYPE html><html><head><title>Down for maintenance</title></head><body><h1>We will be back soon</h1></body></html>",
  truncated: '{"providers":[{"identifier":"X',
};

function isInt(v: unknown): v is number {
  return typeof v === "number" && Number.isInteger(v);
}

/** Check a fault specification (from code or from the control route); throws an InvalidFault (a TypeError) explaining what is wrong. */
export function parseFault(input: unknown): Fault {
  if (typeof input !== "object" || input === null || Array.isArray(input)) throw new InvalidFault("a fault must be an object");
  const f = input as Record<string, unknown> & FaultSpec;
  for (const k of Object.keys(f)) if (!KEYS.has(k)) throw new InvalidFault(`unknown fault property "${k}"`);
  if (f.status !== undefined && (!isInt(f.status) || f.status < 400 || f.status > 599))
    throw new InvalidFault("status must be an integer from 400 to 599");
  if (f.count !== undefined && (!isInt(f.count) || f.count < 1)) throw new InvalidFault("count must be a positive integer");
  if (f.method !== undefined && (typeof f.method !== "string" || f.method === ""))
    throw new InvalidFault("method must be a non-empty string");
  if (f.pathPrefix !== undefined && (typeof f.pathPrefix !== "string" || !f.pathPrefix.startsWith("/")))
    throw new InvalidFault('pathPrefix must be a string starting with "/"');
  if (f.retryAfterSeconds !== undefined && (!isInt(f.retryAfterSeconds) || f.retryAfterSeconds < 0))
    throw new InvalidFault("retryAfterSeconds must be a non-negative integer");
  if (f.retryAfterSeconds !== undefined && f.status === undefined) throw new InvalidFault("retryAfterSeconds needs status");
  if (f.latencyMs !== undefined && (typeof f.latencyMs !== "number" || !Number.isFinite(f.latencyMs) || f.latencyMs < 0))
    throw new InvalidFault("latencyMs must be a non-negative number");
  for (const k of ["dropAfterCommit", "dropBeforeCommit", "hangAfterCommit", "hold"] as const) {
    if (f[k] !== undefined && typeof f[k] !== "boolean") throw new InvalidFault(`${k} must be a boolean`);
  }
  if (f.malformedBody !== undefined && !Object.prototype.hasOwnProperty.call(MALFORMED_BODIES, f.malformedBody as string)) {
    throw new InvalidFault(`malformedBody must be one of ${Object.keys(MALFORMED_BODIES).join(", ")}`);
  }
  if (f.listLagWrites !== undefined && (!isInt(f.listLagWrites) || f.listLagWrites < 1))
    throw new InvalidFault("listLagWrites must be a positive integer");
  if (f.trickleMs !== undefined && (typeof f.trickleMs !== "number" || !Number.isFinite(f.trickleMs) || f.trickleMs <= 0)) {
    throw new InvalidFault("trickleMs must be a positive number");
  }
  if (f.probability !== undefined && (typeof f.probability !== "number" || !(f.probability > 0 && f.probability <= 1))) {
    throw new InvalidFault("probability must be a number above 0 and at most 1");
  }
  const outcomes = [
    f.status !== undefined,
    f.dropAfterCommit === true,
    f.dropBeforeCommit === true,
    f.hangAfterCommit === true,
    f.malformedBody !== undefined,
    f.listLagWrites !== undefined,
  ].filter(Boolean).length;
  if (outcomes > 1) {
    throw new InvalidFault(
      "status, dropAfterCommit, dropBeforeCommit, hangAfterCommit, malformedBody and listLagWrites exclude one another",
    );
  }
  const silent = f.dropAfterCommit === true || f.dropBeforeCommit === true || f.hangAfterCommit === true;
  if (f.trickleMs !== undefined && silent)
    throw new InvalidFault("trickleMs needs an answer to trickle: not with a drop or a hang");
  if (outcomes === 0 && f.latencyMs === undefined && f.trickleMs === undefined && f.hold !== true) {
    throw new InvalidFault(
      "a fault needs status, latencyMs, trickleMs, hold, dropAfterCommit, dropBeforeCommit, hangAfterCommit, malformedBody or listLagWrites",
    );
  }
  return {
    status: f.status,
    retryAfterSeconds: f.retryAfterSeconds,
    latencyMs: f.latencyMs,
    dropAfterCommit: f.dropAfterCommit === true,
    dropBeforeCommit: f.dropBeforeCommit === true,
    hangAfterCommit: f.hangAfterCommit === true,
    malformedBody: f.malformedBody,
    listLagWrites: f.listLagWrites,
    trickleMs: f.trickleMs,
    hold: f.hold === true,
    method: f.method?.toUpperCase(),
    pathPrefix: f.pathPrefix,
    probability: f.probability,
    remaining: f.count ?? 1,
  };
}

export class FaultQueue {
  private faults: Fault[] = [];

  /** `random` decides the rules with a probability (tests pass a seeded one). */
  constructor(private readonly random: () => number = Math.random) {}

  add(spec: unknown): void {
    this.faults.push(parseFault(spec));
  }

  /**
   * Take one use of the oldest fault matching this request (path matched raw or decoded) that applies
   * to it: a rule with a probability is drawn for once per matching request.
   */
  take(method: string, rawPath: string, decodedPath: string): Fault | undefined {
    const f = this.faults.find(
      (x) =>
        (x.method === undefined || x.method === method.toUpperCase()) &&
        (x.pathPrefix === undefined || rawPath.startsWith(x.pathPrefix) || decodedPath.startsWith(x.pathPrefix)) &&
        (x.probability === undefined || this.random() < x.probability),
    );
    if (f === undefined) return undefined;
    f.remaining -= 1;
    if (f.remaining <= 0) this.faults = this.faults.filter((x) => x !== f);
    return { ...f };
  }

  pending(): number {
    return this.faults.length;
  }

  clear(): void {
    this.faults = [];
  }
}
