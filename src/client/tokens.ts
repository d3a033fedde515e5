import { AxiosInstance } from "axios";
import { ScalekitApiError, ScalekitAuthError } from "./errors";
import { ScalekitEnvironment } from "./environment";
import { registerSecret } from "./redact";
import { sendOnce, SendOptions, withRetries } from "./send";

/**
 * Access tokens by client credentials: one per environment and client per process, shared by
 * concurrent callers, reused until shortly before expiry, renewed once when the API answers 401.
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

export class TokenSource {
  private readonly key: string;

  constructor(
    private readonly env: ScalekitEnvironment,
    private readonly http: AxiosInstance,
    private readonly opts: SendOptions,
    private readonly now: () => number = Date.now,
  ) {
    this.key = `${env.environmentUrl}\u0000${env.clientId}`;
    registerSecret(env.clientSecret);
  }

  async get(): Promise<string> {
    const entry = cache.get(this.key);
    if (entry?.value && entry.expiresAt > this.now()) return entry.value;
    if (entry?.pending) return entry.pending;
    const pending = this.fetch().finally(() => {
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

  private async fetch(): Promise<string> {
    const response = await withRetries(
      "POST",
      "token request",
      () =>
        sendOnce(this.http, {
          method: "POST",
          path: "/oauth/token",
          form: {
            grant_type: "client_credentials",
            client_id: this.env.clientId,
            client_secret: this.env.clientSecret,
          },
        }),
      // The token request changes nothing on the server: retry it like an idempotent call.
      { ...this.opts, policy: { ...this.opts.policy, methods: [...this.opts.policy.methods, "POST"] } },
    ).catch((err) => {
      if (err instanceof ScalekitApiError && err.status >= 400 && err.status < 500) {
        throw new ScalekitAuthError({
          status: err.status,
          environmentUrl: this.env.environmentUrl,
          errorCode: err.errorCode,
          description: err.serverMessage,
        });
      }
      throw err;
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
}
