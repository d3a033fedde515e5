import { ScalekitApiError, ScalekitError } from "../../errors";
import { inUse } from "../messages";

/** Scalekit refused a delete because connections still use the provider. */
export class ProviderInUseError extends ScalekitError {
  readonly status: number;
  readonly errorCode: string | undefined;

  constructor(
    readonly displayName: string,
    readonly identifier: string,
    readonly environmentUrl: string,
    cause: ScalekitApiError,
  ) {
    super(inUse(displayName, identifier, environmentUrl, cause.serverMessage), { cause });
    this.status = cause.status;
    this.errorCode = cause.errorCode;
  }
}
