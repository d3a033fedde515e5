/**
 * The Pulumi engine that started this dynamic-provider process. The engine passes its gRPC address
 * as the process's first argument; @pulumi/pulumi's own logging is not connected there, so we open
 * our own client. Outside a provider process (unit tests, plain scripts) there is no engine.
 */

/** The engine RPCs we use, as the generated gRPC client exposes them. */
export interface EngineClient {
  log(req: unknown, options: { deadline: number }, cb: () => void): void;
  getRootResource(req: unknown, options: { deadline: number }, cb: (err: { code?: number } | null) => void): void;
}

let client: EngineClient | null | undefined;

/** The engine's address when this is a dynamic-provider process the engine started, else undefined. */
export function engineAddress(argv: readonly string[] = process.argv): string | undefined {
  const address = argv[2];
  const inProviderProcess = (argv[1] ?? "").includes("dynamic-provider") && /^[\w.[\]:-]+:\d+$/.test(address ?? "");
  return inProviderProcess ? address : undefined;
}

/** One client per process, or null where there is no engine to speak to. */
export function engineClient(): EngineClient | null {
  if (client !== undefined) return client;
  const address = engineAddress();
  if (address === undefined) return (client = null);
  try {
    // The gRPC library of the @pulumi/pulumi that generated these stubs: a second copy would refuse
    // the other's credentials object. Loaded lazily: only the provider process talks to the engine.
    const services = require("@pulumi/pulumi/proto/engine_grpc_pb");
    const grpc = require("module").createRequire(require.resolve("@pulumi/pulumi/proto/engine_grpc_pb"))("@grpc/grpc-js");
    client = new services.EngineClient(address, grpc.credentials.createInsecure()) as EngineClient;
  } catch {
    client = null;
  }
  return client;
}
