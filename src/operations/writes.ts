import type { CreateResult, UpdateResult } from "./results";
import type { EnvironmentEntry, Logger } from "../client";
import {
  buildOutputs,
  claimantOf,
  declaredDefinition,
  importIdentifierOf,
  Inputs,
  inputsFromServer,
  markerOfInputs,
  notAppliedOf,
  ownerOfInputs,
} from "../custom-provider";
import { compareDefinitions } from "../definition/compare";
import { managedView } from "../definition/managed";
import { buildPayload } from "../definition/normalize";
import { sameEnvironmentUrl } from "../config";
import {
  actsAsOwner,
  OWNER_KEY,
  ownerOf,
  ownershipOf,
  parseMarker,
  serverDefinition,
  withOwner,
  withoutOwner,
} from "../definition/ownership";
import type { ApiDefinition, ApiProvider } from "../definition/types";
import { checkWrite, onlyNotApplied, recordNotApplied } from "../definition/write-check";
import { isConflict, isInUse, isNotFound, ScalekitNotFoundError } from "../errors";
import { controlsChanged } from "./diff";
import { AdoptionRequiredError } from "./errors/adoption-required-error";
import { NotAppliedError } from "./errors/not-applied-error";
import { ProviderGoneError } from "./errors/provider-gone-error";
import { ProviderInUseError } from "./errors/provider-in-use-error";
import { ProviderTakenOverError } from "./errors/provider-taken-over-error";
import { decideExisting } from "./existing-provider";
import * as messages from "./messages";

/**
 * The provider's writes (create, update, delete), each one checked against the environment before
 * (whose provider it is: definition/ownership.ts) and after (what Scalekit actually stored:
 * definition/write-check.ts). The implementation picks the environment; these act on it.
 */
export interface WriteContext {
  env: EnvironmentEntry;
  logger: Logger;
}

export async function createProvider({ env, logger }: WriteContext, inputs: Inputs): Promise<CreateResult> {
  const { client, snapshot } = env;
  const payload = withOwner(buildPayload(declaredDefinition(inputs)), markerOfInputs(inputs));
  const name = payload.display_name;
  const imported = importIdentifierOf(inputs);
  if (imported) {
    const found = await snapshot.findByIdentifier(imported, { confirm: true });
    if (!found) {
      const message = messages.importNotFound(imported, client.environmentUrl);
      throw new ScalekitNotFoundError(message, { identifier: imported }, client.environmentUrl);
    }
    return takeExisting({ env, logger }, inputs, found, payload);
  }
  const existing = await snapshot.findByName(name);
  if (existing) return takeExisting({ env, logger }, inputs, existing, payload);

  let created;
  try {
    created = await client.createProvider(payload);
  } catch (err) {
    if (!isConflict(err)) throw err;
    // The name was made since the snapshot was listed, perhaps by our own earlier attempt (an
    // unknown outcome, then a retry that clashed): look again afresh, and let the marker tell.
    const clash = await snapshot.refreshName(name);
    if (clash) return takeExisting({ env, logger }, inputs, clash, payload, err.serverMessage);
    throw new AdoptionRequiredError(
      name,
      undefined,
      client.environmentUrl,
      err.serverMessage,
      undefined,
      undefined,
      resourceOf(inputs),
    );
  }
  const { provider, recovered } = created;
  snapshot.record(provider);
  if (recovered) {
    logger.debug(`create of "${name}" had an unknown outcome; found it as ${provider.identifier}`);
    // Found by name after an unknown outcome: ours only if it carries our marker.
    const claimant = claimantOf(inputs);
    if (claimant !== undefined && ownershipOf(provider, claimant) !== "ours") {
      return takeExisting({ env, logger }, inputs, provider, payload);
    }
  }
  return { id: provider.identifier, outs: finishWrite({ env, logger }, inputs, payload, provider) };
}

/** A provider of the declared name (or imported identifier) exists: recover, adopt or refuse (existing-provider.ts). */
async function takeExisting(
  { env, logger }: WriteContext,
  inputs: Inputs,
  existing: ApiProvider,
  payload: ApiDefinition,
  serverMessage?: string,
): Promise<CreateResult> {
  const { client, snapshot } = env;
  const name = payload.display_name;
  const decision = decideExisting(existing, payload, claimantOf(inputs), {
    adopt: inputs.adopt === true,
    imported: importIdentifierOf(inputs) !== undefined,
  });
  if (decision.action === "refuse") {
    throw new AdoptionRequiredError(
      name,
      existing.identifier,
      client.environmentUrl,
      serverMessage,
      decision.managedBy,
      decision.ownership,
      resourceOf(inputs),
    );
  }
  const provider = decision.write ? await client.updateProvider(existing.identifier, payload) : existing;
  snapshot.record(provider);
  logger.warn(
    decision.action === "recover"
      ? messages.recovered(name, existing.identifier, decision.write)
      : messages.adopted(
          name,
          existing.identifier,
          decision.write,
          decision.previousOwner,
          decision.previousOwner === payload.metadata?.[OWNER_KEY],
        ),
  );
  const outs = decision.write
    ? finishWrite({ env, logger }, inputs, payload, provider)
    : buildOutputs(inputs, provider, client.environmentUrl);
  return { id: existing.identifier, outs };
}

