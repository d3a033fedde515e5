import type { CreateResult, UpdateResult } from "./results";
import type { EnvironmentEntry, Logger } from "../client";
import {
  buildOutputs,
  claimantOf,
  declaredDefinition,
  importIdentifierOf,
  Inputs,
  inputsFromServer,
  isUnclaimed,
  markerOfInputs,
  notAppliedOf,
  ownerOfInputs,
} from "../custom-provider";
import { compareDefinitions } from "../definition/compare";
import { managedView } from "../definition/managed";
import { buildPayload } from "../definition/normalize";
import { sameEnvironmentUrl } from "../config";
import { keptMetadata, metadataOverflow, withKeptMetadata } from "../definition/kept-metadata";
import {
  actsAsOwner,
  describeOwner,
  ownerOf,
  ownershipOf,
  parseMarker,
  serverDefinition,
  withOwner,
} from "../definition/ownership";
import type { ApiDefinition, ApiProvider } from "../definition/types";
import { checkWrite, keptMetadataLost, onlyNotApplied, recordNotApplied } from "../definition/write-check";
import { isConflict, isInUse, isNotFound, ScalekitNotFoundError } from "../errors";
import { controlsChanged } from "./diff";
import { AdoptionRequiredError } from "./errors/adoption-required-error";
import { MarkerNotKeptError } from "./errors/marker-not-kept-error";
import { MetadataLimitError } from "./errors/metadata-limit-error";
import { NotAppliedError } from "./errors/not-applied-error";
import { ProviderGoneError } from "./errors/provider-gone-error";
import { ProviderInUseError } from "./errors/provider-in-use-error";
import { ProviderTakenOverError } from "./errors/provider-taken-over-error";
import { decideExisting } from "./existing-provider";
import * as messages from "./messages";

/**
 * The provider's writes (create, update, delete), each one checked against the environment before
 * (whose provider it is: definition/ownership.ts, read afresh before an update or a delete) and after
 * (what Scalekit actually stored: definition/write-check.ts). Every write sends back the metadata
 * that others own (definition/kept-metadata.ts). The implementation picks the environment; these act on it.
 */
export interface WriteContext {
  env: EnvironmentEntry;
  logger: Logger;
}

export async function createProvider({ env, logger }: WriteContext, inputs: Inputs): Promise<CreateResult> {
  const { client, snapshot } = env;
  const declared = buildPayload(declaredDefinition(inputs));
  const payload = withOwner(declared, markerOfInputs(inputs));
  const name = payload.display_name;
  const imported = importIdentifierOf(inputs);
  if (imported) {
    const found = await snapshot.findByIdentifier(imported, { confirm: true });
    if (!found) {
      const message = messages.importNotFound(imported, client.environmentUrl);
      throw new ScalekitNotFoundError(message, { identifier: imported }, client.environmentUrl);
    }
    return takeExisting({ env, logger }, inputs, found, declared);
  }
  const existing = await snapshot.findByName(name);
  if (existing) return takeExisting({ env, logger }, inputs, existing, declared);

  let created;
  try {
    created = await client.createProvider(payload);
  } catch (err) {
    if (!isConflict(err)) throw err;
    // The name was made since the snapshot was listed, perhaps by our own earlier attempt (an
    // unknown outcome, then a retry that clashed): look again afresh, and let the marker tell.
    const clash = await snapshot.refreshName(name);
    if (clash) return takeExisting({ env, logger }, inputs, clash, declared, err.serverMessage);
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
      return takeExisting({ env, logger }, inputs, provider, declared);
    }
  }
  return { id: provider.identifier, outs: finishWrite({ env, logger }, inputs, { declared, kept: {} }, provider) };
}

