import { sameEnvironmentUrl } from "../config";

/**
 * Where a recorded provider lives compared with where the config now points. Only "same" and
 * "moved" may be acted on: a provider recorded under another URL would be missed there (a 404
 * counts as deleted) and orphaned, unless the user declared that URL as the environment's previous
 * one (a custom domain), which is then verified by listing before anything is written.
 */
export type Placement =
  /** The config's URL is not known here (a reviewer's preview, an unconfigured namespace). */
  | { kind: "unknown" }
  | { kind: "same"; url: string }
  /** Declared with previousEnvironmentUrl; to verify by listing the new URL before use. */
  | { kind: "moved"; from: string; to: string }
  | { kind: "elsewhere"; recorded: string; configured: string };

export function placement(recorded: unknown, configured: string | undefined, previous: string | undefined): Placement {
  if (configured === undefined) return { kind: "unknown" };
  if (typeof recorded !== "string" || recorded === "" || sameEnvironmentUrl(recorded, configured)) {
    return { kind: "same", url: configured };
  }
  if (previous !== undefined && sameEnvironmentUrl(previous, recorded)) return { kind: "moved", from: recorded, to: configured };
  return { kind: "elsewhere", recorded, configured };
}
