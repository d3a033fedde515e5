import { ownerOf, ownershipOf, serverDefinition, withoutOwner } from "../definition/ownership";
import { sameDefinition } from "../definition/normalize";
import type { ApiDefinition, ApiProvider } from "../definition/types";

/**
 * What create does with a provider that already holds the declared name:
 * - "recover": this resource created it in a run that died before Pulumi recorded it (its marker);
 * - "adopt": the user said `adopt: true`;
 * - "refuse": anyone else's, even when identical, because two stacks must never co-own a provider
 *   (destroying either would delete it for both).
 * `write` says whether an update is needed to reach the declaration; the marker alone is not a reason
 * to write, so adopting a matching provider sends nothing.
 */
export type ExistingDecision =
  { action: "recover" | "adopt"; write: boolean } | { action: "refuse"; managedBy: string | undefined };

export function decideExisting(
  existing: ApiProvider,
  payload: ApiDefinition,
  owner: string | undefined,
  adopt: boolean,
): ExistingDecision {
  const ownership = ownershipOf(existing, owner);
  const write = !sameDefinition(serverDefinition(existing), withoutOwner(payload));
  if (ownership === "ours") return { action: "recover", write };
  if (adopt) return { action: "adopt", write };
  return { action: "refuse", managedBy: ownership === "another" ? ownerOf(existing) : undefined };
}
