/**
 * How an update (PUT /api/v1/custom-providers/{identifier}) combines the request with the stored
 * provider. Two modes:
 *
 * - "replace": the request is the whole new definition; anything omitted becomes empty. What the
 *   Java SDK 2.6 docstrings and the docs still describe ("full replacement").
 * - "merge": what the live server does (contract, "Update does not fully replace"): `metadata` is
 *   merged into the stored map (keys sent overwrite, keys left out survive: a live test turned
 *   {team, tier} + {team: platform, region: us} into {region, team: platform, tier}); `description`
 *   and `icon_src` are proto3 strings without presence, so "" and "not sent" both keep the stored
 *   value (sdk 2.21 `update_custom_provider`: "fields left as None are not sent and the server keeps
 *   their existing values"). display_name, auth_patterns and proxy_url are required by the update's
 *   buf.validate rules, so they are always sent and always replaced.
 *
 * `proxy_enabled` is a plain proto3 bool in UpdateCustomProvider (no presence: sdk 2.21's
 * providers_pb2 descriptor), so the live server cannot tell `false` from "not sent"; whether it
 * applies `false` is unknown. In merge mode the emulator offers two readings:
 * - "when-sent" (default): applied when the body has the key (true or false), kept when omitted.
 *   Only an emulator that sees the JSON can do this; it is the reading most forgiving to clients.
 * - "true-only": `true` is applied, `false` or omitted keep the stored value, as the proto3 strings
 *   above. sdk 2.21 never sends proxy_enabled on update, which fits this reading.
 */
import { PROXY_ENABLED_ON_UPDATE, UPDATE_MODES } from "./types";
import type { Definition, ProxyEnabledOnUpdate, UpdateBehaviour, UpdateMode } from "./types";

export { PROXY_ENABLED_ON_UPDATE, UPDATE_MODES };
export type { ProxyEnabledOnUpdate, UpdateBehaviour, UpdateMode };

/** The one place the default update mode is chosen: "merge", the live server's behaviour. */
export const DEFAULT_UPDATE_MODE: UpdateMode = "merge";
export const DEFAULT_PROXY_ENABLED_ON_UPDATE: ProxyEnabledOnUpdate = "when-sent";

export function isUpdateMode(v: unknown): v is UpdateMode {
  return typeof v === "string" && (UPDATE_MODES as readonly string[]).includes(v);
}

export function isProxyEnabledOnUpdate(v: unknown): v is ProxyEnabledOnUpdate {
  return typeof v === "string" && (PROXY_ENABLED_ON_UPDATE as readonly string[]).includes(v);
}

/** Whether a request body carries `proxy_enabled` (protojson: a `null` scalar is the same as absent). */
export function sendsProxyEnabled(body: unknown): boolean {
  if (typeof body !== "object" || body === null || Array.isArray(body)) return false;
  const v = (body as Record<string, unknown>).proxy_enabled;
  return v !== undefined && v !== null;
}

/**
 * The definition to store after an update. `sent` is the decoded (and validated) request;
 * `proxyEnabledSent` says whether the body carried the key at all.
 */
export function applyUpdate(
  stored: Definition,
  sent: Definition,
  proxyEnabledSent: boolean,
  behaviour: UpdateBehaviour,
): Definition {
  if (behaviour.mode === "replace") return sent;
  const keepProxy = behaviour.proxyEnabled === "true-only" ? !sent.proxy_enabled : !proxyEnabledSent;
  return {
    display_name: sent.display_name,
    auth_patterns: sent.auth_patterns,
    proxy_url: sent.proxy_url,
    description: sent.description === "" ? stored.description : sent.description,
    icon_src: sent.icon_src === "" ? stored.icon_src : sent.icon_src,
    metadata: { ...stored.metadata, ...sent.metadata },
    proxy_enabled: keepProxy ? stored.proxy_enabled : sent.proxy_enabled,
  };
}
