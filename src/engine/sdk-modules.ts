import { ScalekitInstallationError } from "../errors";

/**
 * The gRPC and protobuf modules of the `@pulumi/pulumi` that generated the engine's stubs, required
 * from beside those stubs: a second copy of @grpc/grpc-js would refuse the other's credentials
 * object, and the package declares only @pulumi/pulumi (a peer). The plugin's bundled release file
 * (scripts/plugin/bundle-entry.ts) has no node_modules to resolve from: it registers the modules it
 * bundled under BUNDLED_MODULES first, and those are used.
 */
export const BUNDLED_MODULES = "__scalekitBundledModules";

/* eslint-disable @typescript-eslint/no-explicit-any -- untyped JavaScript modules */
function sdkModule(id: string): any {
  const bundled = (globalThis as Record<string, unknown>)[BUNDLED_MODULES] as Record<string, unknown> | undefined;
  if (bundled?.[id]) return bundled[id];
  try {
    return require("module").createRequire(require.resolve("@pulumi/pulumi/proto/engine_grpc_pb"))(id);
  } catch (err) {
    throw new ScalekitInstallationError(`cannot load ${id} beside @pulumi/pulumi: install @pulumi/pulumi beside this package`, {
      cause: err,
    });
  }
}

export const grpcModule = (): any => sdkModule("@grpc/grpc-js");
export const structModule = (): any => sdkModule("google-protobuf/google/protobuf/struct_pb");
export const emptyModule = (): any => sdkModule("google-protobuf/google/protobuf/empty_pb");
