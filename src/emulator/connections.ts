/**
 * Connections: what makes a provider "in use". Tests add them through the control route or
 * `addConnection` (Scalekit's own API to create one is out of scope); ListAppConnections lists them
 * and the delete refusal counts them.
 */
import { alreadyExists } from "./errors";
import { randomDigits } from "./ids";
import type { ConnectionObject, ConnectionSpec, JsonValue } from "./types";

/** ConnectionType names (scalekit.v1.connections, sdk 2.21) a custom provider's pattern type can map to. */
const CONNECTION_TYPES = new Set([
  "OAUTH",
  "BASIC",
  "BEARER",
  "API_KEY",
  "NO_AUTH",
  "OAUTH_M2M",
  "GOOGLE_DWD",
  "TRELLO_OAUTH1",
  "TRUSTED_IDP",
]);

const SPEC_KEYS = new Set(["name", "type", "status", "enabled"]);

/** An invalid connection specification (from code or the control route). */
export class InvalidConnection extends TypeError {
  constructor(message: string) {
    super(message);
    this.name = "InvalidConnection";
  }
}

/** Check a connection specification; throws an InvalidConnection explaining what is wrong. */
export function parseConnectionSpec(input: unknown): ConnectionSpec {
  if (input === undefined || input === null) return {};
  if (typeof input !== "object" || Array.isArray(input))
    throw new InvalidConnection("a connection specification must be an object");
  const spec = input as Record<string, unknown>;
  for (const k of Object.keys(spec)) if (!SPEC_KEYS.has(k)) throw new InvalidConnection(`unknown connection property "${k}"`);
  for (const k of ["name", "type", "status"]) {
    const v = spec[k];
    if (v !== undefined && (typeof v !== "string" || v === "")) throw new InvalidConnection(`${k} must be a non-empty string`);
  }
  if (spec.enabled !== undefined && typeof spec.enabled !== "boolean") throw new InvalidConnection("enabled must be a boolean");
  return spec as ConnectionSpec;
}

/** The connection type a provider's first auth pattern implies. */
export function connectionTypeOf(patternType: JsonValue | undefined): string {
  return typeof patternType === "string" && CONNECTION_TYPES.has(patternType) ? patternType : "INVALID";
}

export class ConnectionStore {
  private items: ConnectionObject[] = [];

  /**
   * Add a connection to the provider `providerKey`. `nameBase` seeds the default name;
   * `defaultType` is used when the spec names no type. Throws 409 for a name already taken.
   */
  add(providerKey: string, nameBase: string, defaultType: string, spec: ConnectionSpec): ConnectionObject {
    const name = spec.name ?? this.freeName(nameBase);
    if (this.items.some((c) => c.key_id === name)) throw alreadyExists(`a connection named "${name}" already exists`);
    const connection: ConnectionObject = {
      id: `conn_${randomDigits(17)}`,
      provider: "CONNECTION_PROVIDER_UNSPECIFIED",
      type: spec.type ?? defaultType,
      status: spec.status ?? "COMPLETED",
      enabled: spec.enabled ?? true,
      organization_id: "",
      ui_button_title: "",
      domains: [],
      organization_name: "",
      provider_key: providerKey,
      key_id: name,
      created_at: new Date().toISOString(),
      mcp_server_url: "",
      auth_mode: "CONNECTION_AUTH_MODE_UNSPECIFIED",
    };
    this.items.push(connection);
    return { ...connection };
  }

  private freeName(base: string): string {
    for (let n = 1; ; n++) {
      const name = `${base}-${n}`;
      if (!this.items.some((c) => c.key_id === name)) return name;
    }
  }

  countFor(providerKey: string): number {
    return this.items.filter((c) => c.provider_key === providerKey).length;
  }

  removeFor(providerKey: string): void {
    this.items = this.items.filter((c) => c.provider_key !== providerKey);
  }

  /** Copies, in creation order; with `providerKey`, only that provider's (exact, case-sensitive match). */
  list(providerKey?: string): ConnectionObject[] {
    return this.items.filter((c) => providerKey === undefined || c.provider_key === providerKey).map((c) => ({ ...c }));
  }

  reset(): void {
    this.items = [];
  }
}
