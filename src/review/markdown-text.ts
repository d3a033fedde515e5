/**
 * Putting arbitrary text into Markdown as data: shown, never read as markup. Every value goes into a
 * code span or a fenced block longer than any backtick run inside it, so no value can close it, and
 * never spans a line the template did not start: CommonMark ends a line at \r as well as \n (a lone
 * \r once let a value close a <details> and open a comment), and some renderers also break at the
 * Unicode line and paragraph separators. Every character that displays as nothing or reorders the
 * text around it is written as a visible escape (definition/visible-text.ts).
 *
 * A review cut to fit shows some values shortened: `max` is then the most characters a value may
 * take once shown, cut at a character (code point) boundary, never inside a surrogate pair or an escape.
 */
import { visibleText } from "../definition/visible-text";
import type { Prose } from "./prose";

const LINE_ENDS = /\r\n|\r|\n|\u2028|\u2029/g;
const VISIBLE: Record<string, string> = { "\r\n": "\\r\\n", "\r": "\\r", "\n": "\\n", "\u2028": "\\u2028", "\u2029": "\\u2029" };

/** The lines of `text`, split at every line end a Markdown renderer might honour. */
export function splitLines(text: string): string[] {
  return text.split(LINE_ENDS);
}

/** One line: each line end written as a visible escape (`\n`, `\r`, `\u2028`…). */
export function oneLine(text: string): string {
  return text.replace(LINE_ENDS, (end) => VISIBLE[end]);
}

/** Each character of `text` as shown on one line: a visible escape for a line end or an invisible character. */
function shownCharacters(text: string): string[] {
  return Array.from(text, (c) => VISIBLE[c] ?? visibleText(c));
}

/** How a value cut to fit ends: the reader sees that, and how much, was left out. */
const cutEnd = (left: number) => `… (${left} more character${left === 1 ? "" : "s"})`;

/**
 * `text` as shown on one line, at most about `max` characters: when longer, its first characters
 * (whole escapes only) and how many more there were.
 */
export function shownLine(text: string, max?: number): string {
  const chars = shownCharacters(text);
  const whole = chars.join("");
  if (max === undefined || whole.length <= max) return whole;
  let out = "";
  let n = 0;
  while (n < chars.length && out.length + chars[n].length <= max) out += chars[n++];
  return out + cutEnd(chars.length - n);
}

function longestRun(text: string, char: string): number {
  let best = 0;
  let run = 0;
  for (const c of text) {
    run = c === char ? run + 1 : 0;
    if (run > best) best = run;
  }
  return best;
}

/**
 * An inline code span that holds any text, on one line. CommonMark strips one space from each end
 * of a span that starts and ends with one, and a span's text may not touch its fence's backticks:
 * both are padded so the text shows as it is.
 */
export function code(text: string, max?: number): string {
  const shown = shownLine(text, max);
  if (shown === "") return "` `";
  const fence = "`".repeat(longestRun(shown, "`") + 1);
  const touchesFence = shown.startsWith("`") || shown.endsWith("`");
  const spaced = shown.startsWith(" ") && shown.endsWith(" ") && shown.trim() !== "";
  const pad = touchesFence || spaced ? " " : "";
  return `${fence}${pad}${shown}${pad}${fence}`;
}

/** A code span for a table cell: also no `|`, which would end the cell (GFM unescapes `\|` inside the span). */
export function cellCode(text: string, max?: number): string {
  return code(text, max).replace(/\|/g, "\\|");
}

/**
 * `text` cut to at most `max` characters (code points, line ends counted as one), and how many
 * were left out; the whole text when it fits or no `max` is given.
 */
export function cutText(text: string, max?: number): { text: string; left: number } {
  if (max === undefined || text.length <= max) return { text, left: 0 };
  const chars = Array.from(text);
  if (chars.length <= max) return { text, left: 0 };
  return { text: chars.slice(0, max).join(""), left: chars.length - max };
}

/**
 * A fenced block that no line of `text` can close early, as lines; `indent` places it inside a list
 * item, on every line, so that no line of the value falls out of the item. With `max`, only the
 * first `max` characters are shown, and a last line says how many more there were.
 */
export function codeBlock(text: string, language = "", indent = "", max?: number): string[] {
  const { text: shown, left } = cutText(text, max);
  const fence = "`".repeat(Math.max(3, longestRun(shown, "`") + 1));
  const lines = [`${fence}${language}`, ...splitLines(visibleText(shown)), ...(left ? [cutEnd(left)] : []), fence];
  return lines.map((line) => (line ? indent + line : line));
}

/** Our own wording: no HTML, no table-cell breaks, no backtick to join a span's fence, one line. */
export function wordingText(text: string): string {
  return oneLine(text)
    .replace(/`/g, "\\`")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/\|/g, "\\|");
}

/**
 * A sentence: its wording as text, its values as code spans (each at most `max` characters shown).
 * Two spans side by side would make one run of backticks of their fences, and so another span: a
 * space keeps them apart.
 */
export function proseMarkdown(sentence: Prose, max?: number): string {
  let out = "";
  sentence.forEach((part, i) => {
    if (typeof part === "string") out += wordingText(part);
    else out += (i > 0 && typeof sentence[i - 1] !== "string" ? " " : "") + code(part.value, max);
  });
  return out;
}
