import {
  isApiError,
  isNetworkError,
  ScalekitAuthError,
  ScalekitNetworkError,
  ScalekitRateLimitError,
  ScalekitUnavailableError,
} from "../errors";
import { ScalekitEnvironment } from "../config/environment";
import { registerSecret } from "../errors/redact";
import { HttpTransport, sendOnce } from "./send";

/**
 * Access tokens by client credentials for one environment and client: shared by concurrent callers,
 * reused until shortly before expiry, renewed once when the API answers 401. One source serves every
 * client of that environment in the process (client/environments.ts). A token request is tried once:
 * retrying is the calling operation's job (one layer owns retries).
 */

/** Renew this long before the server's expiry, so a token never dies mid-request. */
const EXPIRY_MARGIN_MS = 60_000;

export class TokenSource {
  private value: string | undefined;
  private expiresAt = 0;
  private pending: Promise<string> | undefined;

  constructor(
    private readonly env: ScalekitEnvironment,
    private readonly http: HttpTransport,
    private readonly now: () => number = Date.now,
  ) {
    registerSecret(env.clientSecret);
  }

  /** A valid token; a request for a new one gets at most `timeoutMs`. */
  async get(timeoutMs: number): Promise<string> {
    if (this.value && this.expiresAt > this.now()) return this.value;
    if (this.pending) return this.pending;
    const pending = this.fetch(timeoutMs).finally(() => {
      if (this.pending === pending) this.pending = undefined;
    });
    this.pending = pending;
    return pending;
  }

  /** Forget `token` after a 401, unless a concurrent caller already replaced it. */
  invalidate(token: string): void {
    if (this.value === token) {
      this.value = undefined;
      this.expiresAt = 0;
    }
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
    this.value = body.access_token;
    this.expiresAt = expiresAt;
    return body.access_token;
  }

  /** A token failure named for its real cause: rate limit, outage or refused credentials. */
  private named(err: unknown): unknown {
    const environmentUrl = this.env.environmentUrl;
    if (isNetworkError(err)) {
      // Whatever became of the token request, the API request it was for was not sent.
      return new ScalekitNetworkError({
        code: err.code,
        method: err.method,
        path: err.path,
        detail: err.detail,
        outcomeUnknown: false,
        cause: err,
      });
    }
    if (!isApiError(err)) return err;
    const { errorCode, serverMessage, retryAfterMs } = err;
    if (err.status === 429)
      return new ScalekitRateLimitError({ environmentUrl, errorCode, serverMessage, retryAfterMs, cause: err });
    if (err.status >= 500)
      return new ScalekitUnavailableError({
        environmentUrl,
        status: err.status,
        errorCode,
        serverMessage,
        retryAfterMs,
        cause: err,
      });
    return new ScalekitAuthError({ status: err.status, environmentUrl, errorCode, description: serverMessage, cause: err });
  }
}
