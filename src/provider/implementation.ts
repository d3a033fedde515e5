import type * as dynamic from "@pulumi/pulumi/dynamic";
import { ClientOptions, CreateResult, Logger, ScalekitConfigError } from "../client";
import { EnvironmentEntry, EnvironmentRegistry } from "../client/environments";
import { ConfigSource, resolveConfig, ResolvedConfig } from "../config";
import {
  buildOutputs,
  checkInputs,
  declaredDefinition,
  Inputs,
  inputsFromServer,
  inputsOnly,
  namespaceOf,
  isReference,
  ownerOfInputs,
  recordedIdentifier,
  referenceOutputs,
} from "../custom-provider";
import { describeProblem } from "../definition/problem";
import type { ApiDefinition, ApiProvider } from "../definition/types";
import { compareDefinitions } from "../definition/compare";
import { buildPayload, sameDefinition } from "../definition/normalize";
import { ownershipOf, serverDefinition, withOwner } from "../definition/ownership";
import { isConflict, isInUse, isNotFound, ProviderNotFoundError } from "../errors";
import { placement } from "./placement";
import { diffInputs } from "./diff";
import { engineLogger, flushLogs } from "./engine-log";
import { exitWhenEngineGone } from "./engine-watch";
import { decideExisting } from "./existing-provider";
import { AdoptionRequiredError } from "./errors/adoption-required-error";
import { ProviderGoneError } from "./errors/provider-gone-error";
import { ProviderInUseError } from "./errors/provider-in-use-error";
import * as messages from "./messages";

export interface ImplementationOptions {
  /** Used when `configure` never ran (unit tests, programs calling the methods directly). */
  config?: ConfigSource;
  env?: NodeJS.ProcessEnv;
  clientOptions?: ClientOptions;
  logger?: Logger;
  /** What the provider knows of each environment (default: one registry for this instance). */
  environments?: EnvironmentRegistry;
}

/**
 * The real provider logic, loaded at call time by the shim stored in state. It holds no credential:
 * each call resolves the resource's environment from the stack config handed to `configure`.
 */
export class CustomProviderImplementation implements dynamic.ResourceProvider {
  private config: ConfigSource | undefined;
  private readonly environments: EnvironmentRegistry;
  private readonly logger: Logger;

  constructor(private readonly options: ImplementationOptions = {}) {
    this.config = options.config;
    this.logger = options.logger ?? engineLogger;
    this.environments = options.environments ?? new EnvironmentRegistry();
  }

  async configure(req: dynamic.ConfigureRequest): Promise<void> {
    this.config = req.config;
  }

  async check(_olds: Inputs, news: Inputs): Promise<dynamic.CheckResult> {
    const { problems, warnings } = checkInputs(news);
    const name = String((declaredDefinition(news) as { display_name?: unknown }).display_name ?? "");
    warnings.forEach((w) => this.logger.warn(`custom provider "${name}": ${w}`));
    await flushLogs();
    return {
      inputs: news,
      // Property names are left empty: the engine would print the whole value beside them, and the
      // reason already carries the full path, e.g. `authPatterns[0].type must be one of ...`.
      failures: problems.map((p) => ({ property: "", reason: describeProblem(p) })),
    };
  }

  async diff(_id: string, olds: Inputs, news: Inputs): Promise<dynamic.DiffResult> {
    // Surface a moved environment at preview time. Only the URL is resolved, locally: a reviewer
    // without the client secret, or without the namespace configured at all, can still preview.
    const config = this.resolve(news);
    const where = placement(olds.environmentUrl, config.environmentUrl, config.previousEnvironmentUrl());
    if (where.kind === "elsewhere")
      throw new ScalekitConfigError(messages.environmentMoved(where.recorded, where.configured, config.namespace));
    return diffInputs(olds, news, where);
  }

