import { AxiosInstance } from "axios";
import type { ApiDefinition, ApiProvider } from "../definition/types";
import { ScalekitEnvironment, normalizeEnvironmentUrl } from "./environment";
import { ScalekitApiError, ScalekitNetworkError } from "./errors";
import { DEFAULT_MAX_CONCURRENT_REQUESTS, Limiter, limiterFor } from "./limiter";
import { Logger, redactingLogger, silentLogger } from "./logger";
import { nameKey } from "./provider-key";
import { backoff, DEFAULT_RETRY_POLICY, RetryPolicy } from "./retry-policy";
import { createAxios, HttpRequest, HttpResponse, realSleep, sendOnce, SendOptions, withRetries } from "./send";
import { TokenSource } from "./tokens";

export interface ClientOptions {
  retry?: Partial<RetryPolicy>;
  timeoutMs?: number;
  /** Page size asked for when listing; the server may cap it, so pages are always followed. */
  pageSize?: number;
  logger?: Logger;
  sleep?: (ms: number) => Promise<void>;
  /** Requests in flight at once to this environment, across every client of it in the process. */
  maxConcurrentRequests?: number;
  /** One call's time budget, waits for a request slot included (those give up when it passes). */
  callDeadlineMs?: number;
}

export const DEFAULT_CALL_DEADLINE_MS = 10 * 60_000;

export interface CreateResult {
  provider: ApiProvider;
  /** True when the POST's outcome was unknown and the provider was found by name afterwards. */
  recovered: boolean;
}

const CUSTOM_FILTER = { "filter.provider_type": "CUSTOM" };

/** The custom-providers API of one Scalekit environment. */
export class ScalekitClient {
  readonly environmentUrl: string;
  private readonly http: AxiosInstance;
  private readonly tokens: TokenSource;
  private readonly send: SendOptions;
  private readonly pageSize: number;
  private readonly limiter: Limiter;
  private readonly callDeadlineMs: number;

  constructor(env: ScalekitEnvironment, options: ClientOptions = {}) {
    this.environmentUrl = normalizeEnvironmentUrl(env.environmentUrl);
    this.http = createAxios(this.environmentUrl, options.timeoutMs ?? 30_000);
    this.send = {
      policy: { ...DEFAULT_RETRY_POLICY, ...options.retry },
      logger: redactingLogger(options.logger ?? silentLogger),
      sleep: options.sleep ?? realSleep,
    };
    this.tokens = new TokenSource({ ...env, environmentUrl: this.environmentUrl }, this.http, this.send);
    this.pageSize = options.pageSize ?? 100;
    this.limiter = limiterFor(this.environmentUrl, options.maxConcurrentRequests ?? DEFAULT_MAX_CONCURRENT_REQUESTS);
    this.callDeadlineMs = options.callDeadlineMs ?? DEFAULT_CALL_DEADLINE_MS;
  }

  /** Every custom provider of the environment, following next_page_token to the end. */
  async listProviders(extraQuery: Record<string, string> = {}): Promise<ApiProvider[]> {
    const all: ApiProvider[] = [];
    const seenTokens = new Set<string>();
    let pageToken = "";
    do {
      const { data } = await this.call({
        method: "GET",
        path: "/api/v1/providers",
        query: { ...CUSTOM_FILTER, page_size: this.pageSize, page_token: pageToken || undefined, ...extraQuery },
      });
      const page = data as { providers?: ApiProvider[]; next_page_token?: string };
      all.push(...(page.providers ?? []).filter((p) => p.is_custom !== false));
      pageToken = page.next_page_token ?? "";
      // A server that repeats a page token would otherwise loop forever.
      if (pageToken && seenTokens.has(pageToken)) throw new Error(`Scalekit repeated page token while listing providers`);
      seenTokens.add(pageToken);
    } while (pageToken);
    return all;
  }

  async findByIdentifier(identifier: string): Promise<ApiProvider | undefined> {
    const found = await this.listProviders({ identifier });
    return found.find((p) => p.identifier === identifier);
  }

  async findByName(displayName: string): Promise<ApiProvider | undefined> {
    const key = nameKey(displayName);
    return (await this.listProviders()).find((p) => nameKey(p.display_name) === key);
  }

  /**
   * POST a new provider. When the outcome is unknown (timeout, dropped connection, gateway error),
   * look the name up before sending again, so a retry can never make a duplicate.
   */
  async createProvider(definition: ApiDefinition): Promise<CreateResult> {
    const policy = this.send.policy;
    for (let retries = 0; ; retries++) {
      try {
        const { data } = await this.call({ method: "POST", path: "/api/v1/custom-providers", body: definition });
        return { provider: unwrapProvider(data), recovered: false };
      } catch (err) {
        if (!outcomeUnknown(err) || retries >= policy.limit) throw err;
        this.send.logger.debug(`create "${definition.display_name}": outcome unknown (${describe(err)}); looking it up`);
        await this.send.sleep(backoff(retries, policy));
        const existing = await this.findByName(definition.display_name);
        if (existing) return { provider: existing, recovered: true };
      }
    }
  }

  async updateProvider(identifier: string, definition: ApiDefinition): Promise<ApiProvider> {
    const { data } = await this.call({ method: "PUT", path: providerPath(identifier), body: definition });
    return unwrapProvider(data);
  }

  /** Deletes; a provider that is already gone counts as deleted (returns false). */
  async deleteProvider(identifier: string): Promise<boolean> {
    try {
      await this.call({ method: "DELETE", path: providerPath(identifier) });
      return true;
    } catch (err) {
      if (err instanceof ScalekitApiError && err.status === 404) return false;
      throw err;
    }
  }

  /**
   * An authenticated call with retries; a 401 renews the token once and tries again. Each attempt
   * holds one of the environment's request slots (not while backing off), and waits for it within
   * the call's deadline.
   */
  private async call(req: HttpRequest, signal: AbortSignal = AbortSignal.timeout(this.callDeadlineMs)): Promise<HttpResponse> {
    return withRetries(req.method, `${req.method} ${req.path}`, () => this.limiter.run(() => this.authorized(req), signal), this.send);
  }

  private async authorized(req: HttpRequest): Promise<HttpResponse> {
    const token = await this.tokens.get();
    try {
      return await sendOnce(this.http, { ...req, headers: { Authorization: `Bearer ${token}` } });
    } catch (err) {
      if (!(err instanceof ScalekitApiError && err.status === 401)) throw err;
      this.tokens.invalidate(token);
      const renewed = await this.tokens.get();
      return sendOnce(this.http, { ...req, headers: { Authorization: `Bearer ${renewed}` } });
    }
  }
}

export function providerPath(identifier: string): string {
  return `/api/v1/custom-providers/${encodeURIComponent(identifier)}`;
}

function unwrapProvider(data: unknown): ApiProvider {
  const body = data as { provider?: ApiProvider } | undefined;
  if (!body?.provider || typeof body.provider.identifier !== "string") {
    throw new Error("Scalekit answered without a provider object");
  }
  return body.provider;
}

function outcomeUnknown(err: unknown): boolean {
  if (err instanceof ScalekitNetworkError) return err.outcomeUnknown;
  return err instanceof ScalekitApiError && [502, 503, 504].includes(err.status);
}

function describe(err: unknown): string {
  return err instanceof ScalekitApiError ? `HTTP ${err.status}` : err instanceof ScalekitNetworkError ? err.code : String(err);
}
