import { ClientOptions, Logger, ScalekitConfigError } from "../client";
import { redact } from "../errors/redact";
import { EnvironmentEntry, EnvironmentRegistry } from "../client/environments";
import { ConfigSource, resolveConfig, ResolvedConfig } from "../config";
import {
  buildOutputs,
  checkInputs,
  declaredDefinition,
  Inputs,
  inputsFromServer,
  importedInputs,
  inputsOnly,
  UNCLAIMED,
  namespaceOf,
  isReference,
  markerOfInputs,
  notAppliedOf,
  recordedIdentifier,
  referenceOutputs,
} from "../custom-provider";
import { keptMetadata } from "../definition/kept-metadata";
import { managedView } from "../definition/managed";
import { containsUnknown } from "../definition/unknown";
import { sameDefinition } from "../definition/normalize";
import { Claimant, ownershipOf, serverDefinition } from "../definition/ownership";
import { describeProblem } from "../definition/problem";
import type { ApiProvider } from "../definition/types";
import { onlyNotApplied, pendingRefusals, stillNotApplied } from "../definition/write-check";
import { missingProvider, ScalekitNotFoundError } from "../errors";
import { placement } from "./placement";
import { findCustomProvider, listCustomProviderInfos } from "./lookups";
import type { CustomProviderInfo } from "../custom-provider/info";
import { controlsChanged, diffInputs } from "./diff";
import type { CheckResult, CreateResult, DiffResult, ReadResult, UpdateResult } from "./results";
import * as messages from "./messages";
import { createProvider, deleteProvider, refuseOverflow, updateProvider, WriteContext } from "./writes";

export interface OperationsOptions {
  /** Used when `configure` never ran (unit tests, programs calling the methods directly). */
  config?: ConfigSource;
  env?: NodeJS.ProcessEnv;
  clientOptions?: ClientOptions;
  /** Where warnings go (default: stderr, redacted). */
  logger?: Logger;
  /** Waits until every warning logged so far has reached its reader: each operation ends with it. */
  flush?: () => Promise<void>;
  /** What the provider knows of each environment (default: one registry for this instance). */
  environments?: EnvironmentRegistry;
  /**
   * Refuse to diff a recorded provider when the configuration names no environment (the native
   * plugin: the provider instance is the environment, so a resource moved to a provider without one
   * must not read as "no changes"). The dynamic provider allows it: a reviewer's preview may lack settings.
   */
  environmentRequired?: boolean;
}

/**
 * What each engine operation does to a CustomProvider (check, diff, create, read, update, delete),
 * apart from the engine that asks: the dynamic provider (provider/) and the native plugin (plugin/)
 * are both shells over this class. It holds no credential: each call resolves the resource's
 * environment from the configuration handed to `configure`.
 */
export class CustomProviderOperations {
  private config: ConfigSource | undefined;
  private readonly environments: EnvironmentRegistry;
  private readonly logger: Logger;

  private readonly flushLogs: () => Promise<void>;
  /**
   * Each namespace's configuration and environment entry, resolved once per configuration rather than
   * once per call: a provider process serves every resource of a stack with one configuration, and
   * resolving (reading the keys, parsing URLs, hashing the secret for the registry's key) was a
   * visible share of each call at N=300. `configure` starts afresh.
   */
  private resolved = new Map<string, ResolvedConfig>();
  private readonly entries = new WeakMap<ResolvedConfig, EnvironmentEntry>();

  constructor(private readonly options: OperationsOptions = {}) {
    this.config = options.config;
    this.logger = options.logger ?? stderrLogger;
    this.flushLogs = options.flush ?? (async () => undefined);
    this.environments = options.environments ?? new EnvironmentRegistry();
  }

  async configure(req: { config: ConfigSource }): Promise<void> {
    this.config = req.config;
    this.resolved = new Map();
  }

  async check(olds: Inputs, news: Inputs): Promise<CheckResult> {
    // Pulumi's `import` option names the provider to take over when the resource is first created; once
    // the resource exists it means nothing, and a replacement's create must not look for the provider
    // that the replacement has just deleted.
    if (Object.keys(olds ?? {}).length > 0 && news.importIdentifier !== undefined) {
      const { importIdentifier: _once, ...rest } = news;
      news = rest;
    }
    const { problems, warnings } = checkInputs(news);
    const name = String((declaredDefinition(news) as { display_name?: unknown }).display_name ?? "");
    warnings.forEach((w) => this.logger.warn(`custom provider "${name}": ${w}`));
    await this.flushLogs();
    return {
      inputs: news,
      // Property names are left empty: the engine would print the whole value beside them, and the
      // reason already carries the full path, e.g. `authPatterns[0].type must be one of ...`.
      failures: problems.map((p) => ({ property: "", reason: describeProblem(p) })),
    };
  }

