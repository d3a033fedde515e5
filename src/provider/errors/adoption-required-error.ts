import { ScalekitError } from "../../client";
import { adoptionRequired } from "../messages";

/** A provider of the same name exists and this stack did not create it: `adopt: true` takes it over. */
export class AdoptionRequiredError extends ScalekitError {
  constructor(
    readonly displayName: string,
    readonly identifier: string | undefined,
    readonly environmentUrl: string,
    serverMessage?: string,
  ) {
    super(adoptionRequired(displayName, identifier ?? "unknown", environmentUrl) + (serverMessage ? ` (Scalekit said: ${serverMessage})` : ""));
  }
}
