/**
 * A sentence of our wording with data in it, kept apart so that no renderer can mistake one for the
 * other: the Markdown shows every value as code, so a name, a URL or a message from Scalekit or a
 * preview can never turn into markup, a mention or a link.
 */

/** A value taken from data. `quoted` values read as "name" in plain text. */
export interface ProseValue {
  readonly value: string;
  readonly quoted?: boolean;
}

/** Our own wording, passed where a `${…}` would otherwise be taken as data. */
export interface ProseWording {
  readonly wording: string;
}

export type ProsePart = string | ProseValue;
export type Prose = readonly ProsePart[];

type Interpolation = string | number | ProseValue | ProseWording | readonly string[];

export const quoted = (value: string): ProseValue => ({ value, quoted: true });
export const wording = (text: string): ProseWording => ({ wording: text });

function partsOf(x: Interpolation): ProsePart[] {
  if (typeof x === "number") return [String(x)];
  if (typeof x === "string") return [{ value: x }];
  if (Array.isArray(x)) return x.flatMap((value, i) => (i ? [", ", { value }] : [{ value }]));
  if ("wording" in (x as ProseWording)) return [(x as ProseWording).wording];
  return [x as ProseValue];
}

/**
 * A tagged template: the literal text is wording, every `${…}` is data (a string array becomes a
 * comma-separated list of values); numbers, and `wording(…)`, are wording.
 */
export function prose(strings: TemplateStringsArray, ...values: Interpolation[]): Prose {
  const parts: ProsePart[] = [];
  const add = (part: ProsePart) => {
    // Wording next to wording is one part, so that a sentence reads the same however it was built.
    if (typeof part === "string" && typeof parts[parts.length - 1] === "string") parts[parts.length - 1] += part;
    else if (part !== "") parts.push(part);
  };
  strings.forEach((text, i) => {
    add(text);
    if (i < values.length) for (const part of partsOf(values[i])) add(part);
  });
  return parts;
}

/** The sentence as plain text (what --json and logs show). */
export function proseText(p: Prose): string {
  return p.map((part) => (typeof part === "string" ? part : part.quoted ? `"${part.value}"` : part.value)).join("");
}
