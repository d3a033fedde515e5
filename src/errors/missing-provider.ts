/**
 * The message of a ScalekitNotFoundError when a program names a provider the environment lacks (a
 * lookup, a `CustomProvider.get`): what was asked for, where, and what to check. `context` (the call)
 * leads it.
 */
export function missingProvider(
  wanted: { identifier: string } | { displayName: string },
  environmentUrl: string,
  context?: string,
): string {
  const what = "identifier" in wanted ? `identifier ${wanted.identifier}` : `name "${wanted.displayName}"`;
  const hint =
    "identifier" in wanted
      ? "Identifiers differ between environments: check the config namespace points at the environment that holds it."
      : "Names are matched as Scalekit matches them (letters and digits, any case): check the spelling and the environment.";
  return `${context ? `${context}: ` : ""}no custom provider with ${what} in ${environmentUrl}. ${hint}`;
}
