import type { ClientOptions, Logger } from "../client";
import { EnvironmentRegistry } from "../client/environments";
import { CONTROL_KEYS, decodeOutputs, declaredDefinition, Inputs, stateIdOfInputs } from "../custom-provider";
import { DeclaredNames } from "../custom-provider/declared-names";
import { snakeToCamel } from "../definition/case-rule";
import { compareDefinitions } from "../definition/compare";
import { isUnknown } from "../definition/unknown";
import { CustomProviderOperations } from "../operations/operations";
import { markerChanged } from "../operations/diff";
import type { CheckResult, DiffResult } from "../operations/results";
import { carriedStateId, configFailures, configSourceOf, newStateId, ProviderArgs, STATE_ID_KEY } from "./provider-config";
import { ownerOfUrn, parseUrn } from "./urn";
import { PropertyMap, reveal, secret, withSecrets } from "./values";
import { CUSTOM_PROVIDER_TOKEN, GET_CUSTOM_PROVIDER_TOKEN, LIST_CUSTOM_PROVIDERS_TOKEN, SECRET_OUTPUT_KEYS } from "./tokens";
import { ScalekitDeclarationError } from "../errors";

/** Where one request's warnings go: the engine's log, with the resource's URN when there is one. */
export type LoggerFactory = (urn: string | undefined) => { logger: Logger; flush(): Promise<void> };

export interface PluginOptions {
  version: string;
  /** The package schema, served by GetSchema. */
  schema: string;
  loggerFor: LoggerFactory;
  env?: NodeJS.ProcessEnv;
  clientOptions?: ClientOptions;
  /** Draws a state id (tests pass a fixed one). */
  drawStateId?: () => string;
}

/** What a Diff answers beyond the operation's result: the inputs that changed, for the engine's display. */
export interface PluginDiff extends DiffResult {
  diffs: string[];
}

/**
 * Keys the plugin never passes to the operations: the dynamic provider's serialized code (carried in
 * the recorded inputs of a stack moved from the dynamic type), and its config namespace (the native
 * resource has none: its provider instance is its environment).
 */
const DYNAMIC_ONLY_KEYS = ["__provider", "configNamespace"];

/**
 * The native `scalekit` plugin's behaviour, in plain values: each RPC of the provider protocol (the
 * gRPC server in server.ts only converts) adapts the request to the operations that the dynamic
 * provider runs too (operations/operations.ts): the ownership marker's owner comes from the URN, the
 * state id from the provider's recorded inputs, the environment from the provider's configuration.
 */
export class ScalekitPlugin {
  private args: ProviderArgs = {};
  private stateId: string | undefined;
  private readonly environments = new EnvironmentRegistry();
  /** Resources read for an import in this process: their import step compares the definition only. */
  private readonly importedNow = new Set<string>();
  /** The display names checked in this run: this process serves one provider instance, so one environment. */
  private readonly declaredNames = new DeclaredNames();

  constructor(private readonly options: PluginOptions) {}

  getSchema(): string {
    return this.options.schema;
  }

  /** The provider's inputs, checked, with this state's id carried forward (or drawn once). */
  checkConfig(olds: PropertyMap, news: PropertyMap): CheckResult {
    const failures = configFailures(reveal(news) as ProviderArgs, this.options.env);
    const stateId = carriedStateId(reveal(olds) as ProviderArgs, this.options.drawStateId ?? newStateId);
    return { inputs: { ...news, [STATE_ID_KEY]: stateId }, failures };
  }

  /**
   * A changed configuration updates the provider in place; it never replaces it (nor its resources).
   * A recorded provider without a state id gains one as an update: `pulumi import` records the default
   * provider it makes without checking it, and the engine would otherwise keep configuring it so.
   */
  diffConfig(olds: PropertyMap, news: PropertyMap): PluginDiff {
    const before = reveal(olds) as PropertyMap;
    const after = reveal(news) as PropertyMap;
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((k) => k !== STATE_ID_KEY);
    const diffs = keys.filter((k) => JSON.stringify(before[k] ?? null) !== JSON.stringify(after[k] ?? null));
    if (carriedStateId(before, () => "") === "" && after[STATE_ID_KEY] !== undefined) diffs.push(STATE_ID_KEY);
    return { changes: diffs.length > 0, replaces: [], deleteBeforeReplace: false, diffs };
  }

  configure(args: PropertyMap): void {
    this.args = reveal(args) as ProviderArgs;
    const recorded = this.args[STATE_ID_KEY];
    this.stateId = typeof recorded === "string" ? carriedStateId(this.args) : undefined;
  }

  async check(urn: string, olds: PropertyMap, news: PropertyMap): Promise<CheckResult> {
    const recorded = withoutDynamicKeys(olds);
    const owner = ownerOfUrn(urn);
    // A resource keeps the state id it was recorded with (a stack moved from the dynamic type carries
    // its StateIdentity's id); a new one takes the provider's.
    const stateId = stateIdOfInputs(recorded) ?? this.stateId;
    const inputs: Inputs = {
      ...withoutDynamicKeys(news),
      ...(owner !== undefined ? { managedBy: owner } : {}),
      ...(stateId !== undefined ? { stateId } : {}),
    };
    const checked = await this.operations(urn).check(recorded, inputs);
    const clash = this.claimDisplayName(urn, inputs);
    return clash ? { ...checked, failures: [...checked.failures, { property: "", reason: clash }] } : checked;
  }

