import { redact } from "./redact";
import { ScalekitError } from "./scalekit-error";

/**
 * No HTTP answer arrived. `outcomeUnknown` is true when the request may have reached the server and
 * been applied (timeout, reset after sending): such a create must be looked up, never blindly re-sent.
 */
export class ScalekitNetworkError extends ScalekitError {
  readonly code: string;
  readonly method: string;
  readonly path: string;
  readonly outcomeUnknown: boolean;
  readonly detail: string;

  constructor(init: {
    /** The failure this one names more precisely. */
    cause?: unknown;
    code: string;
    method: string;
    path: string;
    detail: string;
    outcomeUnknown: boolean;
  }) {
    super(`Scalekit ${init.method} ${init.path}: no response (${init.code}: ${init.detail})`, { cause: init.cause });
    this.code = init.code;
    this.detail = redact(init.detail);
    this.method = init.method;
    this.path = init.path;
    this.outcomeUnknown = init.outcomeUnknown;
  }
}
