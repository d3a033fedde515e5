import { createHash } from "crypto";
import { LIMITS } from "./limits";
import { definitionOf } from "./normalize";
import type { Problem } from "./problem";
import type { ApiDefinition } from "./types";
import { isUnknown } from "./unknown";

/**
 * Who manages a provider: a `metadata` entry the provider writes on every create and update, naming
 * the Pulumi project, stack and resource, and the state that holds it:
 * `project/stack/resource@<state id>`. It is how a create is told apart from a take-over, and how an
 * update or a delete knows the provider is still this resource's:
 *
 * - a provider of the declared name carrying *this* resource's marker was created by this resource in a
 *   run that died before Pulumi recorded it (kill -9 after the POST): it is recovered, no duplicate;
 * - any other provider of that name belongs to someone else: only `adopt` (or `import`) takes it, and
 *   the take-over writes this resource's marker, so the previous owner's delete leaves it alone;
 * - an update or delete of a provider whose marker names someone else (it was adopted since) refuses or
 *   forgets it, rather than overwriting or deleting another stack's provider.
 *
 * The state id (see dynamic/state-identity.ts) tells apart two states with the same project, stack and resource
 * names, e.g. a CI backend and a laptop's `--local` backend on one environment. Markers written before
 * state ids existed (`project/stack/resource` alone) are "legacy": still this resource's for an update or
 * a delete, never enough to recover a create (another state could have written it).
 *
 * The marker is bookkeeping, not part of the declaration: it is removed from every definition read
 * back from Scalekit (outputs, refresh drift, diffs, `compare`, `export`), and it counts against
 * Scalekit's limit of metadata pairs, so a declaration may hold one pair fewer.
 */
export const OWNER_KEY = "managed_by_pulumi";

/** A state id: 16 lowercase hex digits (64 random bits), after the last "@" of a marker. */
export const STATE_ID_PATTERN = /^[0-9a-f]{16}$/;
const STATE_SUFFIX = /@([0-9a-f]{16})$/;

/**
 * `project/stack/resource`, within Scalekit's 256-character limit for a metadata value once the state
 * id (`@` and 16 digits) is appended: a readable prefix and a hash of the whole when names are long.
 */
export function ownerValue(project: string, stack: string, resource: string): string {
  const full = `${project}/${stack}/${resource}`;
  const room = LIMITS.metadataValueMax - 17;
  if (full.length <= room) return full;
  const hash = createHash("sha256").update(full).digest("hex").slice(0, 16);
  return `${full.slice(0, room - hash.length - 1)}#${hash}`;
}

/** The marker written for `owner` (project/stack/resource) in the state `stateId`. */
export function markerValue(owner: string, stateId: string | undefined): string {
  return stateId ? `${owner}@${stateId}` : owner;
}

export interface Marker {
  /** `project/stack/resource` (possibly shortened with a hash). */
  owner: string;
  /** Absent in a legacy marker. */
  stateId?: string;
  project: string;
  stack: string;
  resource: string;
}

export function parseMarker(value: string): Marker {
  const m = STATE_SUFFIX.exec(value);
  const owner = m ? value.slice(0, m.index) : value;
  const [project = "", stack = "", ...rest] = owner.split("/");
  return { owner, ...(m ? { stateId: m[1] } : {}), project, stack, resource: rest.join("/") };
}

/** The marker a provider object carries, if any (undefined too for an unreadable one: see unreadableMarker). */
export function ownerOf(provider: { metadata?: unknown }): string | undefined {
  const metadata = provider.metadata;
  if (metadata === null || typeof metadata !== "object" || Array.isArray(metadata)) return undefined;
  const value = (metadata as Record<string, unknown>)[OWNER_KEY];
  return typeof value === "string" && value !== "" ? value : undefined;
}

/**
 * What is wrong with a marker that is there but cannot be read: the key holds something other than a
 * non-empty string, or `metadata` itself is not a map. Undefined for a readable marker or none at
 * all. Such a provider counts as another owner's (fail closed): nothing proves it is this resource's
 * or no one's, so it is neither overwritten nor deleted.
 */