  async create(inputs: Inputs): Promise<dynamic.CreateResult> {
    const env = this.entry(this.resolve(inputs));
    const { client, snapshot } = env;
    const owner = ownerOfInputs(inputs);
    const payload = withOwner(buildPayload(declaredDefinition(inputs)), owner);
    const name = payload.display_name;
    const existing = await snapshot.findByName(name);
    if (existing) return this.takeExisting(env, inputs, existing, payload);

    let created: CreateResult;
    try {
      created = await client.createProvider(payload);
    } catch (err) {
      if (!isConflict(err)) throw err;
      // The name was made since the snapshot was listed, perhaps by our own earlier attempt (an
      // unknown outcome, then a retry that clashed): look again afresh, and let the marker tell.
      const clash = await snapshot.refreshName(name);
      if (clash) return this.takeExisting(env, inputs, clash, payload, err.serverMessage);
      throw new AdoptionRequiredError(name, undefined, client.environmentUrl, err.serverMessage);
    }
    const { provider, recovered } = created;
    snapshot.record(provider);
    if (recovered) {
      this.logger.debug(`create of "${name}" had an unknown outcome; found it as ${provider.identifier}`);
      // Found by name after an unknown outcome: ours only if it carries our marker.
      if (owner !== undefined && ownershipOf(provider, owner) !== "ours")
        return this.takeExisting(env, inputs, provider, payload);
    }
    return this.done(provider.identifier, buildOutputs(inputs, provider, client.environmentUrl));
  }

  /** A provider of the declared name exists: recover it, adopt it, or refuse (see existing-provider.ts). */
  private async takeExisting(
    { client, snapshot }: EnvironmentEntry,
    inputs: Inputs,
    existing: ApiProvider,
    payload: ApiDefinition,
    serverMessage?: string,
  ): Promise<dynamic.CreateResult> {
    const name = payload.display_name;
    const decision = decideExisting(existing, payload, ownerOfInputs(inputs), inputs.adopt === true);
    if (decision.action === "refuse") {
      throw new AdoptionRequiredError(name, existing.identifier, client.environmentUrl, serverMessage, decision.managedBy);
    }
    const provider = decision.write ? await client.updateProvider(existing.identifier, payload) : existing;
    snapshot.record(provider);
    this.logger.warn(
      decision.action === "recover"
        ? messages.recovered(name, existing.identifier, decision.write)
        : messages.adopted(name, existing.identifier, decision.write),
    );
    return this.done(existing.identifier, buildOutputs(inputs, provider, client.environmentUrl));
  }

  async read(id: string, props: Inputs): Promise<dynamic.ReadResult> {
    if (isReference(props)) return this.readReference(id, props);
    const identifier = recordedIdentifier(id, props);
    const { client, snapshot, verified } = await this.recorded(props, props.environmentUrl, identifier);
    const provider = verified ?? (await snapshot.findByIdentifier(identifier));
    // A blank id tells the engine the provider is gone, and refresh drops it from state.
    if (!provider) return { id: "", props: {} };
    const server = serverDefinition(provider);
    const previous = inputsOnly(props);
    const inputs = sameDefinition(server, declaredDefinition(previous)) ? previous : inputsFromServer(server, previous);
    return { id, props: buildOutputs(inputs, provider, client.environmentUrl), inputs };
  }

  /**
   * A read-only reference (`CustomProvider.get`): only the identifier and the config namespace are
   * known. Read when the program runs: a provider that is not there is an error naming it. Read again
   * by refresh: one deleted since is dropped from state, as a managed one would be.
   */
  private async readReference(id: string, props: Inputs): Promise<dynamic.ReadResult> {
    const identifier = recordedIdentifier(id, props);
    const { client, snapshot } = await this.recorded(props, props.environmentUrl, identifier);
    const provider = await snapshot.findByIdentifier(identifier);
    const namespace = typeof props.configNamespace === "string" ? props.configNamespace : undefined;
    if (provider) return { id: provider.identifier, props: referenceOutputs(provider, client.environmentUrl, namespace) };
    if (props.identifier !== undefined) return { id: "", props: {} };
    throw new ProviderNotFoundError({ identifier }, client.environmentUrl, "CustomProvider.get");
  }

