import { ScalekitError } from "./scalekit-error";

/** The token endpoint answered 429: too many requests, not refused credentials. */
export class ScalekitRateLimitError extends ScalekitError {
  readonly status = 429;
  readonly errorCode: string | undefined;
  readonly serverMessage: string;
  readonly retryAfterMs: number | undefined;

  constructor(init: {
    /** The failure this one names more precisely. */
    cause?: unknown;
    environmentUrl: string;
    errorCode?: string;
    serverMessage: string;
    retryAfterMs?: number;
  }) {
    const code = init.errorCode ? ` [${init.errorCode}]` : "";
    const wait = init.retryAfterMs !== undefined ? ` It asked to wait ${Math.ceil(init.retryAfterMs / 1000)} s.` : "";
    super(
      `Scalekit rate-limited the token request to ${init.environmentUrl} (HTTP 429${code}: ${init.serverMessage}). ` +
        `The client credentials were not refused; run again later.${wait}`,
      { cause: init.cause },
    );
    this.errorCode = init.errorCode;
    this.serverMessage = init.serverMessage;
    this.retryAfterMs = init.retryAfterMs;
  }
}