  async diff(urn: string, id: string, olds: PropertyMap, news: PropertyMap): Promise<PluginDiff> {
    const recorded = recordedOutputs(olds);
    // An import step must find nothing to change, or the engine fails it: the marker it has not yet
    // written is written by the first update after it.
    const compared = this.importedNow.has(urn) ? { ...news, managedBy: recorded.managedBy } : news;
    const result = await this.operations(urn).diff(id, recorded, compared);
    return { ...result, diffs: result.changes ? changedInputs(recorded, compared) : [] };
  }

  async create(urn: string, inputs: PropertyMap): Promise<{ id: string; properties: PropertyMap }> {
    const { id, outs } = await this.operations(urn).create(inputs);
    return { id, properties: outputs(outs) };
  }

  /** Refresh (recorded properties), or an import (an identifier and nothing else). */
  async read(
    urn: string,
    id: string,
    properties: PropertyMap,
    inputs: PropertyMap,
  ): Promise<{ id: string; properties: PropertyMap; inputs: PropertyMap }> {
    const recorded = recordedOutputs(properties);
    if (Object.keys(recorded).length === 0 && Object.keys(inputs).length === 0) {
      const owner = ownerOfUrn(urn);
      if (owner === undefined) throw new ScalekitDeclarationError(`cannot import into ${urn}: not a resource URN`);
      const read = await this.operations(urn).importRead(id, { owner, stateId: this.stateId });
      this.importedNow.add(urn);
      return { id: read.id, properties: outputs(read.props), inputs: read.inputs ?? {} };
    }
    const read = await this.operations(urn).read(id, recorded);
    return { id: read.id, properties: read.id ? outputs(read.props) : {}, inputs: read.inputs ?? {} };
  }

  async update(urn: string, id: string, olds: PropertyMap, news: PropertyMap): Promise<{ properties: PropertyMap }> {
    const { outs } = await this.operations(urn).update(id, recordedOutputs(olds), news);
    return { properties: outputs(outs) };
  }

  async delete(urn: string, id: string, properties: PropertyMap): Promise<void> {
    await this.operations(urn).delete(id, recordedOutputs(properties));
  }

  /** The lookups, by function token; each answer's definition is secret, as in the TypeScript lookups. */
  async invoke(token: string, args: PropertyMap): Promise<PropertyMap> {
    const ops = this.operations(undefined);
    if (token === GET_CUSTOM_PROVIDER_TOKEN) {
      const query = reveal(args) as PropertyMap;
      const info = await ops.lookUp(query, `getCustomProvider(${JSON.stringify(query)})`);
      return { ...info, definition: secret(info.definition) };
    }
    if (token === LIST_CUSTOM_PROVIDERS_TOKEN) {
      const infos = await ops.listAll();
      return { providers: infos.map((info) => ({ ...info, definition: secret(info.definition) })) };
    }
    throw new ScalekitDeclarationError(
      `unknown function ${token}: this plugin serves ${GET_CUSTOM_PROVIDER_TOKEN} and ${LIST_CUSTOM_PROVIDERS_TOKEN}`,
    );
  }

  /**
   * Two resources of this provider declaring one provider name fail the check of the second, naming
   * both, as two declarations in one namespace of a dynamic program do. A name not yet known (another
   * resource's output, in a preview) is checked when it is.
   */
  private claimDisplayName(urn: string, inputs: Inputs): string | undefined {
    const name = (declaredDefinition(inputs) as { display_name?: unknown }).display_name;
    const resource = parseUrn(urn)?.name;
    if (typeof name !== "string" || isUnknown(name) || resource === undefined) return undefined;
    return this.declaredNames.claim("the environment of one provider", name, urn, resource);
  }

  /** The operations for one request: this provider's configuration and environments, that request's log. */
  private operations(urn: string | undefined): CustomProviderOperations {
    const { logger, flush } = this.options.loggerFor(urn);
    return new CustomProviderOperations({
      config: configSourceOf(this.args),
      env: this.options.env,
      clientOptions: this.options.clientOptions,
      environments: this.environments,
      environmentRequired: true,
      logger,
      flush,
    });
  }
}

function withoutDynamicKeys(props: PropertyMap): Inputs {
  const out: Inputs = { ...props };
  for (const key of DYNAMIC_ONLY_KEYS) delete out[key];
  return out;
}

/**
 * Recorded outputs, as the operations read them: those a stack moved from the dynamic type keeps as
 * JSON text (custom-provider/state-encoding.ts) decoded, as the dynamic provider does. Inputs are
 * never decoded: a `definition` given as text is refused by the check, as it is by the dynamic one.
 */
function recordedOutputs(props: PropertyMap): Inputs {
  return decodeOutputs(withoutDynamicKeys(props));
}

/** Outputs as the engine records them: `stored` (the whole definition as Scalekit holds it) is always secret. */
function outputs(outs: PropertyMap): PropertyMap {
  return withSecrets(outs, SECRET_OUTPUT_KEYS);
}

/** The inputs an update changes, named as the program names them (for the engine's `[diff: ...]`). */
function changedInputs(olds: Inputs, news: Inputs): string[] {
  const style = news.definition !== undefined ? "snake" : "camel";
  const keys = new Set<string>();
  for (const change of compareDefinitions(declaredDefinition(olds), declaredDefinition(news)).changes) {
    keys.add(style === "snake" ? "definition" : snakeToCamel(String(change.path[0])));
  }
  if (markerChanged(olds, news)) keys.add("managedBy");
  for (const key of CONTROL_KEYS) {
    if (key === "definition" || key === "managedBy" || key === "stateId") continue;
    if (JSON.stringify(olds[key] ?? null) !== JSON.stringify(news[key] ?? null)) keys.add(key);
  }
  return [...keys];
}

export { CUSTOM_PROVIDER_TOKEN };
