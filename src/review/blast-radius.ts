import type { FlagKind } from "./flags";
import { Prose, prose, wording } from "./prose";
import type { Action } from "./steps";

/**
 * The blast radius of a change: the connections of a provider that the change deletes, replaces or
 * renames, looked up (read-only) in its environment by the CLI and passed in; the review itself
 * makes no call. The look-up's route is PREVIEW at Scalekit, so a failure reads "unknown", never 0.
 */
export type BlastRadius =
  | {
      status: "counted";
      /** The environment looked up. */
      environmentUrl: string;
      count: number;
      /** The connections' names (`key_id`), in the order listed. */
      names: string[];
    }
  | { status: "unknown"; environmentUrl: string; reason: string }
  | { status: "not-looked-up"; reason: NotLookedUpReason; environmentUrl?: string };

/**
 * Why a provider's connections were not looked up: no `--environment` was given; none of those
 * given is this provider's environment; the preview does not say which environment it is in, or
 * which identifier it has.
 */
export type NotLookedUpReason = "no-environment" | "other-environment" | "no-environment-url" | "no-identifier";

/** Names listed in the Markdown; the rest are counted ("and N more"). --json lists them all. */
export const CONNECTION_NAMES_SHOWN = 10;

/** A delete, a replacement or a rename (verified or not) breaks, or changes what agents see of, its connections. */
export function isInBlastRadius(action: Action, flagKinds: readonly FlagKind[]): boolean {
  return action === "delete" || action === "replace" || flagKinds.includes("rename");
}

const plural = (count: number, one: string, many: string) => wording(count === 1 ? one : many);

/** At most this much of a failed look-up's error is shown. */
const REASON_MAX = 300;

const NOT_LOOKED_UP: Record<NotLookedUpReason, string> = {
  "no-environment": "connections not looked up (review with --environment to count them)",
  "other-environment": "connections not looked up: no --environment given is its environment",
  "no-environment-url": "connections not looked up: the preview does not say which environment it is in",
  "no-identifier": "connections not looked up: the preview does not hold its identifier",
};

/** The line of a provider's section that says what its connections are. */
export function blastRadiusProse(radius: BlastRadius): Prose {
  if (radius.status === "not-looked-up") {
    const where = radius.environmentUrl ? prose` (${radius.environmentUrl})` : [];
    return [...prose`Blast radius: ${wording(NOT_LOOKED_UP[radius.reason])}`, ...where, "."];
  }
  if (radius.status === "unknown") {
    const reason = radius.reason.length > REASON_MAX ? `${radius.reason.slice(0, REASON_MAX)}…` : radius.reason;
    return prose`Blast radius: unknown. Looking up its connections in ${radius.environmentUrl} failed (${reason}): check them in the Scalekit Dashboard before applying.`;
  }
  if (radius.count === 0) return prose`Blast radius: no connections in ${radius.environmentUrl}.`;
  const shown = radius.names.slice(0, CONNECTION_NAMES_SHOWN);
  const more = radius.count - shown.length;
  return [
    ...prose`Blast radius: ${radius.count} ${plural(radius.count, "connection", "connections")}`,
    ...(shown.length ? prose`: ${shown}` : []),
    ...(more > 0 && shown.length ? prose` and ${more} more` : []),
    ...prose` in ${radius.environmentUrl}.`,
  ];
}

/** The review's note under its summary table: whether connections were looked up, and where. */
export function connectionsNote(providers: number, lookedUpIn: string[]): Prose | undefined {
  if (providers === 0) return undefined;
  if (lookedUpIn.length === 0) {
    return prose`Connections were not looked up: ${providers} ${plural(providers, "change deletes, replaces or renames a provider", "changes delete, replace or rename providers")}, which affects their connections. Review with --environment (read-only credentials) to count them.`;
  }
  return prose`Connections of deleted, replaced and renamed providers were looked up (read-only) in ${lookedUpIn}.`;
}
