import { DEFINITION_KEYS } from "./keys";
import { isEmptyDefault } from "./shape";
import type { ApiDefinition } from "./types";

/**
 * The canonical form of a definition, for comparing a declaration with the server's copy of it:
 * an empty value ("", false, 0, null, [], {}) means the same as an absent key, at every depth and for
 * known and unknown keys alike. grpc-gateway fills empty defaults at the top level, the official SDKs
 * omit keys that hold their defaults, and a read-back may carry `"oauth_config": null`.
 * proxy_enabled is the exception: absent means our default, true.
 */

/** We default proxy_enabled to true: Scalekit's docs call it mandatory, and tool calling needs it. */
export const DEFAULT_PROXY_ENABLED = true;

function withoutEmpty(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutEmpty);
  if (value === null || typeof value !== "object") return value;
  const out: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
    const v = withoutEmpty(child);
    if (v !== undefined && !isEmptyDefault(v)) out[key] = v;
  }
  return out;
}

export function canonicalDefinition(def: ApiDefinition): ApiDefinition {
  const out = withoutEmpty(definitionOf(def)) as ApiDefinition;
  out.proxy_enabled = typeof def.proxy_enabled === "boolean" ? def.proxy_enabled : DEFAULT_PROXY_ENABLED;
  return out;
}

/** Only the definition's keys of a provider object (drops id, identifier and any field the server adds). */
export function definitionOf(provider: object): ApiDefinition {
  const source = provider as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const key of DEFINITION_KEYS) if (source[key] !== undefined) out[key] = source[key];
  return out as unknown as ApiDefinition;
}

/** JSON with sorted keys: equal for structurally equal values whatever their key order. */
export function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b2]) => (a < b2 ? -1 : a > b2 ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

export function sameDefinition(a: ApiDefinition, b2: ApiDefinition): boolean {
  return stableJson(canonicalDefinition(a)) === stableJson(canonicalDefinition(b2));
}

/** Drops undefined and null members (null means absent, as on the server) so a payload carries only what was declared. */
export function compact<T>(value: T): T {
  if (Array.isArray(value)) return value.map(compact) as unknown as T;
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      if (v !== undefined && v !== null) out[k] = compact(v);
    }
    return out as T;
  }
  return value;
}

/** The body sent on create and on every update: the complete declared definition, unknown pattern keys included. */
export function buildPayload(def: ApiDefinition): ApiDefinition {
  const body = compact(definitionOf(def));
  if (body.proxy_enabled === undefined) body.proxy_enabled = DEFAULT_PROXY_ENABLED;
  return body;
}
