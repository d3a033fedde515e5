import { LIMITS } from "./limits";
import { OWNER_KEY } from "./ownership";
import type { ApiDefinition } from "./types";

/**
 * Metadata that others own. Whether Scalekit's update merges `metadata` or replaces it is disputed
 * (the contract's "Update does not fully replace"), so an update must be safe under both readings:
 * every key this resource never declared (set in the Dashboard, by another tool, or before an adopt
 * or an import) is sent back as Scalekit stores it. On a merging server that changes nothing; on a
 * replacing one it keeps the key. Only a key the declaration removed (declared before, not now) is
 * left out: a replacing server removes it, a merging one keeps it (reported as a leftover).
 */

function metadataOf(def: { metadata?: unknown } | undefined): Record<string, unknown> {
  const m = def?.metadata;
  return m !== null && typeof m === "object" && !Array.isArray(m) ? (m as Record<string, unknown>) : {};
}

/**
 * The metadata Scalekit holds (`stored`, a provider or its definition) that neither the previous
 * declaration nor this one names, the ownership marker aside: what an update sends back as stored.
 * Only string values can be sent back (the API's map is string to string).
 */
export function keptMetadata(
  stored: { metadata?: unknown } | undefined,
  previous: ApiDefinition | undefined,
  declared: ApiDefinition,
): Record<string, string> {
  const named = new Set([...Object.keys(metadataOf(previous)), ...Object.keys(metadataOf(declared)), OWNER_KEY]);
  const kept: Record<string, string> = {};
  for (const [key, value] of Object.entries(metadataOf(stored))) {
    if (!named.has(key) && typeof value === "string") kept[key] = value;
  }
  return kept;
}

/** The declaration with the kept metadata added (the declaration's own keys win; there is no overlap). */
export function withKeptMetadata(declared: ApiDefinition, kept: Record<string, string>): ApiDefinition {
  if (Object.keys(kept).length === 0) return declared;
  return { ...declared, metadata: { ...kept, ...(declared.metadata ?? {}) } };
}

/** An update that would pass Scalekit's limit of metadata pairs once the kept keys are sent back. */
export interface MetadataOverflow {
  /** The pairs the update would send: declared, kept and the marker. */
  pairs: number;
  declared: number;
  /** The kept keys (others' keys), sorted. */
  kept: string[];
  marked: boolean;
  limit: number;
}

/** Undefined when the declaration, the kept keys and the marker fit in Scalekit's 20 pairs. */
export function metadataOverflow(
  declared: ApiDefinition,
  kept: Record<string, string>,
  marked: boolean,
): MetadataOverflow | undefined {
  const declaredCount = Object.keys(metadataOf(declared)).length;
  const keptKeys = Object.keys(kept).sort();
  const pairs = declaredCount + keptKeys.length + (marked ? 1 : 0);
  if (pairs <= LIMITS.metadataMaxPairs) return undefined;
  return { pairs, declared: declaredCount, kept: keptKeys, marked, limit: LIMITS.metadataMaxPairs };
}