export async function updateProvider(
  { env, logger }: WriteContext,
  pulumiId: string,
  identifier: string,
  olds: Inputs,
  news: Inputs,
): Promise<UpdateResult> {
  const { client, snapshot } = env;
  const declared = buildPayload(declaredDefinition(news));
  const payload = withOwner(declared, markerOfInputs(news));
  // Whose it is now: a provider adopted by another stack since is not overwritten, unless this
  // resource says adopt: true (takes it back). One without a marker keeps the behaviour of old versions.
  const current = await snapshot.findByIdentifier(identifier);
  // A miss is confirmed by a direct look-up: the provider was deleted outside Pulumi.
  if (!current) throw new ProviderGoneError(identifier, client.environmentUrl, undefined);
  if (!actsAsOwner(ownershipOf(current, claimantOf(news, olds)))) {
    if (news.adopt !== true) {
      throw new ProviderTakenOverError(payload.display_name, identifier, client.environmentUrl, ownerOf(current)!);
    }
    logger.warn(messages.adopted(payload.display_name, identifier, true, ownerOf(current)));
  }
  // Only what Scalekit declined at the last write, asked again: sending it would change nothing.
  const moved = typeof olds.environmentUrl === "string" && !sameEnvironmentUrl(olds.environmentUrl, client.environmentUrl);
  if (!controlsChanged(olds, news, moved)) {
    const refusals = onlyNotApplied(declaredDefinition(olds), declared, notAppliedOf(olds));
    if (refusals) throw new NotAppliedError(payload.display_name, identifier, refusals);
  }

  const comparison = compareDefinitions(declaredDefinition(olds), declared);
  let provider;
  try {
    provider = await client.updateProvider(identifier, payload);
    snapshot.record(provider);
  } catch (err) {
    if (isNotFound(err)) throw new ProviderGoneError(identifier, client.environmentUrl, err);
    throw err;
  }
  if (provider.identifier !== identifier) {
    logger.warn(messages.identifierChanged(payload.display_name, identifier, provider.identifier, pulumiId));
  }
  if (comparison.authChanged) {
    logger.warn(messages.authSettingsChanged(payload.display_name, comparison.scopesAdded, comparison.scopesRemoved));
  }
  return { outs: finishWrite({ env, logger }, news, payload, provider) };
}

export async function deleteProvider({ env, logger }: WriteContext, identifier: string, props: Inputs): Promise<void> {
  const { client, snapshot } = env;
  const current = await snapshot.findByIdentifier(identifier);
  const name = String(declaredDefinition(props).display_name ?? identifier);
  if (current && !actsAsOwner(ownershipOf(current, claimantOf(props)))) {
    // Adopted by another stack since: theirs now. Pulumi drops it from this state; it stays in Scalekit.
    logger.warn(messages.forgotten(name, identifier, client.environmentUrl, ownerOf(current)!));
    return;
  }
  try {
    await client.deleteProvider(identifier);
    snapshot.forget(identifier);
  } catch (err) {
    if (isInUse(err)) throw new ProviderInUseError(name, identifier, client.environmentUrl, err);
    throw err;
  }
}

/**
 * The outputs of a write, from what Scalekit answered rather than what was sent: what it did not
 * apply is reported and recorded (the inputs echoed as Scalekit holds them, so the next preview shows
 * the remaining difference), and what it kept beyond the declaration is reported once.
 */
function finishWrite({ env, logger }: WriteContext, inputs: Inputs, payload: ApiDefinition, provider: ApiProvider): Inputs {
  const sent = withoutOwner(payload);
  const server = serverDefinition(provider);
  const { notApplied, leftovers } = checkWrite(sent, server);
  const name = payload.display_name;
  if (notApplied.length) logger.warn(messages.notApplied(name, provider.identifier, notApplied));
  if (leftovers.length) logger.warn(messages.leftoversKept(name, provider.identifier, leftovers));
  // The marker is bookkeeping, left out of the comparison above; without it in Scalekit's answer, the
  // provider's previous owner would still take it for theirs.
  const marker = payload.metadata?.[OWNER_KEY];
  if (marker !== undefined && ownerOf(provider) !== marker) {
    logger.warn(messages.markerNotKept(name, provider.identifier, marker, ownerOf(provider)));
  }
  const echoed = notApplied.length ? inputsFromServer(managedView(server, sent), inputs) : inputs;
  return buildOutputs(echoed, provider, env.client.environmentUrl, notApplied.map(recordNotApplied));
}

/** The resource's own name, from its owner (project/stack/resource), for messages. */
function resourceOf(inputs: Inputs): string | undefined {
  const owner = ownerOfInputs(inputs);
  return owner === undefined ? undefined : parseMarker(owner).resource;
}
