import { ScalekitError } from "../../errors";
import type { Ownership } from "../../definition/ownership";
import { adoptionRequired } from "../messages";

/** A provider of the same name exists and this resource did not create it: `adopt: true` takes it over. */
export class AdoptionRequiredError extends ScalekitError {
  constructor(
    readonly displayName: string,
    readonly identifier: string | undefined,
    readonly environmentUrl: string,
    serverMessage?: string,
    /** The ownership marker of the stack and resource that manage it, when it carries one. */
    readonly managedBy?: string,
    /** How that marker relates to this resource (definition/ownership.ts). */
    readonly ownership?: Ownership,
    /** This resource's name, for the alias advice after a rename. */
    resource?: string,
  ) {
    super(
      adoptionRequired(displayName, identifier ?? "unknown", environmentUrl, ownership, managedBy, resource) +
        (serverMessage ? ` (Scalekit said: ${serverMessage})` : ""),
    );
  }
}
