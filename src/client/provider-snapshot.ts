import type { ApiProvider } from "../definition/types";
import { nameKey } from "../definition/provider-key";
import { namedProviders } from "./answers";

/** What the snapshot needs from a client: the full listing and the direct look-up by identifier. */
export interface SnapshotSource {
  listProviders(): Promise<ApiProvider[]>;
  findByIdentifier(identifier: string): Promise<ApiProvider | undefined>;
}

export interface SnapshotOptions {
  /**
   * A listing older than this is taken again. The engine starts a provider process per operation,
   * so in practice a snapshot never reaches this age; the bound only protects a long-lived host
   * that keeps one implementation instance across operations.
   */
  maxAgeMs?: number;
  now?: () => number;
  /** Where a listed provider without a name is reported when it is skipped (client/answers.ts namedProviders). */
  warn?: (message: string) => void;
}

export const DEFAULT_SNAPSHOT_MAX_AGE_MS = 10 * 60_000;

/**
 * One environment's custom providers, listed once per provider process and shared by every resource,
 * so that creating N providers into an environment of M costs ⌈M/page⌉ listings instead of N of them,
 * and a refresh costs ⌈M/page⌉ listings instead of one per resource (the API has no GET for one
 * provider).
 *
 * How stale it can be: the listing is taken at the first look-up of the operation (one `pulumi up`,
 * `refresh` or `destroy`: the engine runs one provider process per operation), and our own writes are
 * recorded into it as they are answered. So it misses only what *someone else* changed in the
 * environment during this one operation. That is safe because every answer that could do harm is
 * checked against the server:
 * - "gone" is never concluded from the snapshot: a provider it lacks is looked up by identifier
 *   before `read` reports it deleted (a blank id drops it from state);
 * - a name it holds is confirmed by identifier before `create` acts on it (resume or adopt);
 * - a name it lacks is settled by the POST itself: Scalekit answers 409 when the name exists, and the
 *   409 is followed by a direct look-up (`refreshName`);
 * - whose a provider is, before an update or a delete acts on it, is read from a listing no older than
 *   the `ownershipReadMaxAge` setting (`findFresh`), not from the run's first listing: another stack may
 *   have adopted it since (a deploy matrix runs stacks concurrently). Concurrent callers share one
 *   listing per window, so a destroy of M providers costs ⌈M/page⌉ listings per window, not one
 *   look-up per provider;
 * - a provider changed behind our back during the operation is reported as it was at the listing:
 *   the drift shows at the next refresh, as it would have if the change had come a moment later.
 */
export class ProviderSnapshot {
  private listed: Map<string, ApiProvider> | undefined;
  /** When the stored listing was *started*: what it shows is at least that recent. */
  private listedAt = 0;
  private pending: { promise: Promise<Map<string, ApiProvider>>; startedAt: number } | undefined;
  /**
   * Our own writes by identifier (provider undefined: deleted), numbered, so that a listing in flight
   * while they were answered, which may predate them, is corrected by them. A listing started after a
   * write shows it (and anything newer): only writes numbered after its start are applied to it.
   */
  private readonly writes = new Map<string, { provider: ApiProvider | undefined; seq: number }>();
  private seq = 0;
  private readonly maxAgeMs: number;
  private readonly now: () => number;
  private readonly warn: (message: string) => void;
  /** Identifiers of unnamed providers already reported. */
  private readonly warned = new Set<string>();

  constructor(
    private readonly source: SnapshotSource,
    options: SnapshotOptions = {},
  ) {
    this.maxAgeMs = options.maxAgeMs ?? DEFAULT_SNAPSHOT_MAX_AGE_MS;
    this.now = options.now ?? Date.now;
    this.warn = options.warn ?? (() => undefined);
  }

  /** The provider holding this name (matched on Scalekit's derived key), confirmed by identifier. */
  async findByName(displayName: string): Promise<ApiProvider | undefined> {
    const hit = this.byName(await this.providers(), displayName);
    if (!hit) return undefined;
    const confirmed = await this.findByIdentifier(hit.identifier, { confirm: true });
    // Renamed behind our back: the name is free as far as we know; a clash would still answer 409.
    return confirmed && typeof confirmed.display_name === "string" && nameKey(confirmed.display_name) === nameKey(displayName)
      ? confirmed
      : undefined;
  }