  async diff(_id: string, olds: Inputs, news: Inputs): Promise<DiffResult> {
    // Surface a moved environment at preview time. Only the URL is resolved, locally: a reviewer
    // without the client secret, or without the namespace configured at all, can still preview.
    const config = this.resolve(news);
    const where = placement(olds.environmentUrl, config.environmentUrl, config.previousEnvironmentUrl());
    if (where.kind === "elsewhere")
      throw new ScalekitConfigError(
        messages.environmentMoved(where.recorded, where.configured, config.namespace, config.describe("environmentUrl")),
      );
    if (where.kind === "unknown" && this.options.environmentRequired && typeof olds.environmentUrl === "string")
      throw new ScalekitConfigError(messages.noEnvironment(olds.environmentUrl, config.describe("environmentUrl")));
    const current = declaredDefinition(olds);
    const declared = declaredDefinition(news);
    const refusals = pendingRefusals(current, declared, notAppliedOf(olds));
    if (refusals.length) {
      // An up fails on them only when nothing else is to be written (updateProvider).
      const only =
        onlyNotApplied(current, declared, refusals) !== undefined && !controlsChanged(olds, news, where.kind === "moved");
      this.logger.warn(messages.remainingDifference(String(declared.display_name ?? ""), refusals, only));
      await this.flushLogs();
    }
    const diff = diffInputs(olds, news, where);
    // What the update would send back of the metadata others own (as last read: the `stored` output)
    // must fit in Scalekit's limit with the declaration: refused here, naming the keys, not at the up.
    if (diff.changes && diff.replaces.length === 0 && !containsUnknown(declared)) {
      const identifier = typeof olds.identifier === "string" ? olds.identifier : undefined;
      refuseOverflow(declared, keptMetadata(storedOf(olds), current, declared), markerOfInputs(news), identifier);
    }
    return diff;
  }

  async create(inputs: Inputs): Promise<CreateResult> {
    const result = await createProvider(this.context(this.entry(this.resolve(inputs))), inputs);
    await this.flushLogs();
    return result;
  }

  async read(id: string, props: Inputs): Promise<ReadResult> {
    if (isReference(props)) return this.readReference(id, props);
    const identifier = recordedIdentifier(id, props);
    const { client, snapshot, verified } = await this.recorded(props, props.environmentUrl, identifier);
    const provider = verified ?? (await snapshot.findByIdentifier(identifier));
    // A blank id tells the engine the provider is gone, and refresh drops it from state.
    if (!provider) return { id: "", props: {} };
    const previous = inputsOnly(props);
    const declared = declaredDefinition(previous);
    // Only what the declaration manages is compared (definition/managed.ts): what Scalekit keeps
    // beyond it (a metadata key the declaration dropped) is no drift, and no reason for an update.
    const server = managedView(serverDefinition(provider), declared);
    const inputs = sameDefinition(server, declared) ? previous : inputsFromServer(server, previous);
    const refusals = stillNotApplied(notAppliedOf(props), server);
    return { id, props: buildOutputs(inputs, provider, client.environmentUrl, refusals), inputs };
  }

  /**
   * Pulumi's import of the provider with this identifier (the `pulumi import` command, or the native
   * plugin's `import` option): inputs a program can declare to match it, and outputs that record it as
   * not yet claimed (`managedBy` ""), unless it already carries this resource's marker. Nothing is
   * written: the first update after the import writes the marker, after checking whose it is.
   */
  async importRead(identifier: string, claimant: Claimant): Promise<ReadResult> {
    const { client, snapshot } = this.entry(this.resolve({}));
    const provider = await snapshot.findByIdentifier(identifier, { confirm: true });
    if (!provider) {
      throw new ScalekitNotFoundError(
        messages.importNotFound(identifier, client.environmentUrl),
        { identifier },
        client.environmentUrl,
      );
    }
    const inputs = importedInputs(provider);
    const ours = ownershipOf(provider, claimant) === "ours";
    const claim = ours ? { managedBy: claimant.owner, stateId: claimant.stateId } : { managedBy: UNCLAIMED };
    return { id: provider.identifier, props: { ...buildOutputs(inputs, provider, client.environmentUrl), ...claim }, inputs };
  }

