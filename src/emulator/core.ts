/** The emulator's state and the operations tests and control routes perform on it. */
import type { ApiConfig, ApiContext } from "./api";
import { FaultQueue } from "./faults";
import { PageTokens } from "./pagination";
import { RequestLog } from "./request-log";
import { ProviderStore } from "./store";
import { TokenStore } from "./tokens";
import type { ProviderObject, RequestLogEntry } from "./types";

export class EmulatorCore {
  readonly store = new ProviderStore();
  readonly tokens: TokenStore;
  readonly faults = new FaultQueue();
  readonly log = new RequestLog();
  readonly api: ApiContext;

  constructor(
    readonly config: ApiConfig,
    tokenTtlSeconds: number,
  ) {
    this.tokens = new TokenStore(tokenTtlSeconds);
    this.api = { config, store: this.store, tokens: this.tokens, pageTokens: new PageTokens() };
  }

  reset(): void {
    this.store.reset();
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

  /** Throws the API's 404 ApiError when no custom provider has that identifier. */
  addConnection(identifier: string): void {
    this.store.addConnection(identifier);
  }

  removeConnections(identifier: string): void {
    this.store.removeConnections(identifier);
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
