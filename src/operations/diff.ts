import { compareDefinitions } from "../definition/compare";
import { containsUnknown, isUnknown } from "../definition/unknown";
import { declaredDefinition, definitionStyle, Inputs, namespaceOf } from "../custom-provider";
import type { Placement } from "./placement";

export interface InputsDiff {
  changes: boolean;
  replaces: string[];
  deleteBeforeReplace: boolean;
}

/**
 * Previous outputs against new inputs, without any network call. Differences the server
 * normalises away (empty defaults, key order, camel vs snake spelling) are no change; a changed
 * auth type or is_mcp cannot be updated in place, and the name is unique, so such a replacement
 * deletes first. A renamed configNamespace is never a replacement by itself: the caller has
 * already refused one that points at another environment (`where`), so it is an update that records
 * the new name, as is a verified move to a new URL of the same environment, and a changed ownership
 * marker (a renamed stack or project, an alias): the update writes the new marker in place.
 */
export function diffInputs(olds: Inputs, news: Inputs, where: Placement = { kind: "unknown" }): InputsDiff {
  const patternKey = definitionStyle(news) === "snake" ? "definition" : "authPatterns";
  const replaces: string[] = [];

  const newDef = declaredDefinition(news);
  if (containsUnknown(newDef)) {
    const pattern = (newDef as { auth_patterns?: unknown }).auth_patterns;
    const first = Array.isArray(pattern) ? (pattern[0] as Record<string, unknown> | undefined) : undefined;
    if (isUnknown(pattern) || isUnknown(first) || isUnknown(first?.type) || isUnknown(first?.is_mcp)) {
      replaces.push(patternKey);
    }
    return { changes: true, replaces, deleteBeforeReplace: replaces.length > 0 };
  }

  const comparison = compareDefinitions(declaredDefinition(olds), newDef);
  if (comparison.replaceReasons.length) replaces.push(patternKey);
  return {
    changes: comparison.changes.length > 0 || replaces.length > 0 || controlsChanged(olds, news, where.kind === "moved"),
    replaces,
    deleteBeforeReplace: replaces.length > 0,
  };
}

/**
 * Whether the update has something to record beyond the definition: a renamed config namespace, a
 * verified move to a new URL of the same environment (`moved`), a changed ownership marker.
 */
export function controlsChanged(olds: Inputs, news: Inputs, moved: boolean): boolean {
  return namespaceOf(olds) !== namespaceOf(news) || moved || markerChanged(olds, news);
}

/**
 * Whether the ownership marker the provider carries must be rewritten. A new name (project, stack or
 * resource) or another state id is a change; gaining a state id is not: a resource recorded before
 * state ids (or before markers) keeps its marker until its next real update, so an upgrade does not
 * rewrite every provider at once.
 */
export function markerChanged(olds: Inputs, news: Inputs): boolean {
  if (olds.managedBy === undefined) return false;
  if (news.managedBy !== olds.managedBy) return true;
  if (olds.stateId === undefined) return false;
  return isUnknown(news.stateId) || news.stateId !== olds.stateId;
}
