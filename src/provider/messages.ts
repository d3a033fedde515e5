/** The texts a user reads when something needs their action; kept together so they stay consistent. */

export function adoptionRequired(name: string, identifier: string, environmentUrl: string, managedBy?: string): string {
  const owner = managedBy
    ? `is managed by ${managedBy} (project/stack/resource), not by this resource`
    : "is not managed by this stack (it carries no Pulumi ownership marker: made by hand or by another tool)";
  return (
    `A custom provider named "${name}" already exists in ${environmentUrl} (identifier ${identifier}) and ${owner}. ` +
    `It is never taken over silently, even when identical, because two stacks would then co-own it and destroying either would delete it. ` +
    `To bring it under this stack, set adopt: true on this resource and run again: it will be taken over and updated to this declaration. ` +
    `Otherwise choose another displayName.`
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

export function adopted(name: string, identifier: string, changed: boolean): string {
  return `Adopted the existing custom provider "${name}" (${identifier})${changed ? " and updated it to this declaration" : "; it already matched this declaration"}.`;
}

export function recovered(name: string, identifier: string, changed: boolean): string {
  return (
    `Custom provider "${name}" (${identifier}) was created by this resource in an interrupted earlier run that never recorded it; ` +
    `it is now recorded${changed ? " and updated to this declaration" : ""}. If \`pulumi up\` warned about pending operations, ` +
    `run \`pulumi refresh --clear-pending-creates\` once.`
  );
}

export function environmentMoved(recorded: string, configured: string, namespace: string): string {
  return (
    `This provider lives in ${recorded}, but ${namespace}:environmentUrl now points at ${configured}. ` +
    `Changing a stack's environment would orphan its providers: set ${namespace}:environmentUrl back and ` +
    `run \`pulumi destroy\` first, or manage the other environment in its own stack (or namespace). ` +
    `If ${configured} is a new URL of the same environment (a custom domain), say so with ` +
    `\`pulumi config set ${namespace}:previousEnvironmentUrl ${recorded}\` and run \`pulumi up\`: it is verified by listing.`
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

export function identifierChanged(name: string, before: string, after: string, pulumiId: string): string {
  return (
    `Scalekit answered the update of custom provider "${name}" with another identifier: the identifier changed from ${before} to ${after}. ` +
    `The new identifier is recorded in the output \`identifier\` and used from now on (the Pulumi id stays ${pulumiId}). ` +
    `Anything outside this stack that refers to ${before} (connections, code, the other stack's compare) must use ${after}.`
  );
}
