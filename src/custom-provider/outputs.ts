import { serverDefinition } from "../definition/ownership";
import type { ApiProvider } from "../definition/types";
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

/** The outputs: the inputs as declared, plus what the server says. */
export function buildOutputs(inputs: Inputs, provider: ApiProvider, environmentUrl: string): Inputs {
  return {
    ...inputsOnly(inputs),
    identifier: provider.identifier,
    scalekitId: provider.id ?? "",
    isCustomMcp: provider.is_custom_mcp === true,
    environmentUrl,
    stored: serverDefinition(provider),
  };
}

/**
 * The identifier to address a recorded provider by: the one last reported by Scalekit (the
 * `identifier` output), which can differ from the Pulumi id if an update ever answered with a new
 * one (the id of a resource cannot change on update).
 */
export function recordedIdentifier(id: string, props: Inputs): string {
  return typeof props.identifier === "string" && props.identifier !== "" ? props.identifier : id;
}
