/**
 * The gRPC and protobuf modules of the `@pulumi/pulumi` that generated the engine's stubs. A second
 * copy of @grpc/grpc-js would refuse the other's credentials object, so each module is required
 * from beside the stubs. In the plugin's bundled release file there is no node_modules to resolve
 * from: every module is the bundled one, a single copy, and the static `require`s below are what the
 * bundler follows.
 */
function fromSdk(id: string): unknown {
  try {
    return require("module").createRequire(require.resolve("@pulumi/pulumi/proto/engine_grpc_pb"))(id);
  } catch {
    return undefined;
  }
}

/* eslint-disable @typescript-eslint/no-explicit-any -- untyped JavaScript modules */
export function grpcModule(): any {
  return fromSdk("@grpc/grpc-js") ?? require("@grpc/grpc-js");
}

export function structModule(): any {
  return fromSdk("google-protobuf/google/protobuf/struct_pb") ?? require("google-protobuf/google/protobuf/struct_pb");
}

export function emptyModule(): any {
  return fromSdk("google-protobuf/google/protobuf/empty_pb") ?? require("google-protobuf/google/protobuf/empty_pb");
}
