/**
 * The emulator's state: custom providers (in creation order), the connections that use them,
 * identifier derivation and the create/update/delete/list semantics, including their refusals.
 */
import { builtinProviders } from "./catalogue";
import { ConnectionStore, connectionTypeOf } from "./connections";
import { decodeDefinition } from "./definition";
import { alreadyExists, failedPrecondition, invalidArgument, notFound, validationFailed } from "./errors";
import { randomDigits } from "./ids";
import type { ProviderTypeFilter } from "./provider-type";
import { deriveKey, validateDefinition } from "./rules";
import type { ConnectionObject, ConnectionSpec, Definition, ProviderObject } from "./types";
import { applyUpdate, type UpdateBehaviour } from "./update-mode";

interface StoredProvider {
  id: string;
  identifier: string;
  key: string;
  definition: Definition;
}

/** How many past states a lagging list can go back to. */
const MAX_HISTORY = 100;

function providerObject(s: StoredProvider): ProviderObject {
  const d = s.definition;
  return {
    id: s.id,
    identifier: s.identifier,
    display_name: d.display_name,
    description: d.description,
    // Patterns go back exactly as they were sent: the server adds nothing inside them.
    auth_patterns: structuredClone(d.auth_patterns),
    proxy_url: d.proxy_url,
    proxy_enabled: d.proxy_enabled,
    icon_src: d.icon_src,
    metadata: { ...d.metadata },
    is_custom: true,
    is_custom_mcp: d.auth_patterns.some((p) => p.is_mcp === true),
    categories: [],
    display_priority: 0,
    coming_soon: false,
  };
}

/**
 * Identifiers ever handed out in this process, across emulator instances: two environments emulated
 * side by side never share one, as real Scalekit environments would not.
 */
const usedIdentifiers = new Set<string>();

export class ProviderStore {
  private readonly custom = new Map<string, StoredProvider>();
  readonly connections = new ConnectionStore();
  /** The custom providers as they were before each committed write, oldest first (for lagging lists). */
  private history: ProviderObject[][] = [];
  /** Identifiers ever handed out (kept across reset) so that a stale identifier never comes back to life. */
  private readonly builtinKeys = new Map(builtinProviders().map((p) => [deriveKey(p.display_name), p.display_name]));

  /** Switched at run time by the control route; reset() leaves it to the caller. */
  constructor(public updateBehaviour: UpdateBehaviour) {}

  reset(): void {
    this.custom.clear();
    this.connections.reset();
    this.history = [];
  }

  /** Called just before a write commits. */
  private remember(): void {
    this.history.push(this.customProviders());
    if (this.history.length > MAX_HISTORY) this.history.shift();
  }

  /** Decode and validate a request body; throws the API's 400 on any problem. */
  private definitionFrom(body: unknown): Definition {
    const def = decodeDefinition(body);
    const violations = validateDefinition(def);
    if (violations.length > 0) throw validationFailed(violations);
    return def;
  }

  private refuseBuiltinName(def: Definition, key: string): void {
    const builtin = this.builtinKeys.get(key);
    if (builtin !== undefined) {
      throw invalidArgument(`display_name "${def.display_name}" is taken by the built-in provider "${builtin}"`, [
        {
          field: "display_name",
          description: `the name is taken by the built-in provider "${builtin}"`,
          constraint: "display_name.not_builtin",
        },
      ]);
    }
  }

  private holderOf(key: string): StoredProvider | undefined {
    for (const p of this.custom.values()) if (p.key === key) return p;
    return undefined;
  }

  private newIdentifier(key: string): string {
    for (;;) {
      const identifier = `${key}:${randomDigits(5)}`;
      if (!usedIdentifiers.has(identifier)) {
        usedIdentifiers.add(identifier);
        return identifier;
      }
    }
  }

