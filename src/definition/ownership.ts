import { createHash } from "crypto";
import { LIMITS } from "./limits";
import { definitionOf } from "./normalize";
import type { Problem } from "./problem";
import type { ApiDefinition } from "./types";
import { isUnknown } from "./unknown";

/**
 * Who manages a provider: a `metadata` entry the provider writes on every create and update, naming
 * the Pulumi project, stack and resource. It is how a create is told apart from a take-over:
 *
 * - a provider of the same name carrying *this* resource's marker was created by this resource in a
 *   run that died before Pulumi recorded it (kill -9 after the POST): it is recovered, no duplicate;
 * - any other provider of that name, identical or not, belongs to someone else: only `adopt` takes it.
 *
 * The marker is bookkeeping, not part of the declaration: it is removed from every definition read
 * back from Scalekit (outputs, refresh drift, diffs, `compare`, `export`), and it counts against
 * Scalekit's limit of metadata pairs, so a declaration may hold one pair fewer.
 */
export const OWNER_KEY = "managed_by_pulumi";

/** `project/stack/resource`, within Scalekit's 256-character limit for a metadata value. */
export function ownerValue(project: string, stack: string, resource: string): string {
  const full = `${project}/${stack}/${resource}`;
  if (full.length <= LIMITS.metadataValueMax) return full;
  // Still unique and stable when names are very long: a readable prefix and a hash of the whole.
  const hash = createHash("sha256").update(full).digest("hex").slice(0, 16);
  return `${full.slice(0, LIMITS.metadataValueMax - hash.length - 1)}#${hash}`;
}

/** The marker a provider object carries, if any. */
export function ownerOf(provider: { metadata?: Record<string, string> }): string | undefined {
  const value = provider.metadata?.[OWNER_KEY];
  return typeof value === "string" && value !== "" ? value : undefined;
}

export type Ownership = "ours" | "unmarked" | "another";

/** Whose a provider found under this resource's name is, for the resource whose marker is `owner`. */
export function ownershipOf(provider: { metadata?: Record<string, string> }, owner: string | undefined): Ownership {
  const found = ownerOf(provider);
  if (found === undefined) return "unmarked";
  return owner !== undefined && found === owner ? "ours" : "another";
}

/** The body to send: the declared definition plus the marker (none when `owner` is not given). */
export function withOwner(def: ApiDefinition, owner: string | undefined): ApiDefinition {
  if (owner === undefined) return def;
  return { ...def, metadata: { ...(def.metadata ?? {}), [OWNER_KEY]: owner } };
}

/** A definition without the marker, as the user declared it. */
export function withoutOwner(def: ApiDefinition): ApiDefinition {
  if (!def.metadata || !(OWNER_KEY in def.metadata)) return def;
  const { [OWNER_KEY]: _marker, ...rest } = def.metadata;
  return { ...def, metadata: rest };
}

/** The definition of a provider object read from Scalekit, without server-owned fields or the marker. */
export function serverDefinition(provider: object): ApiDefinition {
  return withoutOwner(definitionOf(provider));
}

/** What the marker costs a declaration's `metadata`: the reserved key, and one pair of the 20. */
export function ownerProblems(metadata: unknown, marked: boolean): Problem[] {
  if (metadata === null || typeof metadata !== "object" || Array.isArray(metadata) || isUnknown(metadata)) return [];
  const keys = Object.keys(metadata);
  const problems: Problem[] = [];
  if (keys.includes(OWNER_KEY)) {
    problems.push({
      path: ["metadata", OWNER_KEY],
      message: "is reserved: the provider records which Pulumi stack manages it there",
    });
  }
  const room = LIMITS.metadataMaxPairs - 1;
  if (marked && keys.length > room && keys.length <= LIMITS.metadataMaxPairs) {
    problems.push({
      path: ["metadata"],
      message: `has ${keys.length} entries: at most ${room} are allowed, because one of Scalekit's ${LIMITS.metadataMaxPairs} holds the "${OWNER_KEY}" marker`,
    });
  }
  return problems;
}
