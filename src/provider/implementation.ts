import type * as dynamic from "@pulumi/pulumi/dynamic";
import { ClientOptions, Logger, ScalekitApiError, ScalekitClient, ScalekitConfigError, ScalekitEnvironment } from "../client";
import { snapshotOf } from "../client/provider-snapshot";
import { describeProblem } from "../definition/problem";
import { compareDefinitions } from "../definition/compare";
import { buildPayload, definitionOf, sameDefinition } from "../definition/normalize";
import { resolveMaxConcurrentRequests } from "./concurrency-setting";
import { ConfigSource, resolveEnvironment } from "./credentials";
import { diffInputs } from "./diff";
import { engineLogger, flushLogs } from "./engine-log";
import { buildOutputs, checkInputs, declaredDefinition, Inputs, inputsFromServer, inputsOnly, namespaceOf } from "./inputs";
import { AdoptionRequiredError } from "./errors/adoption-required-error";
import { ProviderInUseError } from "./errors/provider-in-use-error";
import * as messages from "./messages";

export interface ImplementationOptions {
  /** Used when `configure` never ran (unit tests, programs calling the methods directly). */
  config?: ConfigSource;
  env?: NodeJS.ProcessEnv;
  clientOptions?: ClientOptions;
  logger?: Logger;
}

/**
 * The real provider logic, loaded at call time by the shim stored in state. It holds no credential:
 * each call resolves the resource's environment from the stack config handed to `configure`.
 */
export class CustomProviderImplementation implements dynamic.ResourceProvider {
  private config: ConfigSource | undefined;
  private readonly clients = new Map<string, ScalekitClient>();
  private readonly logger: Logger;

  constructor(private readonly options: ImplementationOptions = {}) {
    this.config = options.config;
    this.logger = options.logger ?? engineLogger;
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
    // Surface a moved environment at preview time; resolving config is local, no request is made.
    this.environmentFor(news, olds.environmentUrl);
    return diffInputs(olds, news);
  }

  async create(inputs: Inputs, afterConflict = false): Promise<dynamic.CreateResult> {
    const client = this.client(inputs);
    const payload = buildPayload(declaredDefinition(inputs));
    const name = payload.display_name;
    const existing = await snapshotOf(client).findByName(name);

    if (existing) {
      const identical = sameDefinition(definitionOf(existing), payload);
      if (inputs.adopt === true) {
        const provider = identical ? existing : await client.updateProvider(existing.identifier, payload);
        snapshotOf(client).record(provider);
        this.logger.warn(messages.adopted(name, existing.identifier, !identical));
        return this.done(existing.identifier, buildOutputs(inputs, provider, client.environmentUrl));
      }
      if (!identical) throw new AdoptionRequiredError(name, existing.identifier, client.environmentUrl);
      this.logger.warn(messages.resumedIdentical(name, existing.identifier));
      return this.done(existing.identifier, buildOutputs(inputs, existing, client.environmentUrl));
    }

    try {
      const { provider, recovered } = await client.createProvider(payload);
      snapshotOf(client).record(provider);
      if (recovered) this.logger.debug(`create of "${name}" had an unknown outcome; found it as ${provider.identifier}`);
      return this.done(provider.identifier, buildOutputs(inputs, provider, client.environmentUrl));
    } catch (err) {
      if (err instanceof ScalekitApiError && err.status === 409) {
        // The name was made since the snapshot was listed: look it up afresh and decide again.
        if (!afterConflict && (await snapshotOf(client).refreshName(name))) return this.create(inputs, true);
        throw new AdoptionRequiredError(name, undefined, client.environmentUrl, err.serverMessage);
      }
      throw err;
    }
  }

  async read(id: string, props: Inputs): Promise<dynamic.ReadResult> {
    const client = this.client(props, props.environmentUrl);
    const provider = await snapshotOf(client).findByIdentifier(id);
    // A blank id tells the engine the provider is gone, and refresh drops it from state.
    if (!provider) return { id: "", props: {} };
    const server = definitionOf(provider);
    const previous = inputsOnly(props);
    const inputs = sameDefinition(server, declaredDefinition(previous)) ? previous : inputsFromServer(server, previous);
    return { id, props: buildOutputs(inputs, provider, client.environmentUrl), inputs };
  }

  async update(id: string, olds: Inputs, news: Inputs): Promise<dynamic.UpdateResult> {
    const client = this.client(news, olds.environmentUrl);
    const payload = buildPayload(declaredDefinition(news));
    const comparison = compareDefinitions(declaredDefinition(olds), payload);
    let provider;
    try {
      provider = await client.updateProvider(id, payload);
      snapshotOf(client).record(provider);
    } catch (err) {
      if (err instanceof ScalekitApiError && err.status === 404) throw new Error(messages.goneOnUpdate(id, client.environmentUrl));
      throw err;
    }
    if (comparison.authChanged) {
      this.logger.warn(messages.authSettingsChanged(payload.display_name, comparison.scopesAdded, comparison.scopesRemoved));
    }
    await flushLogs();
    return { outs: buildOutputs(news, provider, client.environmentUrl) };
  }

  async delete(id: string, props: Inputs): Promise<void> {
    const client = this.client(props, props.environmentUrl);
    try {
      await client.deleteProvider(id);
      snapshotOf(client).forget(id);
    } catch (err) {
      if (err instanceof ScalekitApiError && isInUse(err)) {
        const name = String(declaredDefinition(props).display_name ?? id);
        throw new ProviderInUseError(name, id, client.environmentUrl, err);
      }
      throw err;
    }
  }

  private async done(id: string, outs: Inputs): Promise<dynamic.CreateResult> {
    await flushLogs();
    return { id, outs };
  }

  /** One client per environment per process, so tokens are shared between resources. */
  private client(inputs: Inputs, recordedUrl?: unknown): ScalekitClient {
    const env = this.environmentFor(inputs, recordedUrl);
    const key = `${env.environmentUrl}\u0000${env.clientId}`;
    let client = this.clients.get(key);
    if (!client) {
      const maxConcurrentRequests = resolveMaxConcurrentRequests(this.config, namespaceOf(inputs), this.options.env);
      client = new ScalekitClient(env, { logger: this.logger, maxConcurrentRequests, ...this.options.clientOptions });
      this.clients.set(key, client);
    }
    return client;
  }

  /**
   * The environment the stack's config points at. A provider recorded in another environment is
   * refused: deleting or updating it there would miss it (a 404 counts as deleted) and orphan it.
   */
  private environmentFor(inputs: Inputs, recordedUrl?: unknown): ScalekitEnvironment {
    const env = resolveEnvironment(this.config, namespaceOf(inputs), this.options.env);
    if (typeof recordedUrl === "string" && recordedUrl && recordedUrl !== env.environmentUrl) {
      throw new ScalekitConfigError(messages.environmentMoved(recordedUrl, env.environmentUrl, namespaceOf(inputs)));
    }
    return env;
  }
}

function isInUse(err: ScalekitApiError): boolean {
  return err.errorCode === "PROVIDER_HAS_EXISTING_CONNECTIONS" || (err.status === 400 && /connection/i.test(err.serverMessage));
}

/** The instance the shim in state calls. */
export const implementation = new CustomProviderImplementation();