  create(body: unknown): ProviderObject {
    const def = this.definitionFrom(body);
    const key = deriveKey(def.display_name);
    this.refuseBuiltinName(def, key);
    if (this.holderOf(key) !== undefined) {
      throw alreadyExists(`a custom provider with the display name "${def.display_name}" already exists`);
    }
    const stored: StoredProvider = { id: `prv_${randomDigits(17)}`, identifier: this.newIdentifier(key), key, definition: def };
    this.remember();
    this.custom.set(stored.identifier, stored);
    return providerObject(stored);
  }

  /** Validates the request as sent, then combines it with the stored provider per the update mode. */
  update(identifier: string, body: unknown): ProviderObject {
    const sent = this.definitionFrom(body);
    const stored = this.custom.get(identifier);
    if (stored === undefined) throw notFound(`custom provider "${identifier}" not found`);
    const before = stored.definition.auth_patterns;
    sent.auth_patterns.forEach((p, i) => {
      const old = before[i];
      if (old === undefined) return;
      if (JSON.stringify(old.type) !== JSON.stringify(p.type)) {
        throw failedPrecondition(
          `auth_patterns[${i}].type cannot be changed (from ${old.type} to ${p.type}): create a new provider instead`,
        );
      }
      const wasMcp = old.is_mcp === true;
      const isMcp = p.is_mcp === true;
      if (wasMcp !== isMcp) {
        throw failedPrecondition(
          `auth_patterns[${i}].is_mcp cannot be changed (from ${wasMcp} to ${isMcp}): create a new provider instead`,
        );
      }
    });
    const key = deriveKey(sent.display_name);
    if (key !== stored.key) {
      this.refuseBuiltinName(sent, key);
      if (this.holderOf(key) !== undefined) {
        throw alreadyExists(`a custom provider with the display name "${sent.display_name}" already exists`);
      }
    }
    this.remember();
    stored.key = key;
    stored.definition = applyUpdate(stored.definition, sent, this.updateBehaviour);
    return providerObject(stored);
  }

  delete(identifier: string): void {
    if (!this.custom.has(identifier)) throw notFound(`custom provider "${identifier}" not found`);
    if (this.connections.countFor(identifier) > 0) {
      // gRPC code 3 (HTTP 400) and the text Scalekit's newest Node SDK source quotes; the error code is the Java SDK's.
      throw invalidArgument(
        "cannot delete custom provider with existing connections",
        undefined,
        "PROVIDER_HAS_EXISTING_CONNECTIONS",
      );
    }
    this.remember();
    this.custom.delete(identifier);
    this.connections.removeFor(identifier);
  }

  /**
   * Providers for the list endpoint: built-ins first, then custom ones in creation order; with
   * `lagWrites`, the custom ones as they were before the last `lagWrites` writes.
   */
  list(type: ProviderTypeFilter, identifier: string, lagWrites = 0): ProviderObject[] {
    const all: ProviderObject[] = [
      ...(type === "BUILTIN" || type === "ALL" ? builtinProviders() : []),
      ...(type === "CUSTOM" || type === "ALL" ? this.customProvidersBefore(lagWrites) : []),
    ];
    return identifier === "" ? all : all.filter((p) => p.identifier === identifier);
  }

  private customProvidersBefore(lagWrites: number): ProviderObject[] {
    const n = this.history.length;
    if (lagWrites <= 0 || n === 0) return this.customProviders();
    return structuredClone(lagWrites <= n ? this.history[n - lagWrites] : this.history[0]);
  }

  customProviders(): ProviderObject[] {
    return [...this.custom.values()].map(providerObject);
  }

  /**
   * A connection now uses the provider (it becomes "in use"); throws the API's 404 if no custom
   * provider has that identifier, 409 if the name is taken.
   */
  addConnection(identifier: string, spec: ConnectionSpec = {}): ConnectionObject {
    const stored = this.custom.get(identifier);
    if (stored === undefined) throw notFound(`custom provider "${identifier}" not found`);
    const type = connectionTypeOf(stored.definition.auth_patterns[0]?.type);
    return this.connections.add(identifier, stored.key.toLowerCase(), type, spec);
  }

  removeConnections(identifier: string): void {
    this.connections.removeFor(identifier);
  }
}
