import { grpcModule } from "./sdk-modules";

/**
 * A client of the Pulumi engine that started this process: a plugin (the dynamic provider host, or
 * the native `scalekit` plugin) receives the engine's gRPC address on its command line. Its own
 * logging is not connected there, so it opens this client: to log with the step, and to notice when
 * the engine is gone.
 */

/** The engine RPCs we use, as the generated gRPC client exposes them. */
export interface EngineClient {
  log(req: unknown, options: { deadline: number }, cb: () => void): void;
  getRootResource(req: unknown, options: { deadline: number }, cb: (err: { code?: number } | null) => void): void;
}

/** What an engine address looks like: host:port (an IPv6 host in brackets). */
export const ENGINE_ADDRESS = /^[\w.[\]:-]+:\d+$/;

/** A client of the engine at `address`, or null when gRPC cannot be loaded. */
export function connectEngine(address: string): EngineClient | null {
  try {
    // Loaded lazily: only a plugin process talks to the engine (sdk-modules.ts says which gRPC).
    const services = require("@pulumi/pulumi/proto/engine_grpc_pb");
    const grpc = grpcModule();
    return new services.EngineClient(address, grpc.credentials.createInsecure()) as EngineClient;
  } catch {
    return null;
  }
}
