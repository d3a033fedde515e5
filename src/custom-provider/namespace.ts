/**
 * The config namespace a CustomProvider reads its environment from (`configNamespace`): one namespace
 * per Scalekit environment lets one program manage several.
 */
export const DEFAULT_NAMESPACE = "scalekit";

/** What a namespace may be: a Pulumi config namespace such as "scalekit" or "scalekitProd". */
export const NAMESPACE_PATTERN = /^[A-Za-z][A-Za-z0-9_-]*$/;

export function isNamespace(value: unknown): value is string {
  return typeof value === "string" && NAMESPACE_PATTERN.test(value);
}
