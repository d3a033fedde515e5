import { isEmptyDefault } from "./shape";
import type { ApiDefinition } from "./types";

/**
 * What the library manages of a provider, given its declaration. Scalekit's update does not fully
 * replace a provider (the contract's "Update does not fully replace"): it merges `metadata` (a key left
 * out survives) and cannot clear `description` or `icon_src` (an empty string is the same as not sent).
 * So, rather than promise what an update cannot do and then chase it forever:
 * - `metadata`: only the keys the declaration names are managed (the ownership marker is handled apart);
 * - `description` and `icon_src`: managed when the declaration sets them to something; an empty or
 *   absent one leaves whatever Scalekit holds;
 * - everything else is managed whole.
 * A write that leaves such an unmanaged value in Scalekit is reported (a leftover), never hidden; diff
 * and refresh compare only the managed view, so the leftover causes no perpetual diff and no repeated PUT.
 * Against a server that replaces the whole provider on update, leftovers simply do not occur.
 */
export const UNCLEARABLE_KEYS = ["description", "icon_src"] as const;

/** Not set: absent, or one of the empty values that mean the same. */
const unset = (v: unknown) => v === undefined || isEmptyDefault(v);

/** The server's definition, restricted to what the declaration manages. */
export function managedView(server: ApiDefinition, declared: ApiDefinition): ApiDefinition {
  const out: ApiDefinition = { ...server };
  const declaredKeys = new Set(Object.keys(declared.metadata ?? {}));
  if (server.metadata) {
    const kept = Object.fromEntries(Object.entries(server.metadata).filter(([key]) => declaredKeys.has(key)));
    if (Object.keys(kept).length) out.metadata = kept;
    else delete out.metadata;
  }
  for (const key of UNCLEARABLE_KEYS) {
    if (unset(declared[key])) delete out[key];
  }
  return out;
}

/** One unmanaged value Scalekit holds that the declaration does not: a path and the value kept. */
export interface Leftover {
  field: string;
  kept: unknown;
}

/**
 * What Scalekit holds beyond the managed view: undeclared metadata keys, a description or icon the
 * declaration clears. `others`: metadata keys that others own and the write sent back on purpose
 * (definition/kept-metadata.ts), which are no leftover.
 */
export function leftovers(server: ApiDefinition, declared: ApiDefinition, others: ReadonlySet<string> = new Set()): Leftover[] {
  const found: Leftover[] = [];
  const declaredKeys = new Set(Object.keys(declared.metadata ?? {}));
  for (const [key, value] of Object.entries(server.metadata ?? {})) {
    if (!declaredKeys.has(key) && !others.has(key)) found.push({ field: `metadata.${key}`, kept: value });
  }
  for (const key of UNCLEARABLE_KEYS) {
    if (unset(declared[key]) && !unset(server[key])) found.push({ field: key, kept: server[key] });
  }
  return found;
}
