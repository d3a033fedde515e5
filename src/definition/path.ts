import type { PathSegment } from "./case";

/** The value at `path` inside `value` (undefined where the path leaves the objects and arrays). */
export function valueAt(value: unknown, path: readonly PathSegment[]): unknown {
  let v = value;
  for (const seg of path) {
    if (v === null || typeof v !== "object") return undefined;
    v = (v as Record<string, unknown>)[seg as string];
  }
  return v;
}
