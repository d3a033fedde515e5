import type * as dynamic from "@pulumi/pulumi/dynamic";
import { CustomProviderOperations, type OperationsOptions } from "../operations/operations";
import { engineLogger, exitWhenEngineGone, flushLogs } from "./engine";

export type ImplementationOptions = OperationsOptions;

/**
 * The dynamic provider: the operations (operations/operations.ts) with the engine's log, loaded at
 * call time by the shim stored in state. Warnings reach the engine's Log RPC, shown with their step.
 */
export class CustomProviderImplementation extends CustomProviderOperations implements dynamic.ResourceProvider {
  constructor(options: ImplementationOptions = {}) {
    super({ logger: engineLogger, flush: flushLogs, ...options });
  }
}

/** The instance the shim in state calls. */
export const implementation = new CustomProviderImplementation();

// The shim loads this module in the provider process, whatever shim text a stack has stored: from
// then on the process must not outlive the engine that started it (see engine/watch.ts).
exitWhenEngineGone();
