import type * as dynamic from "@pulumi/pulumi/dynamic";
import { decodeOutputs, encodeOutputs, type Inputs } from "../custom-provider";
import { CustomProviderOperations, type OperationsOptions } from "../operations/operations";
import type { CheckResult, CreateResult, DiffResult, ReadResult, UpdateResult } from "../operations/results";
import { engineText, errorForEngine } from "../engine/engine-text";
import { engineLogger, exitWhenEngineGone, flushLogs } from "./engine";

export type ImplementationOptions = OperationsOptions;

/**
 * The dynamic provider: the operations (operations/operations.ts) with the engine's log, loaded at
 * call time by the shim stored in state. Warnings reach the engine's Log RPC, shown with their step.
 * Nested outputs are kept in state as JSON text (custom-provider/state-encoding.ts): decoded here
 * before an operation reads recorded outputs, encoded as they are returned. Recorded inputs stay trees.
 * Errors and check failures leave as the engine shows them (engine/engine-text.ts): the SDK's provider
 * host passes their text on as it is.
 */
export class CustomProviderImplementation extends CustomProviderOperations implements dynamic.ResourceProvider {
  constructor(options: ImplementationOptions = {}) {
    super({ logger: engineLogger, flush: flushLogs, ...options });
  }

  async check(olds: Inputs, news: Inputs): Promise<CheckResult> {
    const result = await shown(() => super.check(olds, news));
    return { ...result, failures: result.failures.map((f) => ({ ...f, reason: engineText(f.reason) })) };
  }

  async diff(id: string, olds: Inputs, news: Inputs): Promise<DiffResult> {
    return shown(() => super.diff(id, decodeOutputs(olds), news));
  }

  async create(inputs: Inputs): Promise<CreateResult> {
    const result = await shown(() => super.create(inputs));
    return { ...result, outs: encodeOutputs(result.outs) };
  }

  async read(id: string, props: Inputs): Promise<ReadResult> {
    const result = await shown(() => super.read(id, decodeOutputs(props)));
    return { ...result, props: encodeOutputs(result.props) };
  }

  async update(id: string, olds: Inputs, news: Inputs): Promise<UpdateResult> {
    const result = await shown(() => super.update(id, decodeOutputs(olds), news));
    return { ...result, outs: encodeOutputs(result.outs) };
  }

  async delete(id: string, props: Inputs): Promise<void> {
    return shown(() => super.delete(id, decodeOutputs(props)));
  }
}

async function shown<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    throw errorForEngine(err);
  }
}

/** The instance the shim in state calls. */
export const implementation = new CustomProviderImplementation();

// The shim loads this module in the provider process, whatever shim text a stack has stored: from
// then on the process must not outlive the engine that started it (see engine/watch.ts).
exitWhenEngineGone();
