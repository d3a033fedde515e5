import { ScalekitError } from "./scalekit-error";

/**
 * A lookup by name found more than one provider. Scalekit derives one key from a name ("My Asana" and
 * "my asana" clash) and refuses a second on create, but providers made before that rule, or by a
 * path that skipped it, can still share one: the lookup names them all instead of picking one.
 */
export class ScalekitDuplicateNameError extends ScalekitError {
  constructor(
    readonly displayName: string,
    /** Every provider holding the name. */
    readonly matches: { identifier: string; displayName: string }[],
    readonly environmentUrl: string,
    context?: string,
  ) {
    const listed = matches.map((m) => `${m.identifier} ("${m.displayName}")`).join(", ");
    super(
      `${context ? `${context}: ` : ""}${matches.length} custom providers in ${environmentUrl} hold the name "${displayName}": ${listed}. ` +
        `Look one up by its identifier instead, and consider renaming or deleting the others.`,
    );
  }
}
