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
  { maxLookups = MAX_LOOKUPS } = {},
): Promise<Review> {
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
          } else if (failure !== undefined) {
            const reason = `not looked up after an earlier look-up in this environment failed: ${failure}`;
            found.set(identifier, { status: "unknown", environmentUrl, reason });
          } else {
            try {
              const connections = await environment.client.listConnections(identifier);
              const names = connections.map((c) => c.key_id || c.id || "").filter(Boolean);
              found.set(identifier, { status: "counted", environmentUrl, count: connections.length, names });
            } catch (err) {
              failure ??= reasonOf(err);
              found.set(identifier, { status: "unknown", environmentUrl, reason: reasonOf(err) });
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
