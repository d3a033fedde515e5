/**
 * How an update (PUT /api/v1/custom-providers/{identifier}) combines the request with the stored
 * provider, field by field. display_name, auth_patterns and proxy_url are required by the update's
 * buf.validate rules, so they are always sent and always replaced. The others:
 *
 * - `description` and `icon_src` (the mode): proto3 strings without presence, so "" and "not sent" are
 *   the same on the wire.
 *   - "merge" (default): kept when sent empty (sdk 2.21 `update_custom_provider`: "fields left as
 *     None are not sent and the server keeps their existing values"); replaced when sent non-empty.
 *   - "replace": the request is the whole new definition; omitted ones become empty. What the Java SDK
 *     2.6 docstrings and the docs still describe ("full replacement").
 * - `metadata` (disputed, contract "Update does not fully replace"):
 *   - "merge" (the default in merge mode): keys sent overwrite, keys left out survive. A live test
 *     turned {team, tier} + {team: platform, region: us} into {region, team: platform, tier}.
 *   - "replace" (the default in replace mode): the request's map replaces the stored one, so leaving
 *     it out clears it (Scalekit's newest Node SDK source, Java 2.6 and Python 2.21 docstrings).
 *   - "clear-if-empty": an empty (or absent) map clears, a non-empty one merges; both readings at once
 *     (unverified).
 * - `proxy_enabled`:
 *   - "always" (default): applied on every update, and absent means `false` ("the server applies
 *     proxy_enabled on every update, so an unset field would switch proxying off": Scalekit's newest
 *     Node SDK source, 2026-12, the newest evidence). A client must always send it.
 *   - "true-only": CONTRADICTED by that evidence; kept only so that tests can stand up a server that
 *     declines part of a write: `true` is applied, `false` or absent keep the stored value.
 */
import { METADATA_ON_UPDATE, PROXY_ENABLED_ON_UPDATE, UPDATE_MODES } from "./types";
import type { Definition, MetadataOnUpdate, ProxyEnabledOnUpdate, UpdateBehaviour, UpdateFields, UpdateMode } from "./types";

export { METADATA_ON_UPDATE, PROXY_ENABLED_ON_UPDATE, UPDATE_MODES };
export type { MetadataOnUpdate, ProxyEnabledOnUpdate, UpdateBehaviour, UpdateFields, UpdateMode };

/** The one place the default update mode is chosen: "merge", the live server's behaviour. */
export const DEFAULT_UPDATE_MODE: UpdateMode = "merge";
export const DEFAULT_PROXY_ENABLED_ON_UPDATE: ProxyEnabledOnUpdate = "always";

/** The metadata reading a mode implies when none is chosen: its own. */
export function defaultMetadataOnUpdate(mode: UpdateMode): MetadataOnUpdate {
  return mode;
}

export function isUpdateMode(v: unknown): v is UpdateMode {
  return typeof v === "string" && (UPDATE_MODES as readonly string[]).includes(v);
}

export function isMetadataOnUpdate(v: unknown): v is MetadataOnUpdate {
  return typeof v === "string" && (METADATA_ON_UPDATE as readonly string[]).includes(v);
}

export function isProxyEnabledOnUpdate(v: unknown): v is ProxyEnabledOnUpdate {
  return typeof v === "string" && (PROXY_ENABLED_ON_UPDATE as readonly string[]).includes(v);
}

/** The whole behaviour for `mode`, each field left out at its default; undefined names what is invalid. */
export function updateBehaviourOf(
  mode: unknown,
  fields: UpdateFields = {},
): { behaviour: UpdateBehaviour; invalid?: undefined } | { behaviour?: undefined; invalid: string } {
  if (!isUpdateMode(mode)) return { invalid: `mode must be one of ${UPDATE_MODES.join(", ")}` };
  const metadata = fields.metadata ?? defaultMetadataOnUpdate(mode);
  if (!isMetadataOnUpdate(metadata)) return { invalid: `metadata must be one of ${METADATA_ON_UPDATE.join(", ")}` };
  const proxyEnabled = fields.proxyEnabled ?? DEFAULT_PROXY_ENABLED_ON_UPDATE;
  if (!isProxyEnabledOnUpdate(proxyEnabled)) {
    return { invalid: `proxyEnabled must be one of ${PROXY_ENABLED_ON_UPDATE.join(", ")}` };
  }
  return { behaviour: { mode, metadata, proxyEnabled } };
}

function metadataAfter(
  stored: Record<string, string>,
  sent: Record<string, string>,
  reading: MetadataOnUpdate,
): Record<string, string> {
  if (reading === "replace") return { ...sent };
  if (reading === "clear-if-empty" && Object.keys(sent).length === 0) return {};
  return { ...stored, ...sent };
}

/** The definition to store after an update. `sent` is the decoded (and validated) request: absent fields are empty. */
export function applyUpdate(stored: Definition, sent: Definition, behaviour: UpdateBehaviour): Definition {
  const metadata = metadataAfter(stored.metadata, sent.metadata, behaviour.metadata);
  const proxy_enabled = behaviour.proxyEnabled === "true-only" ? sent.proxy_enabled || stored.proxy_enabled : sent.proxy_enabled;
  if (behaviour.mode === "replace") return { ...sent, metadata, proxy_enabled };
  return {
    display_name: sent.display_name,
    auth_patterns: sent.auth_patterns,
    proxy_url: sent.proxy_url,
    description: sent.description === "" ? stored.description : sent.description,
    icon_src: sent.icon_src === "" ? stored.icon_src : sent.icon_src,
    metadata,
    proxy_enabled,
  };
}
