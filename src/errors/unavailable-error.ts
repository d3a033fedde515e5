import { ScalekitError } from "./scalekit-error";

/**
 * The token endpoint answered 5xx. The API request it was needed for was never sent, so this says
 * nothing about the outcome of a create or an update.
 */
export class ScalekitUnavailableError extends ScalekitError {
  readonly status: number;
  readonly errorCode: string | undefined;
  readonly serverMessage: string;
  readonly retryAfterMs: number | undefined;

  constructor(init: {
    /** The failure this one names more precisely. */
    cause?: unknown;
    environmentUrl: string;
    status: number;
    errorCode?: string;
    serverMessage: string;
    retryAfterMs?: number;
  }) {
    const code = init.errorCode ? ` [${init.errorCode}]` : "";
    super(
      `Scalekit's token endpoint ${init.environmentUrl}/oauth/token is unavailable (HTTP ${init.status}${code}: ${init.serverMessage}). ` +
        "No API request was sent with it; run again later.",
      { cause: init.cause },
    );
    this.status = init.status;
    this.errorCode = init.errorCode;
    this.serverMessage = init.serverMessage;
    this.retryAfterMs = init.retryAfterMs;
  }
}
