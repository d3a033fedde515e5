import type { BlastRadius } from "./blast-radius";
import type { ProviderReview } from "./provider-review";
import type { Review } from "./review";

/** The providers whose connections the review reports: deletes, replacements and renames. */
export function blastRadiusProviders(review: Review): ProviderReview[] {
  return review.stacks.flatMap((s) => s.providers).filter((p) => p.blastRadius !== undefined);
}

/**
 * The review with what the look-ups found (the CLI makes them: the review makes no call), and the
 * environments they were made in. `connections` is a count only for a look-up that answered.
 */
export function withConnections(
  review: Review,
  environments: string[],
  radiusOf: (provider: ProviderReview) => BlastRadius,
): Review {
  return {
    ...review,
    connectionsLookedUpIn: environments,
    stacks: review.stacks.map((s) => ({
      ...s,
      providers: s.providers.map((p) => {
        if (!p.blastRadius) return p;
        const blastRadius = radiusOf(p);
        return { ...p, blastRadius, connections: blastRadius.status === "counted" ? blastRadius.count : null };
      }),
    })),
  };
}
