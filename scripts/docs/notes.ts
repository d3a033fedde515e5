import { DEFAULT_NAMESPACE } from "./sources";
import type { ControlArgs, CustomProvider, CustomProviderDefinitionArgs, DynamicResource } from "./sources";

/**
 * The prose of the generated tables, keyed on the code's own names: a setting, control input or
 * output added to the code does not compile here until it has its sentence. Names, variables,
 * defaults and bounds come from the code itself (tables.ts); only the meaning is written here.
 * Links are relative to docs/reference/, where the tables are written.
 */

export const CONTROL_INPUT_NOTES: Record<keyof ControlArgs, { type: string; notes: string }> = {
  adopt: {
    type: "boolean",
    notes:
      "Take over an existing provider of the same name and update it to this declaration. It acts once, when the resource is created: an update never takes a provider from another owner. See [Adopting](../adopting.md).",
  },
  configNamespace: {
    type: "string",
    notes: `Which config namespace holds the credentials and settings; default \`${DEFAULT_NAMESPACE}\`. See the settings below.`,
  },
};

/** What a CustomProvider declares beyond its inputs: its outputs, and the ownership marker it passes itself. */
type OutputName = Exclude<keyof CustomProvider, keyof DynamicResource | keyof CustomProviderDefinitionArgs | "definition">;

export const OUTPUT_NOTES: Record<OutputName, string> = {
  identifier:
    "The provider's identifier, e.g. `MYTAVILY:12345`, also the Pulumi `id`: the key Scalekit uses for update and " +
    "delete. It differs between environments.",
  scalekitId: "Scalekit's internal id.",
  isCustomMcp: "Set by Scalekit when the pattern has `is_mcp`.",
  environmentUrl: "Where the provider lives.",
  stored:
    "The definition as Scalekit stores it (snake_case, with the server's empty defaults), without the ownership " +
    "marker. Always a secret output (see [Secrets](../secrets.md)).",
  managedBy:
    "Who manages the provider: `project/stack/resource`, written with `stateId` into the provider's `metadata` " +
    "as its ownership marker (see [Ownership](../ownership.md)).",
  stateId:
    "The id of the Pulumi state (a stack in one backend) that manages the provider, drawn once per stack by the " +
    "`scalekit-state-identity` resource; it tells two backends with the same stack names apart.",
};
