import type { Inputs } from "../custom-provider";

/**
 * What each operation answers, in the engine's terms but without its SDK: the dynamic provider hands
 * these to Pulumi's dynamic provider host as they are (they match `@pulumi/pulumi/dynamic`'s result
 * types), and the native plugin turns them into gRPC responses.
 */
export interface CheckFailure {
  property: string;
  reason: string;
}

export interface CheckResult {
  inputs: Inputs;
  failures: CheckFailure[];
}

export interface DiffResult {
  changes: boolean;
  replaces: string[];
  deleteBeforeReplace: boolean;
}

/**
 * Outputs are typed as loosely as `@pulumi/pulumi/dynamic`'s own (`any`): they are whatever the
 * engine recorded, read back by keys that the custom-provider contract names.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Outputs = Record<string, any>;

export interface CreateResult {
  id: string;
  outs: Outputs;
}

export interface ReadResult {
  /** Blank when the provider is gone: the engine then drops it from state. */
  id: string;
  props: Outputs;
  inputs?: Inputs;
}

export interface UpdateResult {
  outs: Outputs;
}
