/**
 * How deeply a definition may nest objects and arrays. A real one nests about ten levels; auth
 * patterns are free-form, but the recursive code that reads definitions (comparison, canonical forms,
 * JSON.stringify) would overflow the stack on one far deeper. A declaration past this is refused at
 * preview, so that no provider this client cannot read back is ever written (client/answers.ts bounds
 * Scalekit's answers a few levels above it).
 */
export const MAX_DEFINITION_DEPTH = 56;

/** Whether `value` nests objects or arrays more than `max` levels deep. Iterative: no value can overflow it. */
export function nestedDeeperThan(value: unknown, max: number): boolean {
  const pending: [unknown, number][] = [[value, 1]];
  while (pending.length > 0) {
    const [v, depth] = pending.pop()!;
    if (v === null || typeof v !== "object") continue;
    if (depth > max) return true;
    for (const child of Array.isArray(v) ? v : Object.values(v as Record<string, unknown>)) {
      if (child !== null && typeof child === "object") pending.push([child, depth + 1]);
    }
  }
  return false;
}
