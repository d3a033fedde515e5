import { z } from "zod";
import type { PathSegment } from "./case";
import { unwrap } from "./keys";
import type { Problem } from "./problem";
import { OPEN_ENUM_VALUES } from "./schema";
import { nearMiss } from "./suggest";
import { isUnknown } from "./unknown";

/**
 * Keys and enumeration values the schema does not know, found by walking the input beside the schema.
 * Where the server is open (inside auth patterns) an unknown key or value is a warning and is sent
 * as-is; a near miss of a known one is an error with a suggestion. Where the server drops unknown
 * keys (the top level) any unknown key is an error.
 */

/** A finding about an enumeration's value carries that value; one about a key does not. */
export interface OpenKeyFinding extends Problem {
  value?: string;
}

export interface OpenKeyFindings {
  problems: OpenKeyFinding[];
  warnings: OpenKeyFinding[];
}

/** How a key is spelt in messages: as-is for the API's JSON, camelCase for resource inputs. */
export type KeySpelling = (snakeKey: string) => string;

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === "object" && !Array.isArray(v);

export function openKeyFindings(schema: z.ZodTypeAny, value: unknown, spell: KeySpelling): OpenKeyFindings {
  const found: OpenKeyFindings = { problems: [], warnings: [] };
  walk(schema, value, [], spell, found);
  return found;
}

function walk(schema: z.ZodTypeAny, value: unknown, path: PathSegment[], spell: KeySpelling, found: OpenKeyFindings): void {
  if (value === undefined || value === null || isUnknown(value)) return;
  const known = OPEN_ENUM_VALUES.get(unwrap(schema));
  if (known && typeof value === "string") return enumValue(value, known, path, found);
  const s = unwrap(schema);
  if (s instanceof z.ZodArray && Array.isArray(value)) {
    value.forEach((v, i) => walk(s.element, v, [...path, i], spell, found));
  } else if (s instanceof z.ZodRecord && isObj(value)) {
    for (const [k, v] of Object.entries(value)) walk(s.valueSchema, v, [...path, k], spell, found);
  } else if (s instanceof z.ZodObject && isObj(value)) {
    const shape = s.shape as z.ZodRawShape;
    const keys = Object.keys(shape);
    const strict = s._def.unknownKeys === "strict";
    for (const [k, v] of Object.entries(value)) {
      if (k in shape) walk(shape[k], v, [...path, k], spell, found);
      else unknownKey(k, keys, strict, [...path, k], spell, found);
    }
  }
}

function unknownKey(
  key: string,
  keys: string[],
  strict: boolean,
  path: PathSegment[],
  spell: KeySpelling,
  found: OpenKeyFindings,
) {
  const meant = nearMiss(key, keys) ?? nearMiss(key, keys.map(spell));
  if (meant !== undefined) {
    found.problems.push({ path, message: `is not a known property: did you mean ${spell(meant)}?` });
  } else if (strict) {
    found.problems.push({
      path,
      message: `is not a known property: Scalekit would silently drop it (known: ${keys.map(spell).join(", ")})`,
    });
  } else {
    found.warnings.push({ path, message: "is not known to this version of the library; sent as-is" });
  }
}

function enumValue(value: string, known: readonly string[], path: PathSegment[], found: OpenKeyFindings): void {
  if (known.includes(value)) return;
  const meant = nearMiss(value, known);
  if (meant !== undefined) {
    found.problems.push({ path, value, message: `is "${value}": did you mean "${meant}"? (known: ${known.join(", ")})` });
  } else {
    found.warnings.push({
      path,
      value,
      message: `is "${value}", which is not known to this version of the library (known: ${known.join(", ")}); sent as-is`,
    });
  }
}
