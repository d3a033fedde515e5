import { stableJson } from "../definition/normalize";
import type { Inputs } from "./inputs";

/**
 * How the dynamic resource keeps its nested outputs in state: as JSON text (sorted keys), one value
 * where the engine would otherwise hold a tree of them. The engine rewrites the whole checkpoint after
 * every step, walking every value of every resource (O(N²) values in an `up` or a `destroy`), and
 * every value crosses gRPC as its own protobuf message in each operation; the definition's tree is
 * most of a CustomProvider's values. The inputs keep their tree: the engine's diffs show them, and
 * the review reads them. The resource decodes these outputs (src/dynamic/resource.ts) and the
 * dynamic provider decodes them before any operation sees them (src/provider/implementation.ts), so
 * what a program reads and what an operation compares is unchanged. The native plugin's state does
 * not use this, but a stack moved from the dynamic type brings such outputs, kept as they are until its
 * next refresh or update: the plugin decodes them before an operation reads them, and the native
 * class when the program does (dynamic/outputs.ts).
 *
 * Never ambiguous: none of these outputs is ever a string in its decoded form. State written before
 * (a tree) is read as it is.
 */
export const ENCODED_OUTPUTS = ["definition", "stored", "authPatterns", "metadata"] as const;

const ENCODED: ReadonlySet<string> = new Set(ENCODED_OUTPUTS);

/** Outputs as the dynamic resource stores them: each of ENCODED_OUTPUTS that is a tree, as JSON text. */
export function encodeOutputs<T extends Inputs>(outs: T): T {
  const out: Inputs = { ...outs };
  for (const key of ENCODED_OUTPUTS) {
    const value = out[key];
    if (value !== null && typeof value === "object") out[key] = stableJson(value);
  }
  return out as T;
}

/** Outputs as the operations read them: every encoded output decoded; anything else as it is. */
export function decodeOutputs<T extends Inputs>(props: T): T {
  if (!ENCODED_OUTPUTS.some((key) => typeof props?.[key] === "string")) return props;
  const out: Inputs = { ...props };
  for (const key of ENCODED_OUTPUTS) if (out[key] !== undefined) out[key] = decodeOutput(key, out[key]);
  return out as T;
}

/** One output's value as the program reads it: JSON text of an encoded output decoded, anything else as it is. */
export function decodeOutput(key: string, value: unknown): unknown {
  if (typeof value !== "string" || !ENCODED.has(key)) return value;
  try {
    return JSON.parse(value);
  } catch {
    // Not text this library wrote (these outputs are never strings otherwise): left for the caller to refuse.
    return value;
  }
}
