import type { FlagKind } from "./flags";
import type { Review } from "./review";

export interface GateResult {
  /** The `--fail-on` kinds present, in the order given. */
  hits: FlagKind[];
  /** Of those, the kinds present only as unverified flags (a secret or unknown value might raise them). */
  unverified: FlagKind[];
}

/**
 * Which `--fail-on` kinds the review holds. An unverified flag counts like a verified one (hiding a
 * value must not pass a gate), unless `allowUnverified` (`--allow-unverified`) accepts them.
 */
export function gateHits(review: Review, failOn: FlagKind[], options: { allowUnverified?: boolean } = {}): GateResult {
  const flags = review.stacks.flatMap((s) => [...s.flags, ...s.providers.flatMap((p) => p.flags)]);
  const verified = new Set(flags.filter((f) => !f.unverified).map((f) => f.kind));
  const unverified = new Set(flags.filter((f) => f.unverified).map((f) => f.kind));
  const kinds = [...new Set(failOn)];
  const hits = kinds.filter((k) => verified.has(k) || (!options.allowUnverified && unverified.has(k)));
  return { hits, unverified: hits.filter((k) => !verified.has(k)) };
}
