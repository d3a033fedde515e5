import { ScalekitError } from "../../errors";
import { takeOverMarkerNotKept } from "../messages";

/**
 * A take-over (adopt, or Pulumi's `import` option) wrote this resource's ownership marker, and
 * Scalekit's answer does not carry it. The resource is not recorded: its previous owner would still
 * take the provider for its own, and two stacks must never co-own one.
 */
export class MarkerNotKeptError extends ScalekitError {
  constructor(
    readonly displayName: string,
    readonly identifier: string,
    /** The marker sent. */
    readonly marker: string,
    /** Who the answer names instead (describeOwner). */
    readonly found: string,
  ) {
    super(takeOverMarkerNotKept(displayName, identifier, marker, found));
  }
}
