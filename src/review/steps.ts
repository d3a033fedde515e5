import type { PreviewState, PreviewStep } from "./preview-json";

export type Action = "create" | "update" | "replace" | "delete";
export const ACTIONS: readonly Action[] = ["create", "update", "replace", "delete"];

/** One resource's planned change, merged from its steps (a replacement may come as a pair). */
export interface ResourceChange {
  urn: string;
  type: string;
  name: string;
  action: Action | string;
  oldState?: PreviewState;
  newState?: PreviewState;
  /** The properties Pulumi says force the replacement (names of top-level inputs). */
  replaceReasons: string[];
}

export interface ParsedUrn {
  stack: string;
  project: string;
  type: string;
  name: string;
}

/** `urn:pulumi:<stack>::<project>::<parent$type>::<name>`; the name may itself hold "::". */
export function parseUrn(urn: string): ParsedUrn | undefined {
  const m = /^urn:pulumi:([^:]+)::([^:]+)::([^:]+(?::[^:]+)*)::(.*)$/.exec(urn);
  if (!m) return undefined;
  const [, stack, project, qualifiedType, name] = m;
  return { stack, project, type: qualifiedType.split("$").pop()!, name };
}

const REPLACE_OPS = new Set(["replace", "create-replacement", "delete-replaced", "discard-replaced"]);
const NO_CHANGE_OPS = new Set(["same", "read", "refresh", "read-discard"]);

function actionOf(ops: string[]): Action | string | undefined {
  if (ops.some((op) => REPLACE_OPS.has(op))) return "replace";
  const changing = ops.filter((op) => !NO_CHANGE_OPS.has(op));
  if (changing.length === 0) return undefined;
  return changing[0];
}

/** The resources that change, in the order of their first step; unchanged ones are left out. */
export function changedResources(steps: PreviewStep[]): ResourceChange[] {
  const byUrn = new Map<string, PreviewStep[]>();
  for (const step of steps) byUrn.set(step.urn, [...(byUrn.get(step.urn) ?? []), step]);
  const out: ResourceChange[] = [];
  for (const [urn, group] of byUrn) {
    const action = actionOf(group.map((s) => s.op));
    if (!action) continue;
    const oldState = group.find((s) => s.oldState)?.oldState;
    const newState = group.find((s) => s.newState)?.newState;
    const parsed = parseUrn(urn);
    out.push({
      urn,
      type: newState?.type ?? oldState?.type ?? parsed?.type ?? "",
      name: parsed?.name ?? urn,
      action,
      oldState,
      newState,
      replaceReasons: [...new Set(group.flatMap((s) => s.replaceReasons ?? []))],
    });
  }
  return out;
}
