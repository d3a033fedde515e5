import { z } from "zod";
import { snakeToCamel } from "./case-rule";
import { definitionSchema } from "./schema";
import type { ApiDefinition } from "./types";
import type { Definition } from "./camel-types";

/** The top-level keys of a definition: everything else in a provider object is server-owned. */
export const DEFINITION_KEYS = Object.keys(definitionSchema.shape) as (keyof ApiDefinition & string)[];

/** The same keys as camelCase resource inputs. */
export const CAMEL_DEFINITION_KEYS = DEFINITION_KEYS.map(snakeToCamel) as (keyof Definition & string)[];

/** Strips the wrappers that do not change what a value is (optional, nullable, refinements). */
export function unwrap(schema: z.ZodTypeAny): z.ZodTypeAny {
  let s = schema;
  for (;;) {
    if (s instanceof z.ZodOptional || s instanceof z.ZodNullable) s = s.unwrap();
    else if (s instanceof z.ZodEffects) s = s.innerType();
    else if (s instanceof z.ZodDefault) s = s.removeDefault();
    else return s;
  }
}

/** Keys whose value is a map of user-chosen keys (metadata, auth_field_mutations), wherever they sit. */
function userKeyedKeys(schema: z.ZodTypeAny, out = new Set<string>()): Set<string> {
  const s = unwrap(schema);
  if (s instanceof z.ZodObject) {
    for (const [key, child] of Object.entries(s.shape as z.ZodRawShape)) {
      if (unwrap(child) instanceof z.ZodRecord) out.add(key);
      userKeyedKeys(child, out);
    }
  } else if (s instanceof z.ZodArray) {
    userKeyedKeys(s.element, out);
  } else if (s instanceof z.ZodRecord) {
    userKeyedKeys(s.valueSchema, out);
  }
  return out;
}

/** Snake and camel spellings of the user-keyed maps, whose keys case conversion leaves alone. */
export const USER_KEYED = new Set([...userKeyedKeys(definitionSchema)].flatMap((k) => [k, snakeToCamel(k)]));
