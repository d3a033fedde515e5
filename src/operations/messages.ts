import { credentialSize } from "../definition/credentials";
import type { Leftover } from "../definition/managed";
import { Ownership, parseMarker } from "../definition/ownership";
import type { NotApplied, RecordedNotApplied } from "../definition/write-check";

/** The texts a user reads when something needs their action; kept together so they stay consistent. */

/** Why create will not take a provider of the declared name, and what the user can do. */
export function adoptionRequired(
  name: string,
  identifier: string,
  environmentUrl: string,
  ownership: Ownership | undefined,
  managedBy: string | undefined,
  resource?: string,
): string {
  const intro = `A custom provider named "${name}" already exists in ${environmentUrl} (identifier ${identifier})`;
  const coOwn =
    "It is never taken over silently, even when identical, because two stacks would then co-own it and destroying either would delete it.";
  const adopt =
    "To bring it under this stack, set adopt: true on this resource and run again: it will be taken over, its marker rewritten " +
    "to this resource (so its previous owner's delete leaves it alone), and updated to this declaration. Otherwise choose another displayName.";
  const theirs = managedBy ? parseMarker(managedBy) : undefined;
  if (ownership === "same-stack" && theirs) {
    const renamed = resource ?? "<new name>";
    return (
      `${intro} and is managed by resource "${theirs.resource}" of this same project and stack (marker ${managedBy}). ` +
      `If you renamed that resource to "${renamed}", tell Pulumi it is the same resource rather than adopting it: add the resource option ` +
      `aliases: [{ name: "${theirs.resource}" }] to "${renamed}" (in this repository's program: pulumi config set --path 'renamed.${renamed}' ${theirs.resource}, ` +
      `see docs/ownership.md). Pulumi then updates it in place and records the new name; adopting it instead would leave the old resource to be deleted.`
    );
  }
  if (ownership === "another-state" && theirs) {
    return (
      `${intro} and carries the marker of this same project, stack and resource, but written by another Pulumi state ` +
      `(state id ${theirs.stateId}): another backend (e.g. CI's and a laptop's --local one) manages the same stack names against this environment. ` +
      `Nothing was changed. Manage each environment from one backend; if this state should take the provider over, set adopt: true on this resource.`
    );
  }
  if (ownership === "ours-legacy") {
    return (
      `${intro} and carries this project/stack/resource's marker as versions before state ids wrote it (${managedBy}), ` +
      `so it cannot tell whether this state created it in an interrupted run or another state with the same names did. ` +
      `Nothing was changed. If this stack created it, set adopt: true on this resource once.`
    );
  }
  if (ownership === "unreadable") {
    return (
      `${intro} and carries ${managedBy ?? "an ownership marker of an unexpected shape"}: whose it is cannot be read, so it counts ` +
      `as another owner's. Nothing was changed. ${adopt}`
    );
  }
  const owner = managedBy
    ? `is managed by ${managedBy} (project/stack/resource@state), not by this resource`
    : "is not managed by this stack (it carries no Pulumi ownership marker: made by hand or by another tool)";
  return `${intro} and ${owner}. ${coOwn} ${adopt}`;
}

/**
 * An update found the provider taken over by someone else since this stack recorded it. `adopt` does
 * not take it back: it acts only when the resource enters the state (a create or an import).
 */
