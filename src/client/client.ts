import type { ApiDefinition, ApiProvider } from "../definition/types";
import { parseListPage, parseProviderAnswer } from "./answers";
import { ApiConnection, listConnections } from "./connections";
import { ScalekitEnvironment, normalizeEnvironmentUrl } from "../config";
import { isConflict, isNotFound, isUnauthorized, mayHaveBeenApplied, ScalekitApiError, ScalekitRouteError } from "../errors";
import { Limiter } from "./limiter";
import { redactingLogger, silentLogger } from "./logger";
import { Operation, OperationSettings } from "./operation";
import { nameKey } from "../definition/provider-key";
import { DEFAULT_RETRY_POLICY } from "./retry-policy";
import { createHttp, describeFailure, HttpRequest, HttpResponse, HttpTransport, realSleep, sendOnce, withRetries } from "./send";
import { DEFAULT_CLIENT_SETTINGS } from "../config";
import { ClientOptions } from "./options";
import { collectPages } from "./pages";
import { TokenSource } from "./tokens";

export interface CreateResult {
  provider: ApiProvider;
  /** True when the POST's outcome was unknown and the provider was found by name afterwards. */
  recovered: boolean;
}

const CUSTOM_FILTER = { "filter.provider_type": "CUSTOM" };
const DEFAULT_MAX_PAGES = 200;
/**
 * What Scalekit's own docs ask for: one page for almost any environment, so a listing costs one round
 * trip. The maximum is undocumented, and a server may answer with less: pages are always followed.
 */
export const DEFAULT_PAGE_SIZE = 1000;

/** The permissions each route needs (the contract's "Permissions"), named when the server answers 403. */
export const PERMISSIONS = { read: "agent_connectors:read", write: "agent_connectors:write" } as const;

/**
 * What every client of one environment shares in a process (client/environments.ts): the access
 * token and the cap on requests in flight. A client made on its own has its own.
 */
export interface SharedEnvironmentState {
  tokens: TokenSource;
  limiter: Limiter;
}

/** The custom-providers API of one Scalekit environment. */
export class ScalekitClient {
  readonly environmentUrl: string;
  readonly shared: SharedEnvironmentState;
  private readonly http: HttpTransport;
  private readonly settings: OperationSettings;
  private readonly pageSize: number;
  private readonly maxPages: number;
  private readonly maxConnectionPages: number | undefined;

  constructor(env: ScalekitEnvironment, options: ClientOptions = {}, shared?: SharedEnvironmentState) {
    this.environmentUrl = normalizeEnvironmentUrl(env.environmentUrl);
    this.http = createHttp(this.environmentUrl, { env: options.env, maxResponseBytes: options.maxResponseBytes });
    this.settings = {
      policy: { ...DEFAULT_RETRY_POLICY, ...options.retry },
      logger: redactingLogger(options.logger ?? silentLogger),
      sleep: options.sleep ?? realSleep,
      now: options.now ?? Date.now,
      random: options.random ?? Math.random,
      requestTimeoutMs: options.requestTimeoutMs ?? DEFAULT_CLIENT_SETTINGS.requestTimeoutMs,
      operationTimeoutMs: options.operationTimeoutMs ?? DEFAULT_CLIENT_SETTINGS.operationTimeoutMs,
    };
    this.pageSize = options.pageSize ?? DEFAULT_PAGE_SIZE;
    this.maxPages = options.maxPages ?? DEFAULT_MAX_PAGES;
    this.maxConnectionPages = options.maxConnectionPages;
    this.shared = shared ?? {
      tokens: new TokenSource({ ...env, environmentUrl: this.environmentUrl }, this.http),
      limiter: new Limiter(options.maxConcurrentRequests ?? DEFAULT_CLIENT_SETTINGS.maxConcurrentRequests),
    };
  }

  /** Every custom provider of the environment, following next_page_token to the end. */
  async listProviders(extraQuery: Record<string, string> = {}): Promise<ApiProvider[]> {
    return this.list(this.operation("list providers"), extraQuery);
  }

  /** The provider with this identifier; undefined only after a well-formed answer without it. */
  async findByIdentifier(identifier: string): Promise<ApiProvider | undefined> {
    return this.lookUpIdentifier(this.operation(`look up ${identifier}`), identifier);
  }

  async findByName(displayName: string): Promise<ApiProvider | undefined> {
    return this.lookUpName(this.operation(`look up "${displayName}"`), displayName);
  }

  /**
   * The connections of the provider with this identifier (ListAppConnections, read permission only).
   * The route is PREVIEW: any failure or unexpected answer throws, and must be read as "unknown".
   */
  async listConnections(providerKey: string): Promise<ApiConnection[]> {
    const op = this.operation(`list the connections of ${providerKey}`);
    return listConnections(providerKey, {
      send: (req) => this.call(op, req),
      permission: PERMISSIONS.read,
      maxPages: this.maxConnectionPages,
    });
  }

  /**
   * POST a new provider. When the outcome is unknown (timeout, dropped connection, gateway error,
   * garbled answer), look the name up before sending again, so a retry can never make a duplicate;
   * a 409 on such a resend means the first POST did create it.
   */
  async createProvider(definition: ApiDefinition): Promise<CreateResult> {
    const op = this.operation(`create "${definition.display_name}"`);
    let outcomeWasUnknown = false;
    for (;;) {
      try {
        const response = await this.call(op, {
          method: "POST",
          path: "/api/v1/custom-providers",
          body: definition,
          permission: PERMISSIONS.write,
        });
        return {
          provider: parseProviderAnswer(response.data, where("POST", "/api/v1/custom-providers", response)),
          recovered: false,
        };
      } catch (err) {
        if (outcomeWasUnknown && isConflict(err)) {
          return this.recoverAfterConflict(op, definition, err);
        }
        if (!mayHaveBeenApplied(err)) throw err;
        outcomeWasUnknown = true;
        // The resend is a retry of this operation: it draws on the same budget and deadline.
        await op.backOff(err, `outcome unknown (${describeFailure(err)}), looking it up`);
        const existing = await this.lookUpName(op, definition.display_name);
        if (existing) return { provider: existing, recovered: true };
      }
    }
  }

