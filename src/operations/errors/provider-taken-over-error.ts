import { ScalekitError } from "../../errors";
import { updateRefused } from "../messages";

/** An update found the provider's marker naming another owner: it was adopted by another stack since. */
export class ProviderTakenOverError extends ScalekitError {
  constructor(
    readonly displayName: string,
    readonly identifier: string,
    readonly environmentUrl: string,
    readonly managedBy: string,
  ) {
    super(updateRefused(displayName, identifier, environmentUrl, managedBy));
  }
}