/** A provider of the declared name (or imported identifier) exists: recover, adopt or refuse (existing-provider.ts). */
async function takeExisting(
  { env, logger }: WriteContext,
  inputs: Inputs,
  existing: ApiProvider,
  declared: ApiDefinition,
  serverMessage?: string,
): Promise<CreateResult> {
  const { client, snapshot } = env;
  const name = declared.display_name;
  const marker = markerOfInputs(inputs);
  const how = importIdentifierOf(inputs) !== undefined ? "import" : "adopt";
  const decision = decideExisting(existing, declared, marker, claimantOf(inputs), {
    adopt: inputs.adopt === true,
    imported: how === "import",
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
  const write = decision.writeDefinition || decision.writeMarker;
  // The metadata the provider holds that this resource never declared (it declared nothing before): kept.
  const kept = keptMetadata(existing, undefined, declared);
  const payload = withOwner(withKeptMetadata(declared, kept), marker);
  if (write) refuseOverflow(declared, kept, marker, existing.identifier);
  const provider = write ? await client.updateProvider(existing.identifier, payload) : existing;
  snapshot.record(provider);
  if (decision.action === "adopt" && write && marker !== undefined && ownerOf(provider) !== marker) {
    // Recorded, this stack would co-own it with the owner its answer still names: fail closed.
    throw new MarkerNotKeptError(name, existing.identifier, marker, describeOwner(provider));
  }
  logger.warn(
    decision.action === "recover"
      ? messages.recovered(name, existing.identifier, write)
      : messages.adopted(
          name,
          existing.identifier,
          how,
          { definition: decision.writeDefinition, marker: decision.writeMarker },
          decision.previousOwner,
        ),
  );
  const outs = write
    ? finishWrite({ env, logger }, inputs, { declared, kept }, provider)
    : buildOutputs(inputs, provider, client.environmentUrl);
  return { id: existing.identifier, outs };
}

export async function updateProvider(
  { env, logger }: WriteContext,
  identifier: string,
  olds: Inputs,
  news: Inputs,
): Promise<UpdateResult> {
  const { client, snapshot } = env;
  const declared = buildPayload(declaredDefinition(news));
  const marker = markerOfInputs(news);
  const name = declared.display_name;
  // Whose it is now, from a listing no older than the ownershipReadMaxAge setting: a provider another
  // stack adopted since (even while this run was going) is not overwritten. `adopt: true` does not
  // take it back: it acts only when the resource enters the state (a create or an import), so one left
  // behind cannot silently take a provider from its new owner. One without a marker keeps the
  // behaviour of old versions; one with a marker of an unexpected shape counts as another owner's.
  const current = await snapshot.findFresh(identifier, env.config.settings().ownershipReadMaxAgeMs);
  // A miss is confirmed by a direct look-up: the provider was deleted outside Pulumi.
  if (!current) throw new ProviderGoneError(identifier, client.environmentUrl, undefined);
  const ownership = ownershipOf(current, claimantOf(news, olds));
  if (!actsAsOwner(ownership)) {
    throw new ProviderTakenOverError(name, identifier, client.environmentUrl, describeOwner(current), {
      adopt: news.adopt === true,
      imported: isUnclaimed(olds),
      unreadable: ownership === "unreadable",
    });
  }
  // Only what Scalekit declined at the last write, asked again: sending it would change nothing.
  const moved = typeof olds.environmentUrl === "string" && !sameEnvironmentUrl(olds.environmentUrl, client.environmentUrl);
  if (!controlsChanged(olds, news, moved)) {
    const refusals = onlyNotApplied(declaredDefinition(olds), declared, notAppliedOf(olds));
    if (refusals) throw new NotAppliedError(name, identifier, refusals);
  }
  // The metadata keys this resource never declared (neither before nor now) go back as Scalekit stores
  // them, so a server that replaces metadata keeps them; only keys the declaration removed are left out.
  const kept = keptMetadata(current, declaredDefinition(olds), declared);
  refuseOverflow(declared, kept, marker, identifier);
  const payload = withOwner(withKeptMetadata(declared, kept), marker);

  const comparison = compareDefinitions(declaredDefinition(olds), declared);
  let provider;
  try {
    // An answer naming another identifier is a ScalekitIdentifierMismatchError: the state keeps this one.
    provider = await client.updateProvider(identifier, payload);
    snapshot.record(provider);
  } catch (err) {
    if (isNotFound(err)) throw new ProviderGoneError(identifier, client.environmentUrl, err);
    throw err;
  }
  if (comparison.authChanged) {
    logger.warn(messages.authSettingsChanged(name, comparison.scopesAdded, comparison.scopesRemoved));
  }
  return { outs: finishWrite({ env, logger }, news, { declared, kept }, provider) };
}

export async function deleteProvider({ env, logger }: WriteContext, identifier: string, props: Inputs): Promise<void> {
  const { client, snapshot } = env;
  // Whose it is now, from a listing no older than the ownershipReadMaxAge setting (see updateProvider).
  const current = await snapshot.findFresh(identifier, env.config.settings().ownershipReadMaxAgeMs);
  const name = String(declaredDefinition(props).display_name ?? identifier);
  if (current && !actsAsOwner(ownershipOf(current, claimantOf(props)))) {
    // Adopted by another stack since: theirs now. Pulumi drops it from this state; it stays in Scalekit.
    logger.warn(messages.forgotten(name, identifier, client.environmentUrl, describeOwner(current)));
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

/** Refuses, before sending (or at preview), a write that Scalekit's limit of metadata pairs would refuse. */
export function refuseOverflow(
  declared: ApiDefinition,
  kept: Record<string, string>,
  marker: string | undefined,
  identifier: string | undefined,
): void {
  const overflow = metadataOverflow(declared, kept, marker !== undefined);
  if (overflow) throw new MetadataLimitError(String(declared.display_name ?? ""), identifier, overflow);
}

/** What one write sent besides the marker: the declaration, and the metadata kept for others. */
interface Sent {
  declared: ApiDefinition;
  kept: Record<string, string>;
}

/**
 * The outputs of a write, from what Scalekit answered rather than what was sent: what it did not
 * apply is reported and recorded (the inputs echoed as Scalekit holds them, so the next preview shows
 * the remaining difference), and what it kept beyond the declaration is reported once. The metadata
 * kept for others and the marker are checked too, and reported, never recorded: they are not declared.
 */
function finishWrite({ env, logger }: WriteContext, inputs: Inputs, { declared, kept }: Sent, provider: ApiProvider): Inputs {
  const server = serverDefinition(provider);
  const { notApplied, leftovers } = checkWrite(declared, server, new Set(Object.keys(kept)));
  const name = declared.display_name;
  if (notApplied.length) logger.warn(messages.notApplied(name, provider.identifier, notApplied));
  if (leftovers.length) logger.warn(messages.leftoversKept(name, provider.identifier, leftovers));
  const lost = keptMetadataLost(kept, server);
  if (lost.length) logger.warn(messages.keptMetadataLost(name, provider.identifier, lost));
  // The marker is checked like any field: without it in Scalekit's answer, the provider's previous
  // owner would still take it for its own. It is reported, not recorded: every update sends it again,
  // and every update and delete reads it afresh before acting (a take-over that loses it fails instead).
  const marker = markerOfInputs(inputs);
  if (marker !== undefined && ownerOf(provider) !== marker) {
    logger.warn(messages.markerNotKept(name, provider.identifier, marker, ownerOf(provider)));
  }
  const echoed = notApplied.length ? inputsFromServer(managedView(server, declared), inputs) : inputs;
  return buildOutputs(echoed, provider, env.client.environmentUrl, notApplied.map(recordNotApplied));
}

/** The resource's own name, from its owner (project/stack/resource), for messages. */
function resourceOf(inputs: Inputs): string | undefined {
  const owner = ownerOfInputs(inputs);
  return owner === undefined ? undefined : parseMarker(owner).resource;
}
