import { ScalekitError } from "../../errors";
import { updateRefused } from "../messages";

/**
 * An update found the provider's marker naming another owner (it was adopted by another stack since),
 * or a marker that cannot be read. `adopt: true` does not take it back on an update: the message says
 * how to on purpose.
 */
export class ProviderTakenOverError extends ScalekitError {
  constructor(
    readonly displayName: string,
    readonly identifier: string,
    readonly environmentUrl: string,
    readonly managedBy: string,
    how: {
      /** Whether the resource still sets adopt: true (which acts only on a create). */
      adopt?: boolean;
      /** Whether this stack imported the provider (pulumi import) and had not yet written its marker. */
      imported?: boolean;
      /** Whether the provider's marker is of a shape this version cannot read (counted as another owner's). */
      unreadable?: boolean;
    } = {},
  ) {
    super(updateRefused(displayName, identifier, environmentUrl, managedBy, how));
  }
}
