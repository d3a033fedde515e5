/**
 * Shapes shared by the emulator's modules: the provider object as the API returns it,
 * the decoded definition, connections, the request log entry, fault specifications and options.
 */

/** Any JSON value, as a protobuf `Value` holds it. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

/**
 * An auth pattern: free-form JSON (a protobuf Struct inside the `auth_patterns` ListValue, sdk 2.21).
 * The server keeps every key it is sent, `null`s included, and returns the pattern unchanged; it adds
 * nothing inside it. Documented keys: type, display_name, description, fields, account_fields,
 * oauth_config, is_mcp, auth_header_key_override, allowed_proxy_domains (and auth_field_mutations).
 */
export type AuthPatternObject = JsonObject;
/** A field (`fields[]`, `account_fields[]`) inside a pattern: free-form too. */
export type FieldObject = JsonObject;
/** Free-form parts of a pattern, named for readers of older code. */
export type OAuthConfigObject = JsonObject;
export type OAuthScopeObject = JsonObject;
export type AuthFieldMutationObject = JsonObject;

/** A provider as the API returns it (every field present, grpc-gateway style). */
export interface ProviderObject {
  id: string;
  identifier: string;
  display_name: string;
  description: string;
  auth_patterns: AuthPatternObject[];
  proxy_url: string;
  proxy_enabled: boolean;
  icon_src: string;
  metadata: Record<string, string>;
  is_custom: boolean;
  is_custom_mcp: boolean;
  categories: string[];
  display_priority: number;
  coming_soon: boolean;
}

/** A definition after decoding a request body: unknown fields dropped, absent fields empty. */
export interface Definition {
  display_name: string;
  description: string;
  auth_patterns: AuthPatternObject[];
  proxy_url: string;
  proxy_enabled: boolean;
  icon_src: string;
  metadata: Record<string, string>;
}

/**
 * A connection as ListAppConnections returns it: every field of the proto's ListConnection
 * (scalekit.v1.connections, sdk 2.21), grpc-gateway style. The emulator models id, key_id,
 * provider_key, type, status, enabled and created_at; the rest carry their empty values.
 */
export interface ConnectionObject {
  /** `conn_` and digits. */
  id: string;
  /** ConnectionProvider enum (SSO providers); app connections carry its zero value. */
  provider: string;
  /** ConnectionType enum name: OAUTH, BASIC, BEARER, API_KEY, NO_AUTH, ... */
  type: string;
  /** ConnectionStatus enum name: DRAFT, IN_PROGRESS, COMPLETED. */
  status: string;
  enabled: boolean;
  organization_id: string;
  ui_button_title: string;
  /** A repeated string in ListConnection (sdk 2.21 connections_pb2): `[]` when empty. */
  domains: string[];
  organization_name: string;
  /** The identifier of the provider the connection uses. */
  provider_key: string;
  /** The connection's name. */
  key_id: string;
  /** RFC 3339. */
  created_at: string;
  mcp_server_url: string;
  auth_mode: string;
}

/** What a test may choose about a connection it adds; anything left out gets a default. */
export interface ConnectionSpec {
  /** The connection name (`key_id`), unique in the environment. Default: `<provider key>-<n>`, e.g. `mytavily-1`. */
  name?: string;
  /** Default: the provider's auth pattern type when it is a ConnectionType name, else "INVALID" (the enum's zero value). */
  type?: string;
  /** Default "COMPLETED". */
  status?: string;
  /** Default true. */
  enabled?: boolean;
}

export interface FieldViolation {
  field: string;
  description: string;
  constraint: string;
}

export interface RequestLogEntry {
  /** Arrival order, starting at 1 (reset by reset(), not by clearRequests()). */
  seq: number;
  method: string;
  /** The path exactly as received (still URL-encoded), without the query string. */
  path: string;
  /** Decoded query parameters (first value of each); secret-looking parameters are redacted. */
  query: Record<string, string>;
  /** The status sent (or, for dropAfterCommit, the status that would have been sent; 0 for dropBeforeCommit). */
  status: number;
  /** True when the socket was destroyed instead of answering. */
  dropped?: boolean;
  /** Which injected fault applied to this request, if any. */
  fault?:
    | "status"
    | "latency"
    | "dropBeforeCommit"
    | "dropAfterCommit"
    | "hangAfterCommit"
    | "malformedBody"
    | "listLagWrites"
    | "trickle"
    | "hold";
  /**
   * The top-level keys of a JSON object body (never their values), sorted: what a request sent, e.g.
   * whether an update carried `proxy_enabled`. Absent for requests without such a body.
   */
  bodyKeys?: string[];
}

/**
 * Broken 200 answers a gateway or a half-deployed server might send: `empty` is `{}`, `nullProviders`
 * is `{"providers": null, ...}`, `nullConnections` is `{"connections": null, ...}`, `html` a maintenance
 * page (text/html), `truncated` JSON cut short.
 */
export type MalformedBody = "empty" | "nullProviders" | "nullConnections" | "html" | "truncated";

