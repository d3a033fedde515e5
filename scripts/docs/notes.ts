import type { ControlArgs, CustomProvider, CustomProviderDefinitionArgs, DynamicResource } from "./sources";
import { CONTROL_INPUT_NOTES as CONTROLS, OUTPUT_NOTES as OUTPUTS } from "./sources";

/**
 * The prose of the generated tables lives with the code it describes (src/custom-provider/notes.ts,
 * src/definition/descriptions.ts), where the native plugin's schema reads it too. Here the notes are
 * checked against the TypeScript class itself: a control input or output added to the class does not
 * compile until it has its sentence. Names, variables, defaults and bounds come from the code (tables.ts).
 */
export const CONTROL_INPUT_NOTES: Record<keyof ControlArgs, { type: string; notes: string }> = CONTROLS;

/** What a CustomProvider declares beyond its inputs: its outputs, and the ownership marker it passes itself. */
type OutputName = Exclude<keyof CustomProvider, keyof DynamicResource | keyof CustomProviderDefinitionArgs | "definition">;

export const OUTPUT_NOTES: Record<OutputName, string> = OUTPUTS;
