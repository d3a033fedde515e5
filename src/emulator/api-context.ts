/** What every API handler gets: the emulator's configuration and state, and the request. */
import type { IncomingHttpHeaders } from "http";
import type { PageTokens } from "./pagination";
import type { ProviderStore } from "./store";
import type { TokenStore } from "./tokens";

export interface ApiConfig {
  clientId: string;
  clientSecret: string;
  maxPageSize: number;
  defaultPageSize: number;
  createStatus: 200 | 201;
}

export interface ApiContext {
  config: ApiConfig;
  store: ProviderStore;
  tokens: TokenStore;
  pageTokens: PageTokens;
}

export interface ApiRequest {
  method: string;
  rawPath: string;
  params: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: Buffer;
  /** An injected fault: list as if the last N writes had not happened. */
  listLagWrites?: number;
}