export function updateRefused(
  name: string,
  identifier: string,
  environmentUrl: string,
  managedBy: string,
  how: { adopt?: boolean; imported?: boolean; unreadable?: boolean },
): string {
  const lingering = how.adopt
    ? `adopt: true, still set on this resource, does not take it back: adopt acts only when a resource is created (or imported), ` +
      `so that a setting left behind cannot silently take a provider from its new owner. `
    : "";
  return (
    `Custom provider "${name}" (${identifier}) in ${environmentUrl} is now managed by ${managedBy}, not by this resource: ` +
    (how.unreadable
      ? `its ownership marker is not one this version can read, so it counts as another owner's: nothing is written to a provider this resource cannot show is its own. `
      : how.imported
        ? `this stack imported it (pulumi import), but an import takes no provider from the stack whose marker it carries, so its first update writes nothing. `
        : `another stack took it over (adopt or import). `) +
    `Nothing was changed. ${lingering}` +
    `To take it back on purpose, agree with its owner, then make this stack forget it without touching Scalekit ` +
    `(pulumi state delete with this resource's URN, see pulumi stack --show-urns) and run pulumi up with adopt: true on this resource: ` +
    `the create takes it over, and the review flags it (adopt). To leave it to them, remove this resource from the program: ` +
    `its delete will then only forget it.`
  );
}

/** A delete left another owner's provider in place. */
export function forgotten(name: string, identifier: string, environmentUrl: string, managedBy: string): string {
  return (
    `Custom provider "${name}" (${identifier}) in ${environmentUrl} is now managed by ${managedBy}, not by this resource: ` +
    `it was left in place and only removed from this stack's state.`
  );
}

/** The provider a Pulumi import names is not there. */
export function importNotFound(identifier: string, environmentUrl: string): string {
  return (
    `The import names custom provider ${identifier}, but ${environmentUrl} has no custom provider with that identifier. ` +
    `Nothing was created or imported. Check the identifier (scalekit-providers export env lists them), or remove the import to create a new provider.`
  );
}

export function inUse(name: string, identifier: string, environmentUrl: string, serverMessage: string): string {
  return (
    `Custom provider "${name}" (${identifier}) in ${environmentUrl} is still in use, so Scalekit refuses to delete it. ` +
    `Delete its connections and connected accounts in the Scalekit Dashboard, then run this again. (Scalekit said: ${serverMessage})`
  );
}

export function goneOnUpdate(identifier: string, environmentUrl: string): string {
  return (
    `Custom provider ${identifier} no longer exists in ${environmentUrl}: it was deleted outside Pulumi. ` +
    `Run \`pulumi refresh\` to drop it from the stack's state, then \`pulumi up\` to create it again.`
  );
}

export function authSettingsChanged(name: string, scopesAdded: string[], scopesRemoved: string[]): string {
  const scopes = [
    scopesAdded.length ? `scopes added: ${scopesAdded.join(", ")}` : "",
    scopesRemoved.length ? `scopes removed: ${scopesRemoved.join(", ")}` : "",
  ].filter(Boolean);
  return (
    `The auth settings of custom provider "${name}" changed${scopes.length ? ` (${scopes.join("; ")})` : ""}: ` +
    `existing connections may need re-creating, and connected accounts re-authorizing, before tool calls use the new settings.`
  );
}

/**
 * A take-over (adopt, or Pulumi's `import` option), saying what was written: the declaration and the
 * marker, the marker alone (a metadata-only update), or nothing (it already matched, and the resource
 * has no marker to write: a provider carrying this resource's marker is recovered, not adopted).
 */
export function adopted(
  name: string,
  identifier: string,
  how: "adopt" | "import",
  wrote: { definition: boolean; marker: boolean },
  previousOwner: string | undefined,
): string {
  const verb = how === "import" ? "Imported" : "Adopted";
  const from = previousOwner ? ` from ${previousOwner}` : "";
  const what =
    wrote.definition && wrote.marker
      ? ": updated it to this declaration and wrote this resource's ownership marker"
      : wrote.definition
        ? ": updated it to this declaration"
        : wrote.marker
          ? ": it already matched this declaration; wrote this resource's ownership marker (an update of its metadata only)"
          : ": it already matched this declaration; nothing was written";
  return `${verb} the existing custom provider "${name}" (${identifier})${from}${what}.`;
}

