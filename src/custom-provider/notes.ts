import { DEFAULT_NAMESPACE } from "./namespace";
import type { USER_CONTROL_KEYS } from "./inputs";
import type { OUTPUT_PROPERTIES } from "./outputs";

/**
 * What each control input and output of a CustomProvider means, once: the generated reference tables
 * (scripts/docs) and the native plugin's schema descriptions (plugin/schema.ts) both read these.
 * Links are relative to docs/reference/, where the tables are written; the schema turns them into
 * plain text. The definition's own keys are described in definition/descriptions.ts.
 */
export const CONTROL_INPUT_NOTES: Record<(typeof USER_CONTROL_KEYS)[number], { type: string; notes: string }> = {
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

/** The outputs a CustomProvider has beyond its inputs. */
export type OutputName = (typeof OUTPUT_PROPERTIES)[number] | "managedBy" | "stateId";

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

/** What a lookup (getCustomProvider, listCustomProviders) returns for one provider (custom-provider/info.ts). */
export const LOOKUP_NOTES = {
  identifier: "The key Scalekit uses for the provider, e.g. `MYASANA:12345`; it differs between environments.",
  scalekitId: "Scalekit's internal id.",
  definition:
    "The definition as Scalekit stores it: the API's snake_case JSON, without the ownership marker. Secret: it may hold values that were secret where the provider is declared.",
  managedBy: "Who manages it: the `project/stack/resource` of its ownership marker, when a Pulumi stack does.",
} as const;
