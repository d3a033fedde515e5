import { redact } from "./redact";

export interface ScalekitErrorOptions {
  /**
   * The failure this one explains. Only the library's own (already redacted) errors are given as a
   * cause: an HTTP library's error carries the request, Authorization header included.
   */
  cause?: unknown;
}

/**
 * Marks every error of this library, whichever copy of the package threw it (Symbol.for is shared by
 * the whole process), so `isScalekitError` holds across copies where `instanceof` does not.
 */
export const SCALEKIT_ERROR_BRAND = Symbol.for("pulumi-scalekit-providers.error");

/** Base of every error this library throws; its message is always redacted. */
export class ScalekitError extends Error {
  constructor(message: string, options: ScalekitErrorOptions = {}) {
    super(redact(message));
    this.name = new.target.name;
    Object.defineProperty(this, SCALEKIT_ERROR_BRAND, { value: true, enumerable: false });
    // Set by hand rather than through Error's options, so the field exists the same way on every
    // runtime the library supports, and is absent (not undefined) when there is no cause.
    if (options.cause !== undefined) {
      Object.defineProperty(this, "cause", { value: options.cause, enumerable: false, writable: true, configurable: true });
    }
  }
}