export interface FaultSpec {
  /** Answer with this HTTP status (400-599) and a grpc-gateway body, without processing the request. */
  status?: number;
  /** How many matching requests the fault applies to (default 1). */
  count?: number;
  /** Only requests with this method (case-insensitive). */
  method?: string;
  /** Only requests whose path (raw or decoded) starts with this. */
  pathPrefix?: string;
  /** With `status`: send a Retry-After header with this many seconds. */
  retryAfterSeconds?: number;
  /** Delay matching requests by this many milliseconds (then process normally unless another effect is set). */
  latencyMs?: number;
  /** Process the request fully, then destroy the socket without answering. */
  dropAfterCommit?: boolean;
  /** Destroy the socket without processing the request. */
  dropBeforeCommit?: boolean;
  /** Process the request fully, then never answer: the socket stays open until the client gives up. */
  hangAfterCommit?: boolean;
  /** Answer 200 with this broken body, without processing the request. */
  malformedBody?: MalformedBody;
  /**
   * For provider list requests: answer as if the last N committed writes (create, update, delete, seed) had
   * not happened yet, as an eventually consistent read replica would.
   */
  listLagWrites?: number;
  /** Send the answer's body one byte every this many milliseconds (headers at once). */
  trickleMs?: number;
  /**
   * Apply to each matching request with this chance (above 0, at most 1) instead of to every one;
   * `count` then counts the requests it applied to. A request it passes over may take a later fault,
   * so `{status: 429, probability: 0.1}` then `{status: 503, probability: 0.1 / 0.9}` answer 10 % of
   * requests with each.
   */
  probability?: number;
  /**
   * Hold matching requests (after any latency) until `releaseHeld()` or `POST /_emulator/faults/release`,
   * then process them normally: a slow answer whose end the test decides.
   */
  hold?: boolean;
}

export interface EmulatorOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  /** Loopback only; default 127.0.0.1. */
  host?: string;
  clientId?: string;
  clientSecret?: string;
  /** Server-side maximum page size (default 25): larger page_size values are clamped. */
  maxPageSize?: number;
  /** Page size when page_size is absent or 0 (default 10). */
  defaultPageSize?: number;
  /** Access token lifetime in seconds (default 86399). */
  tokenTtlSeconds?: number;
  /** HTTP status of a successful create (default 201). */
  createStatus?: 200 | 201;
  /** How an update combines with the stored provider (default DEFAULT_UPDATE_MODE); see update-mode.ts. */
  updateMode?: UpdateMode;
  /** What an update does with metadata (default: the mode's own, "merge" or "replace"); see update-mode.ts. */
  metadataOnUpdate?: MetadataOnUpdate;
  /** What an update does with proxy_enabled (default "always"); see update-mode.ts. */
  proxyEnabledOnUpdate?: ProxyEnabledOnUpdate;
  /** Decides the faults that have a `probability` (default Math.random; tests pass a seeded one). */
  random?: () => number;
}

export interface Emulator {
  /** e.g. http://127.0.0.1:PORT (no trailing slash) */
  url: string;
  clientId: string;
  clientSecret: string;
  close(): Promise<void>;
  /** Drop providers, connections, tokens, faults and the request log; restore the start-time update mode. */
  reset(): void;
  requests(): RequestLogEntry[];
  clearRequests(): void;
  injectFault(f: FaultSpec): void;
  /** How many requests a `hold` fault is holding now. */
  heldRequests(): number;
  /** Let every held request go on; returns how many were held. */
  releaseHeld(): number;
  /** A connection now uses the provider (it becomes "in use"); throws the API's 404 for an unknown one, 409 for a taken name. */
  addConnection(identifier: string, spec?: ConnectionSpec): ConnectionObject;
  /** Remove every connection of the provider. */
  removeConnections(identifier: string): void;
  /** Every connection, in creation order. */
  connections(): ConnectionObject[];
  /** The update behaviour in force (reset() restores the one chosen at start). */
  updateBehaviour(): UpdateBehaviour;
  /**
   * Switch the update behaviour at run time. A field left out takes its default for `mode`: metadata
   * the mode's own reading, proxy_enabled "always".
   */
  setUpdateMode(mode: UpdateMode, fields?: UpdateFields): void;
  providers(): ProviderObject[];
  seedProvider(definition: object): ProviderObject;
  issuedTokens(): string[];
  revokeTokens(): void;
}

/** How an update combines the request with the stored provider (see update-mode.ts). */
export const UPDATE_MODES = ["merge", "replace"] as const;
export type UpdateMode = (typeof UPDATE_MODES)[number];

/** What an update does with `metadata` (see update-mode.ts). */
export const METADATA_ON_UPDATE = ["merge", "replace", "clear-if-empty"] as const;
export type MetadataOnUpdate = (typeof METADATA_ON_UPDATE)[number];

/** What an update does with `proxy_enabled` (see update-mode.ts): "true-only" is a contradicted reading. */
export const PROXY_ENABLED_ON_UPDATE = ["always", "true-only"] as const;
export type ProxyEnabledOnUpdate = (typeof PROXY_ENABLED_ON_UPDATE)[number];

export interface UpdateBehaviour {
  /** description and icon_src: kept when sent empty ("merge") or replaced ("replace"); the other fields as below. */
  mode: UpdateMode;
  metadata: MetadataOnUpdate;
  proxyEnabled: ProxyEnabledOnUpdate;
}

/** The per-field readings a caller may choose with a mode. */
export type UpdateFields = Partial<Omit<UpdateBehaviour, "mode">>;
