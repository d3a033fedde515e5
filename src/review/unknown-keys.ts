import { z } from "zod";
import { formatPath, PathSegment } from "../definition/case";
import { definitionSchema } from "../definition/schema";
import { isUnknown } from "../definition/unknown";
import { isSecretMarker } from "./secrets";

/** Optional, nullable, defaulted and refined schemas wrap the one that says what the value is. */
function unwrap(schema: z.ZodTypeAny): z.ZodTypeAny {
  let s = schema;
  for (;;) {
    if (s instanceof z.ZodOptional || s instanceof z.ZodNullable) s = s.unwrap();
    else if (s instanceof z.ZodDefault) s = s._def.innerType;
    else if (s instanceof z.ZodEffects) s = s.innerType();
    else return s;
  }
}

function walk(value: unknown, schema: z.ZodTypeAny, path: PathSegment[], out: string[]): void {
  if (value === undefined || value === null || isUnknown(value) || isSecretMarker(value)) return;
  const s = unwrap(schema);
  if (s instanceof z.ZodObject && typeof value === "object" && !Array.isArray(value)) {
    const shape = s.shape as Record<string, z.ZodTypeAny>;
    for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
      if (key in shape) walk(child, shape[key], [...path, key], out);
      else out.push(formatPath([...path, key]));
    }
  } else if (s instanceof z.ZodArray && Array.isArray(value)) {
    value.forEach((item, i) => walk(item, s.element, [...path, i], out));
  } else if (s instanceof z.ZodRecord && typeof value === "object" && !Array.isArray(value)) {
    for (const [key, child] of Object.entries(value as Record<string, unknown>)) walk(child, s.valueSchema, [...path, key], out);
  } else if (s instanceof z.ZodEnum && typeof value === "string" && !(s.options as string[]).includes(value)) {
    out.push(`${formatPath(path)} = ${JSON.stringify(value)}`);
  }
}

/**
 * Keys, and enumeration values, of an API-shaped definition that this version of the library does
 * not know: derived from the definition's schema, so it follows whatever that schema describes.
 */
export function unknownKeys(definition: unknown, schema: z.ZodTypeAny = definitionSchema): string[] {
  const out: string[] = [];
  walk(definition, schema, [], out);
  return out;
}
