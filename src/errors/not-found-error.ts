import { ScalekitError } from "./scalekit-error";

/**
 * A provider that must exist does not: looked up by identifier or name after a well-formed answer
 * without it (a malformed answer is a ScalekitProtocolError, never "not found").
 */
export class ScalekitNotFoundError extends ScalekitError {
  constructor(
    message: string,
    readonly lookup: { identifier?: string; displayName?: string },
    readonly environmentUrl: string,
  ) {
    super(message);
  }
}