export function unreadableMarker(provider: { metadata?: unknown }): string | undefined {
  const metadata = provider.metadata;
  if (metadata === undefined || metadata === null) return undefined;
  if (typeof metadata !== "object" || Array.isArray(metadata)) return `metadata that is ${shapeOf(metadata)}, not a map`;
  if (!Object.prototype.hasOwnProperty.call(metadata, OWNER_KEY)) return undefined;
  const value = (metadata as Record<string, unknown>)[OWNER_KEY];
  if (typeof value === "string" && value !== "") return undefined;
  return `a "${OWNER_KEY}" that is ${shapeOf(value)}`;
}

function shapeOf(value: unknown): string {
  if (value === null) return "null";
  if (value === "") return "an empty string";
  if (Array.isArray(value)) return "a list";
  return typeof value === "object" ? "an object" : `a ${typeof value}`;
}

/** Who a provider's marker names, for messages: the marker, or what is wrong with an unreadable one. */
export function describeOwner(provider: { metadata?: unknown }): string {
  const unreadable = unreadableMarker(provider);
  if (unreadable !== undefined) return `an unknown owner (its metadata holds ${unreadable})`;
  return ownerOf(provider) ?? "no one (it carries no ownership marker)";
}

/** Who a resource is, to compare with the marker a provider carries. */
export interface Claimant {
  /** project/stack/resource of this resource now. */
  owner: string;
  /** This state's id; absent for inputs of a program that predates state ids. */
  stateId?: string;
  /** Markers this resource wrote before (its recorded inputs), e.g. under its name before an alias. */
  former?: string[];
}

/**
 * How a provider's marker relates to a resource:
 * - "ours": this resource in this state wrote it;
 * - "ours-legacy": this project/stack/resource wrote it before state ids (or without one);
 * - "ours-former": this resource wrote it under its previous name, stack or project (the marker it
 *   recorded), and is about to write the new one;
 * - "unmarked": made by hand, by another tool, or by a version before markers;
 * - "another-state": the same project/stack/resource names, written by another state (backend);
 * - "same-stack": another resource of this project and stack, in this state (a rename: an alias);
 * - "another": another project or stack;
 * - "unreadable": a marker of an unexpected shape (unreadableMarker), counted as another owner's.
 */
export type Ownership =
  "ours" | "ours-legacy" | "ours-former" | "unmarked" | "another-state" | "same-stack" | "another" | "unreadable";

export function ownershipOf(provider: { metadata?: unknown }, claimant: Claimant | undefined): Ownership {
  if (unreadableMarker(provider) !== undefined) return "unreadable";
  const found = ownerOf(provider);
  if (found === undefined) return "unmarked";
  if (!claimant) return "another";
  const theirs = parseMarker(found);
  if (found === markerValue(claimant.owner, claimant.stateId)) return "ours";
  if (claimant.former?.includes(found)) return "ours-former";
  // A legacy marker cannot name its state, so it may be this one; a marker with a state id is another
  // state's unless the ids match (a resource recorded without one never wrote a marker with one).
  const sameState = theirs.stateId === undefined || theirs.stateId === claimant.stateId;
  if (theirs.owner === claimant.owner) return sameState ? "ours-legacy" : "another-state";
  const mine = parseMarker(claimant.owner);
  if (sameState && theirs.project === mine.project && theirs.stack === mine.stack) return "same-stack";
  return "another";
}

/** Ownerships under which an update or a delete acts on the provider as this resource's own. */
export function actsAsOwner(ownership: Ownership): boolean {
  return ownership === "ours" || ownership === "ours-legacy" || ownership === "ours-former" || ownership === "unmarked";
}

/** The body to send: the declared definition plus the marker (none when `marker` is not given). */
export function withOwner(def: ApiDefinition, marker: string | undefined): ApiDefinition {
  if (marker === undefined) return def;
  return { ...def, metadata: { ...(def.metadata ?? {}), [OWNER_KEY]: marker } };
}

/** A definition without the marker, as the user declared it. */
export function withoutOwner(def: ApiDefinition): ApiDefinition {
  const metadata: unknown = def.metadata;
  if (metadata === null || typeof metadata !== "object" || Array.isArray(metadata) || !(OWNER_KEY in metadata)) return def;
  const { [OWNER_KEY]: _marker, ...rest } = metadata as Record<string, string>;
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
