import { emptyModule, grpcModule, structModule } from "../engine/sdk-modules";
import { engineText } from "../engine/engine-text";
import type { ScalekitPlugin } from "./plugin";
import { defined, PropertyMap } from "./values";
import type { CheckFailure } from "../operations/results";

/**
 * The gRPC face of the plugin: the engine's ResourceProvider service over the stubs that
 * `@pulumi/pulumi` ships (the same ones its own SDK uses), so that gRPC and protobuf come from the one
 * copy the program already has. Every method converts a request into plain values, calls the plugin
 * (plugin.ts), and converts the answer back; an error becomes a gRPC error carrying its (redacted)
 * message. Methods left out (Construct, Call, Parameterize, mappings) answer UNIMPLEMENTED, which the
 * engine treats as "not supported".
 */

/* eslint-disable @typescript-eslint/no-explicit-any -- the generated stubs are untyped JavaScript */
type Call = { request: any };
type Callback = (err: unknown, response?: unknown) => void;

interface Stubs {
  grpc: any;
  services: any;
  proto: any;
  plugin: any;
  struct: any;
  empty: any;
}

function loadStubs(): Stubs {
  return {
    grpc: grpcModule(),
    services: require("@pulumi/pulumi/proto/provider_grpc_pb"),
    proto: require("@pulumi/pulumi/proto/provider_pb"),
    plugin: require("@pulumi/pulumi/proto/plugin_pb"),
    struct: structModule(),
    empty: emptyModule(),
  };
}

/** Starts the server on a free loopback port; resolves to the port (the engine reads it from stdout). */
export async function serve(plugin: ScalekitPlugin, version: string): Promise<{ port: number; stop(): Promise<void> }> {
  const s = loadStubs();
  const server = new s.grpc.Server({ "grpc.max_receive_message_length": 400 * 1024 * 1024 });
  server.addService(s.services.ResourceProviderService, handlers(plugin, version, s));
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync("127.0.0.1:0", s.grpc.ServerCredentials.createInsecure(), (err: Error | null, p: number) =>
      err ? reject(err) : resolve(p),
    ),
  );
  return { port, stop: () => new Promise((resolve) => server.tryShutdown(() => resolve())) };
}

function handlers(plugin: ScalekitPlugin, version: string, s: Stubs): Record<string, (call: Call, cb: Callback) => void> {
  const toJs = (struct: any): PropertyMap => (struct ? (struct.toJavaScript() as PropertyMap) : {});
  const toStruct = (value: PropertyMap) => s.struct.Struct.fromJavaScript(defined(value) as PropertyMap);
  const failuresOf = (failures: CheckFailure[]) =>
    failures.map((f) => {
      const failure = new s.proto.CheckFailure();
      failure.setProperty(f.property);
      failure.setReason(engineText(f.reason));
      return failure;
    });
  const diffResponse = (d: { changes: boolean; replaces: string[]; deleteBeforeReplace: boolean; diffs: string[] }) => {
    const res = new s.proto.DiffResponse();
    res.setChanges(d.changes ? s.proto.DiffResponse.DiffChanges.DIFF_SOME : s.proto.DiffResponse.DiffChanges.DIFF_NONE);
    res.setReplacesList(d.replaces);
    res.setDeletebeforereplace(d.deleteBeforeReplace);
    res.setDiffsList(d.diffs);
    return res;
  };
  /** Runs `work` and answers with its result, or with the error's message (redacted, every character visible). */
  const unary =
    <T>(work: (req: any) => Promise<T> | T, respond: (result: T) => unknown) =>
    (call: Call, cb: Callback) => {
      Promise.resolve()
        .then(() => work(call.request))
        .then(
          (result) => cb(null, respond(result)),
          (err: unknown) =>
            cb({ code: s.grpc.status.UNKNOWN, details: engineText(err instanceof Error ? err.message : String(err)) }),
        );
    };

  return {
    getPluginInfo: unary(
      () => version,
      (v) => new s.plugin.PluginInfo().setVersion(v),
    ),
    getSchema: unary(
      () => plugin.getSchema(),
      (schema) => new s.proto.GetSchemaResponse().setSchema(schema),
    ),
    checkConfig: unary(
      (req) => plugin.checkConfig(toJs(req.getOlds()), toJs(req.getNews())),
      (r) => new s.proto.CheckResponse().setInputs(toStruct(r.inputs)).setFailuresList(failuresOf(r.failures)),
    ),
    diffConfig: unary((req) => plugin.diffConfig(toJs(req.getOlds()), toJs(req.getNews())), diffResponse),
    configure: unary(
      (req) => plugin.configure(req.getArgs() ? toJs(req.getArgs()) : variablesOf(req.getVariablesMap())),
      () =>
        // Plain values in, no Create or Update in a preview: the operations see what the dynamic provider sees.
        new s.proto.ConfigureResponse()
          .setAcceptsecrets(false)
          .setSupportspreview(false)
          .setAcceptresources(false)
          .setAcceptoutputs(false),
    ),
    check: unary(
      (req) => plugin.check(req.getUrn(), toJs(req.getOlds()), toJs(req.getNews())),
      (r) => new s.proto.CheckResponse().setInputs(toStruct(r.inputs)).setFailuresList(failuresOf(r.failures)),
    ),
    diff: unary((req) => plugin.diff(req.getUrn(), req.getId(), toJs(req.getOlds()), toJs(req.getNews())), diffResponse),
    create: unary(
      (req) => plugin.create(req.getUrn(), toJs(req.getProperties())),
      (r) => new s.proto.CreateResponse().setId(r.id).setProperties(toStruct(r.properties)),
    ),
    read: unary(
      (req) => plugin.read(req.getUrn(), req.getId(), toJs(req.getProperties()), toJs(req.getInputs())),
      (r) => {
        const res = new s.proto.ReadResponse().setId(r.id);
        // A blank id with no properties: the provider is gone, and the engine drops it from state.
        if (r.id) res.setProperties(toStruct(r.properties)).setInputs(toStruct(r.inputs));
        return res;
      },
    ),
    update: unary(
      (req) => plugin.update(req.getUrn(), req.getId(), toJs(req.getOlds()), toJs(req.getNews())),
      (r) => new s.proto.UpdateResponse().setProperties(toStruct(r.properties)),
    ),
    delete: unary(
      (req) => plugin.delete(req.getUrn(), req.getId(), toJs(req.getProperties())),
      () => new s.empty.Empty(),
    ),
    invoke: unary(
      (req) => plugin.invoke(req.getTok(), toJs(req.getArgs())),
      (r) => new s.proto.InvokeResponse().setReturn(toStruct(r)),
    ),
    cancel: unary(
      () => undefined,
      () => new s.empty.Empty(),
    ),
    attach: unary(
      () => undefined,
      () => new s.empty.Empty(),
    ),
  };
}

/** Configure's string variables (`scalekit:config:<key>`), for an engine that sends no args. */
function variablesOf(map: { forEach(cb: (value: string, key: string) => void): void }): PropertyMap {
  const out: PropertyMap = {};
  map.forEach((value, key) => {
    const m = /^[^:]+:config:(.+)$/.exec(key);
    if (m) out[m[1]] = value;
  });
  return out;
}
