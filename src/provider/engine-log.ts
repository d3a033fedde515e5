import type { Logger } from "../client";
import { redact } from "../client";

/**
 * Warnings from inside the dynamic provider process. That process is started by the engine with
 * the engine's address as its first argument, but @pulumi/pulumi's own `log` is not connected there,
 * so we speak to the engine's Log RPC ourselves; elsewhere (unit tests, plain scripts) we write to stderr.
 */

type Severity = "debug" | "warn";
let engineClient: { log(req: unknown, cb: () => void): void } | null | undefined;

function engine(): typeof engineClient {
  if (engineClient !== undefined) return engineClient;
  const address = process.argv[2];
  const inProviderProcess = (process.argv[1] ?? "").includes("dynamic-provider") && /^[\w.[\]:-]+:\d+$/.test(address ?? "");
  if (!inProviderProcess) return (engineClient = null);
  try {
    // The gRPC library of the @pulumi/pulumi that generated these stubs: a second copy would refuse
    // the other's credentials object. Loaded lazily: only the provider process talks to the engine.
    const services = require("@pulumi/pulumi/proto/engine_grpc_pb");
    const grpc = require("module").createRequire(require.resolve("@pulumi/pulumi/proto/engine_grpc_pb"))("@grpc/grpc-js");
    engineClient = new services.EngineClient(address, grpc.credentials.createInsecure());
  } catch {
    engineClient = null;
  }
  return engineClient;
}

function send(severity: Severity, message: string): Promise<void> {
  const text = redact(message);
  const client = engine();
  if (!client) {
    if (severity === "warn") process.stderr.write(`warning: ${text}\n`);
    return Promise.resolve();
  }
  const proto = require("@pulumi/pulumi/proto/engine_pb");
  const req = new proto.LogRequest();
  req.setSeverity(severity === "warn" ? proto.LogSeverity.WARNING : proto.LogSeverity.DEBUG);
  req.setMessage(text);
  return new Promise((resolve) => client.log(req, () => resolve()));
}

const pending: Promise<void>[] = [];

export const engineLogger: Logger = {
  debug: (m) => void pending.push(send("debug", m)),
  warn: (m) => void pending.push(send("warn", m)),
};

/** Waits until every log line has reached the engine, so it is shown with the step that caused it. */
export async function flushLogs(): Promise<void> {
  await Promise.all(pending.splice(0));
}