  /** One custom provider of the configured environment, by identifier or display name (operations/lookups.ts). */
  async lookUp(query: unknown, context: string): Promise<CustomProviderInfo> {
    return findCustomProvider(this.entry(this.resolve({})), query, context);
  }

  /** Every custom provider of the configured environment. */
  async listAll(): Promise<CustomProviderInfo[]> {
    return listCustomProviderInfos(this.entry(this.resolve({})));
  }

  /**
   * A read-only reference (`CustomProvider.get`): only the identifier and the config namespace are
   * known. Read when the program runs: a provider that is not there is an error naming it. Read again
   * by refresh: one deleted since is dropped from state, as a managed one would be.
   */
  private async readReference(id: string, props: Inputs): Promise<ReadResult> {
    const identifier = recordedIdentifier(id, props);
    const { client, snapshot } = await this.recorded(props, props.environmentUrl, identifier);
    const provider = await snapshot.findByIdentifier(identifier);
    const namespace = typeof props.configNamespace === "string" ? props.configNamespace : undefined;
    if (provider) return { id: provider.identifier, props: referenceOutputs(provider, client.environmentUrl, namespace) };
    if (props.identifier !== undefined) return { id: "", props: {} };
    throw new ScalekitNotFoundError(
      missingProvider({ identifier }, client.environmentUrl, "CustomProvider.get"),
      { identifier },
      client.environmentUrl,
    );
  }

  async update(id: string, olds: Inputs, news: Inputs): Promise<UpdateResult> {
    const identifier = recordedIdentifier(id, olds);
    const env = await this.recorded(news, olds.environmentUrl, identifier);
    const result = await updateProvider(this.context(env), identifier, olds, news);
    await this.flushLogs();
    return result;
  }

  async delete(id: string, props: Inputs): Promise<void> {
    // The engine never deletes a read resource; should a reference ever reach here, it stays untouched.
    if (isReference(props)) return;
    const identifier = recordedIdentifier(id, props);
    const env = await this.recorded(props, props.environmentUrl, identifier);
    await deleteProvider(this.context(env), identifier, props);
    await this.flushLogs();
  }

  private context(env: EnvironmentEntry): WriteContext {
    return { env, logger: this.logger };
  }

  /** The configuration of the namespace these inputs name, read once per configuration. */
  private resolve(inputs: Inputs): ResolvedConfig {
    const namespace = namespaceOf(inputs);
    let config = this.resolved.get(namespace);
    if (!config) {
      config = resolveConfig(this.config, namespace, this.options.env);
      this.resolved.set(namespace, config);
    }
    return config;
  }

  /** The environment's client and snapshot, shared by every resource of it in this process. */
  private entry(config: ResolvedConfig): EnvironmentEntry {
    let entry = this.entries.get(config);
    if (!entry) {
      // Throws (not cached) when the credentials are missing or a setting is invalid.
      entry = this.environments.entryFor(config, { logger: this.logger, ...this.options.clientOptions });
      this.entries.set(config, entry);
    }
    return entry;
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
      throw new ScalekitConfigError(
        messages.environmentMoved(where.recorded, where.configured, config.namespace, config.describe("environmentUrl")),
      );
    if (where.kind !== "moved") return env;
    const verified = await env.client.findByIdentifier(identifier);
    if (!verified) throw new ScalekitConfigError(messages.moveNotVerified(identifier, where.from, where.to, config.namespace));
    this.logger.warn(messages.moveVerified(identifier, where.from, where.to));
    return { ...env, verified };
  }
}

/** The definition Scalekit held at the last write or refresh (the `stored` output), if recorded. */
function storedOf(outputs: Inputs): { metadata?: unknown } | undefined {
  const stored = outputs.stored;
  return stored !== null && typeof stored === "object" ? (stored as { metadata?: unknown }) : undefined;
}

/** Outside an engine (scripts, tests without a logger): warnings on stderr, redacted like every other line. */
const stderrLogger: Logger = {
  warn: (m) => void process.stderr.write(`warning: ${redact(m)}\n`),
  debug: () => undefined,
};