  /**
   * The provider with this identifier. A hit is served from the snapshot (unless `confirm`); a miss
   * is confirmed by a direct look-up before it is reported gone.
   */
  async findByIdentifier(identifier: string, options: { confirm?: boolean } = {}): Promise<ApiProvider | undefined> {
    const hit = (await this.providers()).get(identifier);
    if (hit && !options.confirm) return hit;
    return this.lookUp(identifier);
  }

  /**
   * The provider with this identifier as a listing no older than `maxAgeMs` shows it (with our own
   * writes since applied): what an update or a delete decides whose the provider is on. A listing
   * started within the window (stored, or still in flight) serves every caller; otherwise one new
   * listing is taken and shared by every caller that asks while it runs. A miss is confirmed by a
   * direct look-up, as in `findByIdentifier`.
   */
  async findFresh(identifier: string, maxAgeMs: number): Promise<ApiProvider | undefined> {
    const hit = (await this.providers(this.now() - Math.max(0, maxAgeMs))).get(identifier);
    return hit ?? this.lookUp(identifier);
  }

  /** Every named provider in the listing (taken once and shared, with our own writes applied). */
  async list(): Promise<ApiProvider[]> {
    return namedProviders([...(await this.providers()).values()], (m) => this.warnOnce(m));
  }

  /**
   * Look a name up in a fresh listing, after the server said it exists (409) though the snapshot
   * lacked it. The fresh listing replaces the snapshot.
   */
  async refreshName(displayName: string): Promise<ApiProvider | undefined> {
    this.listed = undefined;
    // A listing still in flight may have started before the 409: take a new one.
    this.pending = undefined;
    return this.byName(await this.providers(), displayName);
  }

  /** The server's answer to one of our creates or updates. */
  record(provider: ApiProvider): void {
    this.writes.set(provider.identifier, { provider, seq: ++this.seq });
    this.listed?.set(provider.identifier, provider);
  }

  /** One of our deletes (or a direct look-up that found nothing). */
  forget(identifier: string): void {
    this.writes.set(identifier, { provider: undefined, seq: ++this.seq });
    this.listed?.delete(identifier);
  }

  /** A direct look-up by identifier, recorded into the snapshot. */
  private async lookUp(identifier: string): Promise<ApiProvider | undefined> {
    const found = await this.source.findByIdentifier(identifier);
    if (found) this.record(found);
    else this.forget(identifier);
    return found;
  }

  private byName(providers: Map<string, ApiProvider>, displayName: string): ApiProvider | undefined {
    const key = nameKey(displayName);
    for (const p of namedProviders([...providers.values()], (m) => this.warnOnce(m))) {
      if (nameKey(p.display_name!) === key) return p;
    }
    return undefined;
  }

  private warnOnce(message: string): void {
    if (this.warned.has(message)) return;
    this.warned.add(message);
    this.warn(message);
  }

  /**
   * A listing started no earlier than `notBefore` (and within maxAgeMs): the stored one, the one in
   * flight, or a new one, shared by concurrent callers. A failed listing is not kept.
   */
  private async providers(notBefore = -Infinity): Promise<Map<string, ApiProvider>> {
    const oldest = Math.max(notBefore, this.now() - this.maxAgeMs);
    if (this.listed && this.listedAt >= oldest) return this.listed;
    if (this.pending && this.pending.startedAt >= oldest) return this.pending.promise;
    const startedAt = this.now();
    const since = this.seq;
    const promise = this.source
      .listProviders()
      .then((all) => {
        const map = new Map(all.map((p) => [p.identifier, p]));
        // Writes answered while the listing was in flight are newer than what it saw.
        for (const [identifier, { provider, seq }] of this.writes) {
          if (seq <= since) continue;
          if (provider) map.set(identifier, provider);
          else map.delete(identifier);
        }
        // Two listings may overlap (a fresh one asked for while an older one runs): the later start wins.
        if (!this.listed || startedAt >= this.listedAt) {
          this.listed = map;
          this.listedAt = startedAt;
        }
        return map;
      })
      .finally(() => {
        if (this.pending?.promise === promise) this.pending = undefined;
      });
    this.pending = { promise, startedAt };
    return promise;
  }
}
