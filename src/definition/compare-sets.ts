import { nameKey } from "./provider-key";
import { compareDefinitions, DefinitionChange } from "./compare";
import type { ApiDefinition } from "./types";

/** How a provider differs between two sides, matched by name (identifiers differ per environment). */
export interface ProviderDifference {
  name: string;
  changes: DefinitionChange[];
  replaceReasons: string[];
  scopesAdded: string[];
  scopesRemoved: string[];
}

export interface SetComparison {
  equal: boolean;
  same: string[];
  /** In `from` but not in `to`: promotion would create them. */
  missing: string[];
  /** In `to` but not in `from`. */
  extra: string[];
  different: ProviderDifference[];
}

export function compareSets(from: ApiDefinition[], to: ApiDefinition[]): SetComparison {
  const byKey = (defs: ApiDefinition[]) => new Map(defs.map((d) => [nameKey(d.display_name), d]));
  const target = byKey(to);
  const source = byKey(from);
  const result: SetComparison = { equal: true, same: [], missing: [], extra: [], different: [] };
  for (const [key, def] of [...source].sort(([a], [b]) => a.localeCompare(b))) {
    const other = target.get(key);
    if (!other) {
      result.missing.push(def.display_name);
      continue;
    }
    const cmp = compareDefinitions(other, def);
    if (cmp.changes.length === 0) {
      result.same.push(def.display_name);
    } else {
      result.different.push({
        name: def.display_name,
        changes: cmp.changes,
        replaceReasons: cmp.replaceReasons,
        scopesAdded: cmp.scopesAdded,
        scopesRemoved: cmp.scopesRemoved,
      });
    }
  }
  for (const [key, def] of [...target].sort(([a], [b]) => a.localeCompare(b))) {
    if (!source.has(key)) result.extra.push(def.display_name);
  }
  result.equal = result.missing.length === 0 && result.extra.length === 0 && result.different.length === 0;
  return result;
}
