import { normalizeEnvironmentUrl, redact, type ScalekitClient } from "../client";
import type { BlastRadius } from "../review/blast-radius";
import { blastRadiusProviders, withConnections } from "../review/connection-counts";
import type { ProviderReview } from "../review/provider-review";
import type { Review } from "../review/review";

/** An environment given with `--environment`: its normalised URL and a read-only use of its client. */
export interface LookupEnvironment {
  environmentUrl: string;
  client: Pick<ScalekitClient, "listConnections">;
}

/** Look-ups in flight at once per environment (the client's request cap applies too). */
const CONCURRENCY = 4;
/** At most this many providers are looked up per environment; the rest read "unknown". */
export const MAX_LOOKUPS = 200;

/**
 * The overall bound of a review's look-ups, all environments together: the review stops waiting
 * at the time, and starts no page once the pages or bytes are spent (bytes are counted as each page
 * arrives, so up to the look-ups in flight, each page within the client's own answer limit, may land
 * beyond it). What is not known within it reads "unknown".
 */
export interface LookupBounds {
  /** Wall-clock time, from the first look-up (default 60 s). */
  timeMs: number;
  /** Pages of connections read (default 200: 6,000 connections at 30 a page). */
  pages: number;
  /** Bytes of answers read (default 8 MiB). */
  bytes: number;
}

export const DEFAULT_LOOKUP_BOUNDS: LookupBounds = { timeMs: 60_000, pages: 200, bytes: 8 * 1024 * 1024 };

/** The look-ups' overall budget, spent by every page of every look-up. */
class LookupBudget {
  private pages = 0;
  private bytes = 0;
  private readonly deadline: number;
  /** Why the budget is spent, once it is. */
  spent: string | undefined;

  constructor(
    private readonly bounds: LookupBounds,
    private readonly now: () => number,
  ) {
    this.deadline = now() + bounds.timeMs;
  }

  remainingMs(): number {
    return this.deadline - this.now();
  }

  /** The reason to stop, if the budget is spent now (and from then on). */
  check(): string | undefined {
    return this.remainingMs() <= 0 ? this.expire() : this.spent;
  }

  /** The time is up: the reason, from now on. */
  expire(): string {
    this.spent ??= `the review's look-ups reached their time bound (${Math.round(this.bounds.timeMs / 1000)} s)`;
    return this.spent;
  }

  /** Counts one page; throws once a bound is passed. */
  page(bytes: number): void {
    this.pages++;
    this.bytes += bytes;
    if (this.spent === undefined && this.pages > this.bounds.pages) {
      this.spent = `the review's look-ups reached their bound of ${this.bounds.pages} pages`;
    }
    if (this.spent === undefined && this.bytes > this.bounds.bytes) {
      this.spent = `the review's look-ups reached their bound of ${this.bounds.bytes} bytes`;
    }
    // Stops the listing; the caller reads the reason from `spent`, not from this error.
    const reason = this.check();
    if (reason !== undefined) throw new Error(reason);
  }
}

/** `promise`, or a rejection with the budget's reason once its time is up, whichever comes first. */
async function withinTime<T>(promise: Promise<T>, budget: LookupBudget): Promise<T> {
  // Left behind at the bound, its own deadline (the time left when it started) ends it: never unhandled.
  promise.catch(() => undefined);
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(budget.expire())), Math.max(budget.remainingMs(), 0));
  });
  try {
    return await Promise.race([promise, late]);
  } finally {
    clearTimeout(timer);
  }
}

function urlKey(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    return normalizeEnvironmentUrl(url);
  } catch {
    return undefined;
  }
}

/** The error's message on one line (a 403's carries its hint on a second). */
function reasonOf(err: unknown): string {
  return redact(err instanceof Error ? err.message : String(err)).replace(/\s*\n\s*/g, " ");
}

/**
 * The connections of every provider the review's changes delete, replace or rename, each looked up
 * in the environment given for its own URL (identifiers differ between environments, so a provider
 * of another environment is never looked up in this one). The route is PREVIEW: any failure reads
 * "unknown" with its reason, and no failure fails the review. After a failure, the environment's
 * remaining look-ups are not made (they would most likely fail the same way, each after its retries).
 */
export async function lookUpConnections(
  review: Review,
  environments: LookupEnvironment[],
  {
    maxLookups = MAX_LOOKUPS,
    bounds = DEFAULT_LOOKUP_BOUNDS,
    now = Date.now,
  }: { maxLookups?: number; bounds?: LookupBounds; now?: () => number } = {},
): Promise<Review> {
  const budget = new LookupBudget(bounds, now);
  const byUrl = new Map(environments.map((e) => [e.environmentUrl, e]));
  const radius = new Map<ProviderReview, BlastRadius>();
  const queues = new Map<LookupEnvironment, ProviderReview[]>();
  for (const p of blastRadiusProviders(review)) {
    const url = urlKey(p.environmentUrl);
    const environment = url === undefined ? undefined : byUrl.get(url);
    if (environments.length === 0) radius.set(p, { status: "not-looked-up", reason: "no-environment" });
    else if (!p.environmentUrl) radius.set(p, { status: "not-looked-up", reason: "no-environment-url" });
    else if (!environment) {
      radius.set(p, { status: "not-looked-up", reason: "other-environment", environmentUrl: p.environmentUrl });
    } else if (!p.identifier) radius.set(p, { status: "not-looked-up", reason: "no-identifier" });
    else queues.set(environment, [...(queues.get(environment) ?? []), p]);
  }

  await Promise.all(
    [...queues].map(async ([environment, providers]) => {
      const environmentUrl = environment.environmentUrl;
      // One look-up per identifier, however many changes name it.
      const identifiers = [...new Set(providers.map((p) => p.identifier!))];
      const found = new Map<string, BlastRadius>();
      let failure: string | undefined;
      let next = 0;
      const worker = async () => {
        while (next < identifiers.length) {
          const index = next++;
          const identifier = identifiers[index];
          if (index >= maxLookups) {
            const reason = `the review looks up at most ${maxLookups} providers per environment`;
            found.set(identifier, { status: "unknown", environmentUrl, reason });
          } else if (budget.check() !== undefined) {
            found.set(identifier, { status: "unknown", environmentUrl, reason: `not looked up: ${budget.check()}` });
          } else if (failure !== undefined) {
            const reason = `not looked up after an earlier look-up in this environment failed: ${failure}`;
            found.set(identifier, { status: "unknown", environmentUrl, reason });
          } else {
            try {
              const listing = environment.client.listConnections(identifier, {
                timeoutMs: budget.remainingMs(),
                onPage: (bytes) => budget.page(bytes),
              });
              const connections = await withinTime(listing, budget);
              const names = connections.map((c) => c.key_id || c.id || "").filter(Boolean);
              found.set(identifier, { status: "counted", environmentUrl, count: connections.length, names });
            } catch (err) {
              // Past the overall bound, the answer is unknown because of the bound, whatever the error said.
              const bound = budget.check();
              if (bound === undefined) failure ??= reasonOf(err);
              found.set(identifier, { status: "unknown", environmentUrl, reason: bound ?? reasonOf(err) });
            }
          }
        }
      };
      await Promise.all(Array.from({ length: Math.min(CONCURRENCY, identifiers.length) }, worker));
      for (const p of providers) radius.set(p, found.get(p.identifier!)!);
    }),
  );
  return withConnections(
    review,
    environments.map((e) => e.environmentUrl),
    (p) => radius.get(p) ?? { status: "not-looked-up", reason: "no-environment" },
  );
}
