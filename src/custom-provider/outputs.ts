import { serverDefinition } from "../definition/ownership";
import type { ApiProvider } from "../definition/types";
import type { RecordedNotApplied } from "../definition/write-check";
import { Inputs, inputsOnly } from "./inputs";

/**
 * The properties a CustomProvider registers that only the provider sets (its outputs besides the
 * inputs echoed back). Each one registered costs the SDK work per resource, so the bench's floor
 * registers the same list to price that cost.
 */
export const OUTPUT_PROPERTIES = ["identifier", "scalekitId", "isCustomMcp", "environmentUrl", "stored"] as const;

/**
 * Outputs that may hold a part of the definition that was secret. The engine re-marks an output
 * secret only when the input of the same name was secret, and nothing can tell synchronously whether
 * a value nested in the definition is secret: so `stored`, derived from the whole definition, is
 * always secret.
 */
export const SECRET_OUTPUTS = ["stored"] as const;

/**
 * The outputs: the inputs (as declared, or as Scalekit holds them where a write was not applied),
 * plus what the server says. `notApplied` is kept only in state, not registered as a property: it
 * lets the next update refuse to resend a change Scalekit already declined (definition/write-check.ts).
 */
export function buildOutputs(
  inputs: Inputs,
  provider: ApiProvider,
  environmentUrl: string,
  notApplied: readonly RecordedNotApplied[] = [],
): Inputs {
  return {
    ...inputsOnly(inputs),
    identifier: provider.identifier,
    scalekitId: provider.id ?? "",
    isCustomMcp: provider.is_custom_mcp === true,
    environmentUrl,
    stored: serverDefinition(provider),
    ...(notApplied.length ? { notApplied } : {}),
  };
}

/** What the last write recorded as not applied by Scalekit (absent: nothing). */
export function notAppliedOf(props: Inputs): RecordedNotApplied[] {
  const value = props.notApplied;
  if (!Array.isArray(value)) return [];
  return value.filter(
    (v): v is RecordedNotApplied =>
      v !== null &&
      typeof v === "object" &&
      Array.isArray(v.path) &&
      typeof v.field === "string" &&
      typeof v.sentDigest === "string",
  );
}

/**
 * The identifier to address a recorded provider by: the one last reported by Scalekit (the
 * `identifier` output), which can differ from the Pulumi id if an update ever answered with a new
 * one (the id of a resource cannot change on update).
 */
export function recordedIdentifier(id: string, props: Inputs): string {
  return typeof props.identifier === "string" && props.identifier !== "" ? props.identifier : id;
}