/** A take-over whose answer does not carry this resource's marker: not recorded, so two stacks never co-own it. */
export function takeOverMarkerNotKept(name: string, identifier: string, sent: string, found: string): string {
  return (
    `Scalekit's answer for custom provider "${name}" (${identifier}) does not carry this resource's ownership marker ` +
    `(sent ${sent}, found ${found}), so taking it over is not complete: this stack did not record it, because its previous ` +
    `owner would still take it for its own, and deleting it from either stack would delete it for both. ` +
    `Check its metadata "managed_by_pulumi" in the Scalekit Dashboard and run pulumi up again.`
  );
}

/** An update (or a take-over) would send more metadata pairs than Scalekit allows, once others' keys are sent back. */
export function metadataOverLimit(
  name: string,
  identifier: string | undefined,
  o: { pairs: number; declared: number; kept: string[]; marked: boolean; limit: number },
): string {
  const where = identifier ? ` (${identifier})` : "";
  return (
    `Custom provider "${name}"${where} would be written with ${o.pairs} metadata pairs, more than Scalekit's ${o.limit}: ` +
    `${o.declared} declared, ${o.marked ? "the ownership marker, and " : ""}${o.kept.length} that this stack never declared ` +
    `(${o.kept.join(", ")}), which every update sends back as Scalekit stores them so that a server that replaces metadata keeps them. ` +
    `Nothing was sent. Remove some of those keys in the Scalekit Dashboard (or declare them, to manage them here), or declare fewer.`
  );
}

/** Metadata that others own was sent back as stored, and Scalekit's answer does not hold it. */
export function keptMetadataLost(name: string, identifier: string, keys: readonly string[]): string {
  return (
    `Scalekit's answer for custom provider "${name}" (${identifier}) does not hold, as sent back, the metadata keys this stack ` +
    `never declared: ${keys.join(", ")}. They were set outside this stack; check them in the Scalekit Dashboard.`
  );
}

/** A write's answer does not carry the ownership marker that was sent. */
export function markerNotKept(name: string, identifier: string, sent: string, found: string | undefined): string {
  return (
    `Scalekit's answer for custom provider "${name}" (${identifier}) does not carry this resource's ownership marker ` +
    `(sent ${sent}, found ${found ?? "none"}): a stack that managed it before may still take it for its own. ` +
    `Check its metadata "managed_by_pulumi" in the Scalekit Dashboard.`
  );
}

export function recovered(name: string, identifier: string, changed: boolean): string {
  return (
    `Custom provider "${name}" (${identifier}) was created by this resource in an interrupted earlier run that never recorded it; ` +
    `it is now recorded${changed ? " and updated to this declaration" : ""}. If \`pulumi up\` warned about pending operations, ` +
    `run \`pulumi refresh --clear-pending-creates\` once.`
  );
}

/** `urlSetting`: where the configured URL came from, e.g. `scalekit:environmentUrl` or `SCALEKIT_ENVIRONMENT_URL`. */
export function environmentMoved(recorded: string, configured: string, namespace: string, urlSetting: string): string {
  return (
    `This provider lives in ${recorded}, but ${urlSetting} now points at ${configured}. ` +
    `Changing a stack's environment would orphan its providers: set ${urlSetting} back and ` +
    `run \`pulumi destroy\` first, or manage the other environment in its own stack (or namespace). ` +
    `If ${configured} is a new URL of the same environment (a custom domain), say so with ` +
    `\`pulumi config set ${namespace}:previousEnvironmentUrl ${recorded}\` and run \`pulumi up\`: it is verified by listing.`
  );
}

/** A recorded provider whose configuration names no environment: never compared as if nothing changed. */
export function noEnvironment(recorded: string, urlSetting: string): string {
  return (
    `This provider lives in ${recorded}, but its Pulumi provider names no environment (${urlSetting} is not set). ` +
    `If you removed an explicit provider from this resource, it now falls back to the default provider: give the resource ` +
    `its provider back, or set ${urlSetting} on the provider it uses to ${recorded}.`
  );
}