  async update(id: string, olds: Inputs, news: Inputs): Promise<dynamic.UpdateResult> {
    const identifier = recordedIdentifier(id, olds);
    const { client, snapshot } = await this.recorded(news, olds.environmentUrl, identifier);
    const declared = buildPayload(declaredDefinition(news));
    const payload = withOwner(declared, ownerOfInputs(news));
    const comparison = compareDefinitions(declaredDefinition(olds), declared);
    let provider;
    try {
      provider = await client.updateProvider(identifier, payload);
      snapshot.record(provider);
    } catch (err) {
      if (isNotFound(err)) throw new ProviderGoneError(identifier, client.environmentUrl, err);
      throw err;
    }
    if (provider.identifier !== identifier)
      this.logger.warn(messages.identifierChanged(payload.display_name, identifier, provider.identifier, id));
    if (comparison.authChanged) {
      this.logger.warn(messages.authSettingsChanged(payload.display_name, comparison.scopesAdded, comparison.scopesRemoved));
    }
    await flushLogs();
    return { outs: buildOutputs(news, provider, client.environmentUrl) };
  }

  async delete(id: string, props: Inputs): Promise<void> {
    // The engine never deletes a read resource; should a reference ever reach here, it stays untouched.
    if (isReference(props)) return;
    const identifier = recordedIdentifier(id, props);
    const { client, snapshot } = await this.recorded(props, props.environmentUrl, identifier);
    try {
      await client.deleteProvider(identifier);
      snapshot.forget(identifier);
    } catch (err) {
      if (isInUse(err)) {
        const name = String(declaredDefinition(props).display_name ?? identifier);
        throw new ProviderInUseError(name, identifier, client.environmentUrl, err);
      }
      throw err;
    }
  }

  private async done(id: string, outs: Inputs): Promise<dynamic.CreateResult> {
    await flushLogs();
    return { id, outs };
  }

  /** The configuration of the namespace these inputs name, read once for this operation. */
  private resolve(inputs: Inputs): ResolvedConfig {
    return resolveConfig(this.config, namespaceOf(inputs), this.options.env);
  }

  /** The environment's client and snapshot, shared by every resource of it in this process. */
  private entry(config: ResolvedConfig): EnvironmentEntry {
    return this.environments.entryFor(config, { logger: this.logger, ...this.options.clientOptions });
  }

  /**
   * The environment of a provider recorded at `recordedUrl`. A provider recorded in another
   * environment is refused: deleting or updating it there would miss it (a 404 counts as deleted)
   * and orphan it. The one exception is a declared move to a new URL of the same environment
   * (`previousEnvironmentUrl`), accepted only once the new URL lists the provider's identifier.
   */
  private async recorded(
    inputs: Inputs,
    recordedUrl: unknown,
    identifier: string,
  ): Promise<EnvironmentEntry & { verified?: ApiProvider }> {
    const config = this.resolve(inputs);
    const env = this.entry(config);
    const where = placement(recordedUrl, env.environment.environmentUrl, config.previousEnvironmentUrl());
    if (where.kind === "elsewhere")
      throw new ScalekitConfigError(messages.environmentMoved(where.recorded, where.configured, config.namespace));
    if (where.kind !== "moved") return env;
    const verified = await env.client.findByIdentifier(identifier);
    if (!verified) throw new ScalekitConfigError(messages.moveNotVerified(identifier, where.from, where.to, config.namespace));
    this.logger.warn(messages.moveVerified(identifier, where.from, where.to));
    return { ...env, verified };
  }
}

/** The instance the shim in state calls. */
export const implementation = new CustomProviderImplementation();

// The shim loads this module in the provider process, whatever shim text a stack has stored: from
// then on the process must not outlive the engine that started it (see engine-watch.ts).
exitWhenEngineGone();
