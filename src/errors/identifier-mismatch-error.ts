import { ScalekitProtocolError } from "./protocol-error";

/**
 * Scalekit answered a write to one provider (`PUT /api/v1/custom-providers/{identifier}`) with a
 * provider of another identifier. The identifier is the provider's key and is treated as stable: an
 * answer naming another one is not believed, so it never becomes a new target for later updates or
 * deletes (which could then act on another provider). The stack keeps the identifier it recorded.
 */
export class ScalekitIdentifierMismatchError extends ScalekitProtocolError {
  constructor(
    init: { method: string; path: string; status?: number },
    /** The identifier the write was sent to (and that the stack keeps). */
    readonly identifier: string,
    /** The identifier Scalekit's answer carried. */
    readonly answeredIdentifier: string,
  ) {
    super({
      ...init,
      reason:
        `a provider of another identifier (${answeredIdentifier}, where the write was sent to ${identifier}). ` +
        `The stack keeps ${identifier}; check both in the Scalekit Dashboard, then run pulumi refresh`,
    });
  }
}
