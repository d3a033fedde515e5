import { ScalekitError } from "./scalekit-error";

/** The token endpoint refused the client credentials (or answered something unusable). */
export class ScalekitAuthError extends ScalekitError {
  readonly status: number;
  readonly errorCode: string | undefined;

  constructor(init: {
    /** The failure this one names more precisely. */
    cause?: unknown;
    status: number;
    environmentUrl: string;
    errorCode?: string;
    description?: string;
  }) {
    const what = [init.errorCode, init.description].filter(Boolean).join(": ") || "no details";
    super(
      `Scalekit refused the client credentials for ${init.environmentUrl} (HTTP ${init.status}, ${what}). ` +
        "Check scalekit:clientId and scalekit:clientSecret (or SCALEKIT_CLIENT_ID / SCALEKIT_CLIENT_SECRET).",
      { cause: init.cause },
    );
    this.status = init.status;
    this.errorCode = init.errorCode;
  }
}
