/** `{{name}}` placeholders in a proxy URL, and anything that looks like a broken one. */
export interface PlaceholderScan {
  names: string[];
  malformed: string[];
}

const WELL_FORMED = /\{\{([A-Za-z_][A-Za-z0-9_]*)\}\}/g;

export function scanPlaceholders(url: string): PlaceholderScan {
  const names = [...url.matchAll(WELL_FORMED)].map((m) => m[1]);
  const rest = url.replace(WELL_FORMED, "");
  const malformed = [...rest.matchAll(/\{\{[^}]*\}?\}?|\}\}/g)].map((m) => m[0]);
  return { names: [...new Set(names)], malformed };
}
