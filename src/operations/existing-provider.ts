import { Claimant, OWNER_KEY, ownerOf, Ownership, ownershipOf, serverDefinition, withoutOwner } from "../definition/ownership";
import { sameDefinition } from "../definition/normalize";
import type { ApiDefinition, ApiProvider } from "../definition/types";

/**
 * What create does with a provider that already holds the declared name (or, with Pulumi's `import`
 * option, the given identifier):
 * - "recover": this resource created it in this state, in a run that died before Pulumi recorded it;
 * - "adopt": the user said `adopt: true`, or imported it;
 * - "refuse": anyone else's, even when identical, because two stacks must never co-own a provider
 *   (destroying either would delete it for both). A legacy marker of this very resource is refused too:
 *   without a state id it cannot tell this state's interrupted create from another state's provider.
 *
 * `write` says whether an update is needed. A take-over by `adopt` always leaves the provider naming
 * its new owner (a marker-only update if nothing else differs), so the previous owner's delete leaves
 * it alone. An `import` keeps Pulumi's promise that importing changes nothing: it writes only to reach
 * the declaration, or to take the provider from another owner's marker, never to mark a hand-made one.
 */
export type ExistingDecision =
  | { action: "recover" | "adopt"; write: boolean; previousOwner: string | undefined }
  | { action: "refuse"; ownership: Ownership; managedBy: string | undefined };

export function decideExisting(
  existing: ApiProvider,
  payload: ApiDefinition,
  claimant: Claimant | undefined,
  how: { adopt: boolean; imported: boolean },
): ExistingDecision {
  const ownership = ownershipOf(existing, claimant);
  const previousOwner = ownerOf(existing);
  const definitionDiffers = !sameDefinition(serverDefinition(existing), withoutOwner(payload));
  const markerDiffers = previousOwner !== payload.metadata?.[OWNER_KEY];
  if (ownership === "ours") return { action: "recover", write: definitionDiffers, previousOwner };
  if (how.adopt) return { action: "adopt", write: definitionDiffers || markerDiffers, previousOwner };
  if (how.imported) {
    return { action: "adopt", write: definitionDiffers || (markerDiffers && previousOwner !== undefined), previousOwner };
  }
  return { action: "refuse", ownership, managedBy: previousOwner };
}
