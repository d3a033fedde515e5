import { managedView } from "../definition/managed";
import { Claimant, ownerOf, Ownership, ownershipOf, serverDefinition } from "../definition/ownership";
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
 * `writeDefinition` says whether the provider differs from the declaration (on what the declaration
 * manages: definition/managed.ts); `writeMarker`, whether its marker must be rewritten. A take-over,
 * by `adopt` or by `import`, always leaves the provider naming its new owner (a marker-only update when
 * nothing else differs): so the previous owner's delete leaves it alone, and a second stack importing
 * the same hand-made provider finds it marked and takes it over in turn instead of co-owning it.
 */
export type ExistingDecision =
  | { action: "recover" | "adopt"; writeDefinition: boolean; writeMarker: boolean; previousOwner: string | undefined }
  | { action: "refuse"; ownership: Ownership; managedBy: string | undefined };

export function decideExisting(
  existing: ApiProvider,
  declared: ApiDefinition,
  marker: string | undefined,
  claimant: Claimant | undefined,
  how: { adopt: boolean; imported: boolean },
): ExistingDecision {
  const ownership = ownershipOf(existing, claimant);
  const previousOwner = ownerOf(existing);
  const writeDefinition = !sameDefinition(managedView(serverDefinition(existing), declared), declared);
  // A resource without a marker of its own (a program before markers) writes none; an unreadable marker differs.
  const writeMarker = marker !== undefined ? previousOwner !== marker : previousOwner !== undefined || ownership === "unreadable";
  if (ownership === "ours") return { action: "recover", writeDefinition, writeMarker: false, previousOwner };
  if (how.adopt || how.imported) return { action: "adopt", writeDefinition, writeMarker, previousOwner };
  return { action: "refuse", ownership, managedBy: previousOwner };
}
