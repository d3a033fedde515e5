import { AxiosInstance } from "axios";
import { createHash } from "crypto";
import {
  ScalekitApiError,
  ScalekitAuthError,
  ScalekitNetworkError,
  ScalekitRateLimitError,
  ScalekitUnavailableError,
} from "../errors";
import { ScalekitEnvironment } from "../config/environment";
import { registerSecret } from "../errors/redact";
import { sendOnce } from "./send";

/**
 * Access tokens by client credentials: one per environment, client and secret per process, shared by
 * concurrent callers, reused until shortly before expiry, renewed once when the API answers 401.
 * A token request is tried once: retrying is the calling operation's job (one layer owns retries).
 */

/** Renew this long before the server's expiry, so a token never dies mid-request. */
const EXPIRY_MARGIN_MS = 60_000;

interface CachedToken {
  value?: string;
  expiresAt: number;
  pending?: Promise<string>;
}

const cache = new Map<string, CachedToken>();

/** For tests that count token requests per process. */
export function clearTokenCache(): void {
  cache.clear();
}

/** The cache key: a changed secret never reuses a token; the secret itself is kept only as a hash. */
export function tokenCacheKey(env: ScalekitEnvironment): string {
  const secretHash = createHash("sha256").update(env.clientSecret, "utf8").digest("hex");
  return `${env.environmentUrl}\u0000${env.clientId}\u0000${secretHash}`;
}

export class TokenSource {
  private readonly key: string;

  constructor(
    private readonly env: ScalekitEnvironment,
    private readonly http: AxiosInstance,
    private readonly now: () => number = Date.now,
  ) {
    this.key = tokenCacheKey(env);
    registerSecret(env.clientSecret);
  }

  /** A valid token; a request for a new one gets at most `timeoutMs`. */
  async get(timeoutMs: number): Promise<string> {
    const entry = cache.get(this.key);
    if (entry?.value && entry.expiresAt > this.now()) return entry.value;
    if (entry?.pending) return entry.pending;
    const pending = this.fetch(timeoutMs).finally(() => {
      const current = cache.get(this.key);
      if (current?.pending === pending) delete current.pending;
    });
    cache.set(this.key, { ...(entry ?? { expiresAt: 0 }), pending });
    return pending;
  }

  /** Forget `token` after a 401, unless a concurrent caller already replaced it. */
  invalidate(token: string): void {
    const entry = cache.get(this.key);
    if (entry?.value === token) cache.set(this.key, { expiresAt: 0, pending: entry.pending });
  }

  private async fetch(timeoutMs: number): Promise<string> {
    const response = await sendOnce(
      this.http,
      {
        method: "POST",
        path: "/oauth/token",
        form: { grant_type: "client_credentials", client_id: this.env.clientId, client_secret: this.env.clientSecret },
      },
      timeoutMs,
    ).catch((err) => {
      throw this.named(err);
    });
    const body = response.data as { access_token?: unknown; expires_in?: unknown };
    if (typeof body?.access_token !== "string" || body.access_token === "") {
      throw new ScalekitAuthError({
        status: response.status,
        environmentUrl: this.env.environmentUrl,
        description: "the token response has no access_token",
      });
    }
    registerSecret(body.access_token);
    const lifetimeMs = (typeof body.expires_in === "number" ? body.expires_in : 3600) * 1000;
    const expiresAt = this.now() + Math.max(lifetimeMs - EXPIRY_MARGIN_MS, lifetimeMs / 2);
    cache.set(this.key, { value: body.access_token, expiresAt });
    return body.access_token;
  }

  /** A token failure named for its real cause: rate limit, outage or refused credentials. */
  private named(err: unknown): unknown {
    const environmentUrl = this.env.environmentUrl;
    if (err instanceof ScalekitNetworkError) {
      // Whatever became of the token request, the API request it was for was not sent.
      return new ScalekitNetworkError({
        code: err.code,
        method: err.method,
        path: err.path,
        detail: err.detail,
        outcomeUnknown: false,
      });
    }
    if (!(err instanceof ScalekitApiError)) return err;
    const { errorCode, serverMessage, retryAfterMs } = err;
    if (err.status === 429) return new ScalekitRateLimitError({ environmentUrl, errorCode, serverMessage, retryAfterMs });
    if (err.status >= 500)
      return new ScalekitUnavailableError({ environmentUrl, status: err.status, errorCode, serverMessage, retryAfterMs });
    return new ScalekitAuthError({ status: err.status, environmentUrl, errorCode, description: serverMessage });
  }
}
