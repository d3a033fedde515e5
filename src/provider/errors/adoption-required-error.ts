import { ScalekitError } from "../../errors";
import { adoptionRequired } from "../messages";

/** A provider of the same name exists and this resource did not create it: `adopt: true` takes it over. */
export class AdoptionRequiredError extends ScalekitError {
  constructor(
    readonly displayName: string,
    readonly identifier: string | undefined,
    readonly environmentUrl: string,
    serverMessage?: string,
    /** The ownership marker of the stack and resource that manage it, when another one does. */
    readonly managedBy?: string,
  ) {
    super(
      adoptionRequired(displayName, identifier ?? "unknown", environmentUrl, managedBy) +
        (serverMessage ? ` (Scalekit said: ${serverMessage})` : ""),
    );
  }
}
