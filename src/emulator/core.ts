/** The emulator's state and the operations tests and control routes perform on it. */
import type { ApiConfig, ApiContext } from "./api";
import { parseConnectionSpec } from "./connections";
import { FaultQueue } from "./faults";
import { PageTokens } from "./pagination";
import { RequestLog } from "./request-log";
import { ProviderStore } from "./store";
import { TokenStore } from "./tokens";
import type { ConnectionObject, ProviderObject, RequestLogEntry } from "./types";
import { updateBehaviourOf, type UpdateBehaviour, type UpdateFields } from "./update-mode";

/** An invalid update mode (from code or the control route). */
export class InvalidUpdateMode extends TypeError {
  constructor(message: string) {
    super(message);
    this.name = "InvalidUpdateMode";
  }
}

export class EmulatorCore {
  readonly store: ProviderStore;
  readonly tokens: TokenStore;
  readonly faults: FaultQueue;
  readonly log = new RequestLog();
  readonly api: ApiContext;
  /** Requests a `hold` fault is holding: each waits for its release. */
  private held: (() => void)[] = [];

  constructor(
    readonly config: ApiConfig,
    tokenTtlSeconds: number,
    private readonly startUpdate: UpdateBehaviour,
    random: () => number = Math.random,
  ) {
    this.faults = new FaultQueue(random);
    this.store = new ProviderStore({ ...startUpdate });
    this.tokens = new TokenStore(tokenTtlSeconds);
    this.api = { config, store: this.store, tokens: this.tokens, pageTokens: new PageTokens() };
  }

  reset(): void {
    this.releaseHeld();
    this.store.reset();
    this.store.updateBehaviour = { ...this.startUpdate };
    this.tokens.reset();
    this.faults.clear();
    this.log.reset();
  }

  requests(): RequestLogEntry[] {
    return this.log.list();
  }

  clearRequests(): void {
    this.log.clear();
  }

  /** Throws a TypeError for an invalid fault specification. */
  injectFault(f: unknown): void {
    this.faults.add(f);
  }

  /** Resolves when the held requests are released (releaseHeld, reset or close). */
  hold(): Promise<void> {
    return new Promise((resolve) => this.held.push(resolve));
  }

  heldRequests(): number {
    return this.held.length;
  }

  releaseHeld(): number {
    const held = this.held;
    this.held = [];
    held.forEach((release) => release());
    return held.length;
  }

  /**
   * Throws the API's 404 ApiError when no custom provider has that identifier, its 409 when the name
   * is taken, an InvalidConnection (a TypeError) for an invalid specification.
   */
  addConnection(identifier: string, spec?: unknown): ConnectionObject {
    return this.store.addConnection(identifier, parseConnectionSpec(spec));
  }

  removeConnections(identifier: string): void {
    this.store.removeConnections(identifier);
  }

  connections(): ConnectionObject[] {
    return this.store.connections.list();
  }

  updateBehaviour(): UpdateBehaviour {
    return { ...this.store.updateBehaviour };
  }

  /**
   * Throws an InvalidUpdateMode (a TypeError) for an unknown mode or field reading. A field left out
   * takes its default for the mode.
   */
  setUpdateMode(mode: unknown, fields: { metadata?: unknown; proxyEnabled?: unknown } = {}): void {
    const { behaviour, invalid } = updateBehaviourOf(mode, fields as UpdateFields);
    if (invalid !== undefined) throw new InvalidUpdateMode(invalid);
    this.store.updateBehaviour = behaviour;
  }

  providers(): ProviderObject[] {
    return this.store.customProviders();
  }

  /** Create a provider as if by hand in the dashboard; throws the ApiError the API would answer. */
  seedProvider(definition: unknown): ProviderObject {
    return this.store.create(definition);
  }

  issuedTokens(): string[] {
    return this.tokens.issued();
  }

  revokeTokens(): void {
    this.tokens.revokeAll();
  }
}