  /** Replaces the definition. A 404 means gone only when a listing confirms the identifier is absent. */
  async updateProvider(identifier: string, definition: ApiDefinition): Promise<ApiProvider> {
    const op = this.operation(`update ${identifier}`);
    const path = providerPath(identifier);
    try {
      const response = await this.call(op, { method: "PUT", path, body: definition, permission: PERMISSIONS.write });
      return parseProviderAnswer(response.data, where("PUT", path, response));
    } catch (err) {
      if (isNotFound(err)) await this.confirmAbsent(op, err, identifier);
      throw err;
    }
  }

  /**
   * Deletes; a provider that is already gone counts as deleted (returns false), but only once a
   * listing confirms it: a 404 for a path the gateway did not route must not pass for success.
   */
  async deleteProvider(identifier: string): Promise<boolean> {
    const op = this.operation(`delete ${identifier}`);
    try {
      await this.call(op, { method: "DELETE", path: providerPath(identifier), permission: PERMISSIONS.write });
      return true;
    } catch (err) {
      if (!isNotFound(err)) throw err;
      await this.confirmAbsent(op, err, identifier);
      return false;
    }
  }

  /** After a 404, throws ScalekitRouteError (naming the path sent) when a listing shows the identifier exists. */
  private async confirmAbsent(op: Operation, notFound: ScalekitApiError, identifier: string): Promise<void> {
    if (await this.lookUpIdentifier(op, identifier)) {
      throw new ScalekitRouteError({
        method: notFound.method,
        path: notFound.path,
        identifier,
        serverMessage: notFound.serverMessage,
      });
    }
  }

  private operation(label: string): Operation {
    return new Operation(label, this.settings);
  }

  private async list(op: Operation, extraQuery: Record<string, string> = {}): Promise<ApiProvider[]> {
    const path = "/api/v1/providers";
    return collectPages(path, this.maxPages, async (pageToken) => {
      const response = await this.call(op, {
        method: "GET",
        path,
        query: { ...CUSTOM_FILTER, page_size: this.pageSize, page_token: pageToken || undefined, ...extraQuery },
        permission: PERMISSIONS.read,
      });
      const page = parseListPage(response.data, where("GET", path, response));
      return { items: page.providers.filter((p) => p.is_custom !== false), nextPageToken: page.nextPageToken };
    });
  }

  private async lookUpIdentifier(op: Operation, identifier: string): Promise<ApiProvider | undefined> {
    return (await this.list(op, { identifier })).find((p) => p.identifier === identifier);
  }

  private async lookUpName(op: Operation, displayName: string): Promise<ApiProvider | undefined> {
    const key = nameKey(displayName);
    return (await this.list(op)).find((p) => nameKey(p.display_name ?? "") === key);
  }

  /** The resend of a create with an unknown outcome hit 409: the first POST made it; a lagging list may hide it a while. */
  private async recoverAfterConflict(
    op: Operation,
    definition: ApiDefinition,
    conflict: ScalekitApiError,
  ): Promise<CreateResult> {
    op.noteFailure(conflict);
    for (let lookups = 0; lookups < op.policy.conflictLookups; lookups++) {
      if (lookups > 0) await op.wait(op.backoffDelay(lookups - 1), `409 after an unknown outcome; look-up ${lookups + 1}`);
      const existing = await this.lookUpName(op, definition.display_name);
      if (existing) return { provider: existing, recovered: true };
    }
    throw conflict;
  }

  /**
   * An authenticated call with retries; a 401 renews the token once and tries again. Each attempt
   * holds one of the environment's request slots (not while backing off), and waits for it within
   * the operation's deadline.
   */
  private async call(op: Operation, req: HttpRequest): Promise<HttpResponse> {
    return withRetries(op, req.method, `${req.method} ${req.path}`, () =>
      this.shared.limiter.run(() => this.authorized(op, req), op.slotSignal()),
    );
  }

  private async authorized(op: Operation, req: HttpRequest): Promise<HttpResponse> {
    const token = await this.shared.tokens.get(op.requestBudgetMs());
    try {
      return await sendOnce(this.http, { ...req, headers: { Authorization: `Bearer ${token}` } }, op.requestBudgetMs());
    } catch (err) {
      if (!isUnauthorized(err)) throw err;
      this.shared.tokens.invalidate(token);
      const renewed = await this.shared.tokens.get(op.requestBudgetMs());
      return sendOnce(this.http, { ...req, headers: { Authorization: `Bearer ${renewed}` } }, op.requestBudgetMs());
    }
  }
}

/**
 * The identifier as one path segment, as Scalekit's docs send it: ':' stays raw (RFC 3986 allows ':',
 * '@' and the sub-delimiters in a segment); only what a segment cannot hold is percent-encoded, and a
 * segment of dots, which a URL parser would resolve away.
 */
export function providerPath(identifier: string): string {
  const segment = encodeURIComponent(identifier).replace(/%(?:3A|40|24|26|2B|2C|3B|3D)/gi, (m) => decodeURIComponent(m));
  return `/api/v1/custom-providers/${/^\.+$/.test(segment) ? segment.replace(/\./g, "%2E") : segment}`;
}

function where(method: string, path: string, response: HttpResponse) {
  return { method, path, status: response.status };
}
