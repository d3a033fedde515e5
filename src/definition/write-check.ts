import { createHash } from "crypto";
import { formatPath, PathSegment } from "./case";
import { valueAt } from "./path";
import { compareDefinitions } from "./compare";
import { Leftover, leftovers, managedView } from "./managed";
import { canonicalDefinition, stableJson } from "./normalize";
import type { ApiDefinition } from "./types";

/**
 * Checking a write against Scalekit's answer, the way refresh compares: "believe the environment,
 * not the request you sent". A create or an update answers with the provider as stored; any managed
 * part that differs from what was sent was not applied, and the user must be told.
 */

/** A managed part Scalekit did not take: what was sent, and what it kept. */
export interface NotApplied {
  path: PathSegment[];
  /** The path as a user reads it, e.g. `auth_patterns[0].fields[1].label`. */
  field: string;
  sent: unknown;
  kept: unknown;
}

/**
 * A refusal as the resource records it in state: the values only as digests, since a definition may
 * hold secrets and this record is not an output the engine knows to mark secret.
 */
export interface RecordedNotApplied {
  path: PathSegment[];
  field: string;
  sentDigest: string;
  keptDigest: string;
}

function digest(value: unknown): string {
  return createHash("sha256")
    .update(stableJson(value ?? null))
    .digest("hex")
    .slice(0, 32);
}

export function recordNotApplied(n: NotApplied): RecordedNotApplied {
  return { path: n.path, field: n.field, sentDigest: digest(n.sent), keptDigest: digest(n.kept) };
}

export interface WriteCheck {
  /** Managed parts Scalekit did not apply: recorded in the resource's outputs. */
  notApplied: NotApplied[];
  /** Unmanaged values Scalekit kept that the declaration drops (managed.ts), and values Scalekit added that were not sent: reported, never recorded. */
  leftovers: Leftover[];
}

/**
 * `sent`: the declared payload (without the ownership marker and the metadata others own); `stored`:
 * the provider Scalekit answered with; `others`: the metadata keys others own that the write sent back
 * as stored (definition/kept-metadata.ts), checked apart (keptMetadataLost) and never a leftover.
 */
export function checkWrite(sent: ApiDefinition, stored: ApiDefinition, others: ReadonlySet<string> = new Set()): WriteCheck {
  const { changes } = compareDefinitions(sent, managedView(stored, sent));
  // Where nothing was sent, Scalekit added a value of its own (a default, a key of a newer version):
  // not a refusal of ours, which the next up would wrongly refuse to resend.
  const added = changes.filter((c) => c.before === undefined);
  return {
    notApplied: changes
      .filter((c) => c.before !== undefined)
      .map((c) => ({ path: c.path, field: formatPath(c.path), sent: c.before, kept: c.after })),
    leftovers: [...leftovers(stored, sent, others), ...added.map((c) => ({ field: formatPath(c.path), kept: c.after }))],
  };
}

/** The metadata keys others own that the write sent back and Scalekit's answer does not hold as sent. */
export function keptMetadataLost(kept: Record<string, string>, stored: ApiDefinition): string[] {
  const holds = (stored.metadata ?? {}) as Record<string, unknown>;
  return Object.keys(kept)
    .filter((key) => holds[key] !== kept[key])
    .sort();
}

/** The value at `path` of a definition, undefined where the path does not lead. */
/** The recorded refusals that the declaration still asks for (among the changes from `current`). */
export function pendingRefusals(
  current: ApiDefinition,
  declared: ApiDefinition,
  recorded: readonly RecordedNotApplied[],
): RecordedNotApplied[] {
  if (recorded.length === 0) return [];
  const { changes } = compareDefinitions(current, declared);
  return recorded.filter((r) =>
    changes.some((c) => stableJson(r.path) === stableJson(c.path) && r.sentDigest === digest(c.after)),
  );
}

/**
 * When every change from `current` (what Scalekit holds, managed view) to `declared` is one that
 * Scalekit already refused at the last write (`recorded`, same value sent), those refusals: sending
 * the change again would change nothing. Undefined when anything else would change.
 */
export function onlyNotApplied(
  current: ApiDefinition,
  declared: ApiDefinition,
  recorded: readonly RecordedNotApplied[],
): RecordedNotApplied[] | undefined {
  const pending = pendingRefusals(current, declared, recorded);
  const changes = compareDefinitions(current, declared).changes.length;
  return pending.length > 0 && pending.length === changes ? pending : undefined;
}

/** The recorded refusals that still hold: Scalekit still keeps the value it kept then. */
export function stillNotApplied(recorded: readonly RecordedNotApplied[], server: ApiDefinition): RecordedNotApplied[] {
  const canonical = canonicalDefinition(server);
  return recorded.filter((r) => digest(valueAt(canonical, r.path)) === r.keptDigest);
}
