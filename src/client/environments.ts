import { createHash } from "crypto";
import { normalizeEnvironmentUrl, ResolvedConfig, ScalekitEnvironment } from "../config";
import { ScalekitClient, SharedEnvironmentState } from "./client";
import { ClientOptions, clientOptionsFrom } from "./options";
import { ProviderSnapshot, SnapshotOptions } from "./provider-snapshot";

/** What one operation works with: its configuration, the environment's client and its snapshot. */
export interface EnvironmentEntry {
  config: ResolvedConfig;
  environment: ScalekitEnvironment;
  client: ScalekitClient;
  snapshot: ProviderSnapshot;
}

export interface RegistryOptions {
  /** Merged into every client's options (tests pass a fake sleep or clock). */
  clientOptions?: ClientOptions;
  snapshot?: SnapshotOptions;
}

interface Known {
  shared: SharedEnvironmentState;
  snapshot: ProviderSnapshot;
  /** Clients by settings: two namespaces may name one environment with different timeouts. */
  clients: Map<string, ScalekitClient>;
}

/**
 * The key of one environment as seen by one API client: URL, client id and a hash of the secret, so
 * that a changed secret never reuses a token, and the key itself holds no secret.
 */
export function environmentKey(env: ScalekitEnvironment): string {
  const secretHash = createHash("sha256").update(env.clientSecret, "utf8").digest("hex");
  return `${normalizeEnvironmentUrl(env.environmentUrl)}\u0000${env.clientId}\u0000${secretHash}`;
}

/**
 * What this process knows about each environment it talks to, under one key (environmentKey): the
 * access token, the cap on requests in flight, and the snapshot of its custom providers, shared by
 * every resource and every client of that environment.
 *
 * Lifetime: the registry's own, which is the process's for the instances the library keeps (one
 * in the provider process, which the engine starts for one operation and stops after it; one in a
 * program process, for its lookups). Nothing is kept across `pulumi` commands, so a snapshot never
 * outlives the operation that listed it (see provider-snapshot.ts for how stale it may be within it).
 * Tests make a registry of their own instead of clearing a shared one.
 */
export class EnvironmentRegistry {
  private readonly known = new Map<string, Known>();

  constructor(private readonly options: RegistryOptions = {}) {}

  /** The entry for the environment a resolved configuration names; throws when its credentials are missing. */
  entryFor(config: ResolvedConfig, extra: ClientOptions = {}): EnvironmentEntry {
    const environment = config.environment();
    const settings = config.settings();
    const options = { ...clientOptionsFrom(settings), ...extra, ...this.options.clientOptions };
    const key = environmentKey(environment);
    const settingsKey = JSON.stringify(settings);
    let known = this.known.get(key);
    let client = known?.clients.get(settingsKey);
    if (!known) {
      client = new ScalekitClient(environment, options);
      known = {
        shared: client.shared,
        snapshot: new ProviderSnapshot(client, { warn: (m) => options.logger?.warn(m), ...this.options.snapshot }),
        clients: new Map([[settingsKey, client]]),
      };
      this.known.set(key, known);
    } else if (!client) {
      // Asked for with different caps (two namespaces naming the same environment), the smallest wins.
      known.shared.limiter.lowerTo(settings.maxConcurrentRequests);
      client = new ScalekitClient(environment, options, known.shared);
      known.clients.set(settingsKey, client);
    }
    return { config, environment, client: client!, snapshot: known.snapshot };
  }

  /** Each environment known so far: its shared token and request cap, and its snapshot. */
  *environments(): IterableIterator<{ key: string; shared: SharedEnvironmentState; snapshot: ProviderSnapshot }> {
    for (const [key, { shared, snapshot }] of this.known) yield { key, shared, snapshot };
  }
}
