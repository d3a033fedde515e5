/**
 * A local emulator of the Scalekit custom-providers API, for tests and for a first run without
 * credentials. `startEmulator()` starts it in-process; `cli.ts` runs it as a command.
 */
import { isIPv4 } from "net";
import { EmulatorCore } from "./core";
import { EmulatorServer } from "./server";
import type { ConnectionSpec, Emulator, EmulatorOptions, FaultSpec, ProviderObject } from "./types";
import { DEFAULT_UPDATE_MODE, updateBehaviourOf, type UpdateFields, type UpdateMode } from "./update-mode";

export type {
  AuthFieldMutationObject,
  AuthPatternObject,
  ConnectionObject,
  ConnectionSpec,
  Emulator,
  EmulatorOptions,
  FaultSpec,
  FieldObject,
  FieldViolation,
  JsonObject,
  JsonValue,
  MalformedBody,
  OAuthConfigObject,
  OAuthScopeObject,
  ProviderObject,
  RequestLogEntry,
} from "./types";
export { ApiError, ERROR_INFO_TYPE, GrpcCode, type GrpcStatusBody, type ErrorInfoDetail } from "./errors";
export { InvalidFault } from "./faults";
export { InvalidConnection } from "./connections";
export { InvalidUpdateMode } from "./core";
export { CONNECTIONS_MAX_PAGE_SIZE } from "./connections-route";
export {
  DEFAULT_PROXY_ENABLED_ON_UPDATE,
  DEFAULT_UPDATE_MODE,
  METADATA_ON_UPDATE,
  PROXY_ENABLED_ON_UPDATE,
  UPDATE_MODES,
  type MetadataOnUpdate,
  type ProxyEnabledOnUpdate,
  type UpdateBehaviour,
  type UpdateFields,
  type UpdateMode,
} from "./update-mode";

export const DEFAULT_CLIENT_ID = "skc_emulator";
export const DEFAULT_CLIENT_SECRET = "skc_emulator_secret";
export const DEFAULT_HOST = "127.0.0.1";
export const DEFAULT_MAX_PAGE_SIZE = 25;
export const DEFAULT_PAGE_SIZE = 10;
export const DEFAULT_TOKEN_TTL_SECONDS = 86399;

export function isLoopbackHost(host: string): boolean {
  return host === "localhost" || host === "::1" || (isIPv4(host) && host.startsWith("127."));
}

function positiveInt(name: string, v: number | undefined, dflt: number): number {
  if (v === undefined) return dflt;
  if (!Number.isInteger(v) || v < 1) throw new RangeError(`${name} must be a positive integer`);
  return v;
}

export async function startEmulator(opts: EmulatorOptions = {}): Promise<Emulator> {
  const host = opts.host ?? DEFAULT_HOST;
  if (!isLoopbackHost(host)) throw new RangeError(`host must be a loopback address (127.x.x.x, ::1 or localhost), got "${host}"`);
  const port = opts.port ?? 0;
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new RangeError("port must be an integer from 0 to 65535");
  const clientId = opts.clientId ?? DEFAULT_CLIENT_ID;
  const clientSecret = opts.clientSecret ?? DEFAULT_CLIENT_SECRET;
  if (typeof clientId !== "string" || clientId === "") throw new RangeError("clientId must be a non-empty string");
  if (typeof clientSecret !== "string" || clientSecret === "") throw new RangeError("clientSecret must be a non-empty string");
  const maxPageSize = positiveInt("maxPageSize", opts.maxPageSize, DEFAULT_MAX_PAGE_SIZE);
  const defaultPageSize = positiveInt("defaultPageSize", opts.defaultPageSize, DEFAULT_PAGE_SIZE);
  const ttl = opts.tokenTtlSeconds ?? DEFAULT_TOKEN_TTL_SECONDS;
  if (typeof ttl !== "number" || !Number.isFinite(ttl) || ttl < 0)
    throw new RangeError("tokenTtlSeconds must be a non-negative number");
  const createStatus = opts.createStatus ?? 201;
  if (createStatus !== 200 && createStatus !== 201) throw new RangeError("createStatus must be 200 or 201");

  const { behaviour, invalid } = updateBehaviourOf(opts.updateMode ?? DEFAULT_UPDATE_MODE, {
    metadata: opts.metadataOnUpdate,
    proxyEnabled: opts.proxyEnabledOnUpdate,
  });
  if (invalid !== undefined) {
    const option = invalid.startsWith("mode")
      ? "updateMode"
      : invalid.startsWith("metadata")
        ? "metadataOnUpdate"
        : "proxyEnabledOnUpdate";
    throw new RangeError(`${option}${invalid.slice(invalid.indexOf(" "))}`);
  }

  if (opts.random !== undefined && typeof opts.random !== "function") throw new RangeError("random must be a function");
  const core = new EmulatorCore(
    { clientId, clientSecret, maxPageSize, defaultPageSize, createStatus },
    ttl,
    behaviour,
    opts.random,
  );
  const server = new EmulatorServer(core);
  const actualPort = await server.listen(port, host);
  const url = `http://${host.includes(":") ? `[${host}]` : host}:${actualPort}`;

  return {
    url,
    clientId,
    clientSecret,
    close: () => server.close(),
    reset: () => core.reset(),
    requests: () => core.requests(),
    clearRequests: () => core.clearRequests(),
    injectFault: (f: FaultSpec) => core.injectFault(f),
    heldRequests: () => core.heldRequests(),
    releaseHeld: () => core.releaseHeld(),
    addConnection: (identifier: string, spec?: ConnectionSpec) => core.addConnection(identifier, spec),
    removeConnections: (identifier: string) => core.removeConnections(identifier),
    connections: () => core.connections(),
    updateBehaviour: () => core.updateBehaviour(),
    setUpdateMode: (mode: UpdateMode, fields?: UpdateFields) => core.setUpdateMode(mode, fields),
    providers: (): ProviderObject[] => core.providers(),
    seedProvider: (definition: object): ProviderObject => core.seedProvider(definition),
    issuedTokens: () => core.issuedTokens(),
    revokeTokens: () => core.revokeTokens(),
  };
}
