/**
 * Scalekit derives a provider's key from its display name, so "My Asana" and "MyAsana" clash. Names
 * are matched on this key, never on identifiers, which differ between environments.
 */
export function nameKey(displayName: string): string {
  return displayName.toUpperCase().replace(/[^A-Z0-9]/g, "");
}