export function moveNotVerified(identifier: string, from: string, to: string, namespace: string): string {
  return (
    `${namespace}:previousEnvironmentUrl says ${to} is a new URL of the environment at ${from}, but ${to} does not list ` +
    `custom provider ${identifier}: it is not the same environment, or the provider was deleted. Nothing was changed. ` +
    `Remove ${namespace}:previousEnvironmentUrl and set ${namespace}:environmentUrl back to ${from}.`
  );
}

export function moveVerified(identifier: string, from: string, to: string): string {
  return `Custom provider ${identifier} is listed at ${to}; it is now recorded under ${to} instead of ${from}.`;
}

/**
 * Where a value may be shown in full: the name. The provider never sees which values were declared
 * secret (the engine strips the marking before calling it), so a warning cannot tell a secret
 * proxy_url from a plain one: any other text is told by its size only, as credentials are
 * (definition/credentials.ts).
 */
const SHOWN_FIELDS = new Set(["display_name"]);

function shown(field: string, value: unknown): string {
  if (value === undefined) return "(nothing)";
  if (value === null || typeof value === "boolean" || typeof value === "number") return JSON.stringify(value);
  if (typeof value === "string") {
    if (value === "") return '""';
    return SHOWN_FIELDS.has(field)
      ? JSON.stringify(value.length > 120 ? `${value.slice(0, 117)}...` : value)
      : `a value of ${credentialSize(value)} (not shown)`;
  }
  return "a value (not shown)";
}

/** A write that Scalekit answered without applying all of it. */
export function notApplied(name: string, identifier: string, parts: readonly NotApplied[]): string {
  const list = parts.map((p) => `${p.field}: sent ${shown(p.field, p.sent)}, Scalekit kept ${shown(p.field, p.kept)}`).join("; ");
  return (
    `Scalekit did not apply all of the write to custom provider "${name}" (${identifier}): ${list}. ` +
    `This stack now records what Scalekit holds, so the next preview shows the difference, and the next up that changes nothing else fails without sending it. ` +
    `To reach the declaration: replace the provider (pulumi up --replace with this resource's URN), or change it in the Scalekit Dashboard ` +
    `and run pulumi refresh; or declare what Scalekit keeps.`
  );
}

/** A write after which Scalekit still holds values the declaration drops (managed.ts). */
export function leftoversKept(name: string, identifier: string, parts: readonly Leftover[]): string {
  const list = parts.map((p) => `${p.field} (${shown(p.field, p.kept)})`).join(", ");
  return (
    `Custom provider "${name}" (${identifier}) still holds values its declaration does not have: ${list}. ` +
    `Scalekit's update merges metadata and cannot clear description or icon_src, so they stay, unmanaged: this stack no longer compares them. ` +
    `Remove them in the Scalekit Dashboard if they should go.`
  );
}

/** An update whose only changes Scalekit already declined: nothing is sent. */
export function notAppliedAgain(name: string, identifier: string, refusals: readonly RecordedNotApplied[]): string {
  return (
    `Nothing was sent to custom provider "${name}" (${identifier}): the only change (${refusals.map((r) => r.field).join(", ")}) ` +
    `is one Scalekit did not apply at the last write, and sending it again would change nothing. ` +
    `Replace the provider (pulumi up --replace with this resource's URN), change it in the Scalekit Dashboard and run pulumi refresh, ` +
    `or declare the value Scalekit keeps.`
  );
}

/** A preview of a change that includes what Scalekit declined at the last write. */
export function remainingDifference(name: string, refusals: readonly RecordedNotApplied[], only: boolean): string {
  const fields = refusals.map((r) => r.field).join(", ");
  return (
    `custom provider "${name}": Scalekit did not apply ${fields} at the last write and still holds its own value, so this ` +
    `difference remains. ${only ? "An up will fail on it without sending anything" : "An up sends it again with the other changes"}: ` +
    `replace the provider, change it in the Scalekit Dashboard, or declare what Scalekit keeps (docs/update-semantics.md).`
  );
}
