import { ScalekitError } from "./scalekit-error";

/**
 * A provider named by the program (its identifier, or its display name) is not in the environment:
 * a lookup (`getCustomProvider`) or a read-only reference (`CustomProvider.get`) cannot be served.
 */
export class ProviderNotFoundError extends ScalekitError {
  constructor(
    /** What was asked for, as the program wrote it: `identifier X` or `name "X"`. */
    readonly wanted: { identifier: string } | { displayName: string },
    readonly environmentUrl: string,
    /** Who asked, e.g. `CustomProvider.get("shared-asana")`; shown first. */
    context?: string,
  ) {
    const what = "identifier" in wanted ? `identifier ${wanted.identifier}` : `name "${wanted.displayName}"`;
    super(
      `${context ? `${context}: ` : ""}no custom provider with ${what} in ${environmentUrl}. ` +
        ("identifier" in wanted
          ? "Identifiers differ between environments: check the config namespace points at the environment that holds it."
          : "Names are matched as Scalekit matches them (letters and digits, any case): check the spelling and the environment."),
    );
  }
}
