/**
 * The entry point of the plugin's bundled release file: the gRPC and protobuf modules that the
 * installed package takes from beside @pulumi/pulumi (src/engine/sdk-modules.ts) are bundled here and
 * registered first, then the plugin starts.
 */
import { BUNDLED_MODULES } from "../../src/engine/sdk-modules";

(globalThis as Record<string, unknown>)[BUNDLED_MODULES] = {
  "@grpc/grpc-js": require("@grpc/grpc-js"),
  "google-protobuf/google/protobuf/struct_pb": require("google-protobuf/google/protobuf/struct_pb"),
  "google-protobuf/google/protobuf/empty_pb": require("google-protobuf/google/protobuf/empty_pb"),
};
require("../../src/plugin/bin");
