import { canonicalDefinition, stableJson } from "./normalize";
import type { ApiDefinition } from "./types";
import { formatPath, PathSegment } from "./case";
import { isEmptyDefault } from "./shape";
import { credentialChange, credentialPathsIn, maskCredentials } from "./credentials";

/** One leaf-level difference between two definitions, in the API's snake_case paths. */
export interface DefinitionChange {
  path: PathSegment[];
  before: unknown;
  after: unknown;
  /**
   * Where the change holds credentials (definition/credentials.ts), relative to `before` and `after`:
   * `[[]]` when the changed value is one. They are compared, never shown (`shownChange`).
   */
  credentials?: PathSegment[][];
}

export interface DefinitionComparison {
  changes: DefinitionChange[];
  /** Why the provider must be deleted and created again (the API cannot update these). */
  replaceReasons: string[];
  /** Changes to what connected accounts authenticate with: connections may need re-creating. */
  authChanged: boolean;
  scopesAdded: string[];
  scopesRemoved: string[];
}

function walk(before: unknown, after: unknown, path: PathSegment[], out: DefinitionChange[]): void {
  if (stableJson(before) === stableJson(after)) return;
  const bothArrays = Array.isArray(before) && Array.isArray(after);
  const bothObjects = !bothArrays && [before, after].every((v) => v !== null && typeof v === "object" && !Array.isArray(v));
  if (bothArrays) {
    const a = before as unknown[];
    const b = after as unknown[];
    for (let i = 0; i < Math.max(a.length, b.length); i++) walk(a[i], b[i], [...path, i], out);
  } else if (bothObjects) {
    const a = before as Record<string, unknown>;
    const b = after as Record<string, unknown>;
    for (const key of [...new Set([...Object.keys(a), ...Object.keys(b)])].sort()) walk(a[key], b[key], [...path, key], out);
  } else {
    out.push({ path, before, after });
  }
}

/** Keys inside an auth pattern whose change is only shown to users: not an auth change. */
export const COSMETIC_KEYS: ReadonlySet<string> = new Set(["display_name", "description", "label", "hint"]);

function scopes(def: ApiDefinition): string[] {
  return (def.auth_patterns?.[0]?.oauth_config?.available_scopes ?? []).map((s) => s.scope);
}

export function compareDefinitions(oldDef: ApiDefinition, newDef: ApiDefinition): DefinitionComparison {
  const a = canonicalDefinition(oldDef);
  const b = canonicalDefinition(newDef);
  const changes: DefinitionChange[] = [];
  walk(a, b, [], changes);
  for (const c of changes) {
    const found = [...credentialPathsIn(c.before, c.path, [a, b]), ...credentialPathsIn(c.after, c.path, [a, b])];
    if (found.length) c.credentials = [...new Map(found.map((p) => [JSON.stringify(p), p])).values()];
  }

  const replaceReasons: string[] = [];
  const pa = a.auth_patterns?.[0];
  const pb = b.auth_patterns?.[0];
  if (pa && pb && pa.type !== pb.type) replaceReasons.push(`auth type changes from ${pa.type} to ${pb.type}`);
  // Canonical forms drop false, so compare what is meant.
  if (pa && pb && (pa.is_mcp === true) !== (pb.is_mcp === true)) {
    replaceReasons.push(`is_mcp changes from ${pa.is_mcp === true} to ${pb.is_mcp === true}`);
  }

  const authChanged = changes.some((c) => c.path[0] === "auth_patterns" && !COSMETIC_KEYS.has(String(c.path[c.path.length - 1])));
  const before = scopes(a);
  const after = scopes(b);
  return {
    changes,
    replaceReasons,
    authChanged,
    scopesAdded: after.filter((s) => !before.includes(s)),
    scopesRemoved: before.filter((s) => !after.includes(s)),
  };
}

/** Whole objects appear when one side lacks a key: show only what is set in them. */
export function setPart(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(setPart);
  if (value === null || typeof value !== "object") return value;
  const entries = Object.entries(value as Record<string, unknown>)
    .map(([k, v]) => [k, setPart(v)] as const)
    .filter(([, v]) => !isEmptyDefault(v));
  return Object.fromEntries(entries);
}

/** A change as it may be shown: every credential in it masked (`[secret: N characters]`), `secret` when it holds one. */
export interface ShownChange {
  path: PathSegment[];
  before?: unknown;
  after?: unknown;
  /** The change itself is a credential's: only this is told, e.g. "12 characters changed (secret, not shown)". */
  change?: string;
  secret?: true;
}

export function shownChange(c: DefinitionChange): ShownChange {
  const credentials = c.credentials ?? [];
  if (credentials.some((p) => p.length === 0)) return { path: c.path, change: credentialChange(c.before, c.after), secret: true };
  return {
    path: c.path,
    ...(c.before !== undefined ? { before: maskCredentials(c.before, credentials) } : {}),
    ...(c.after !== undefined ? { after: maskCredentials(c.after, credentials) } : {}),
    ...(credentials.length ? { secret: true as const } : {}),
  };
}

/** One line for a change, with no credential in it: `path: before => after`. */
export function describeChange(c: DefinitionChange): string {
  const shown = shownChange(c);
  if (shown.change !== undefined) return `${formatPath(c.path)}: ${shown.change}`;
  const show = (v: unknown) => (v === undefined ? "(none)" : JSON.stringify(setPart(v)));
  return `${formatPath(c.path)}: ${show(shown.before)} => ${show(shown.after)}`;
}
