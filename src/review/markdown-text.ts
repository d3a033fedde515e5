/**
 * Putting arbitrary text into Markdown as data: shown, never read as markup. Every value goes into a
 * code span or a fenced block longer than any backtick run inside it, so no value can close it, and
 * never spans a line the template did not start: CommonMark ends a line at \r as well as \n (a lone
 * \r once let a value close a <details> and open a comment), and some renderers also break at the
 * Unicode line and paragraph separators.
 */
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

/**
 * Bidirectional-text controls (U+202A-U+202E, U+2066-U+2069, U+200E, U+200F) would make a value
 * display in another order than it holds, and reorder the review's text around it: they are
 * written as visible escapes, so the reviewer sees what is really there.
 */
const BIDI = /[\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
const showBidi = (text: string) => text.replace(BIDI, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);

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
export function code(text: string): string {
  const shown = showBidi(oneLine(text));
  if (shown === "") return "` `";
  const fence = "`".repeat(longestRun(shown, "`") + 1);
  const touchesFence = shown.startsWith("`") || shown.endsWith("`");
  const spaced = shown.startsWith(" ") && shown.endsWith(" ") && shown.trim() !== "";
  const pad = touchesFence || spaced ? " " : "";
  return `${fence}${pad}${shown}${pad}${fence}`;
}

/** A code span for a table cell: also no `|`, which would end the cell (GFM unescapes `\|` inside the span). */
export function cellCode(text: string): string {
  return code(text).replace(/\|/g, "\\|");
}

/**
 * A fenced block that no line of `text` can close early, as lines; `indent` places it inside a list
 * item, on every line, so that no line of the value falls out of the item.
 */
export function codeBlock(text: string, language = "", indent = ""): string[] {
  const fence = "`".repeat(Math.max(3, longestRun(text, "`") + 1));
  const lines = [`${fence}${language}`, ...splitLines(showBidi(text)), fence];
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
 * A sentence: its wording as text, its values as code spans. Two spans side by side would make one
 * run of backticks of their fences, and so another span: a space keeps them apart.
 */
export function proseMarkdown(sentence: Prose): string {
  let out = "";
  sentence.forEach((part, i) => {
    if (typeof part === "string") out += wordingText(part);
    else out += (i > 0 && typeof sentence[i - 1] !== "string" ? " " : "") + code(part.value);
  });
  return out;
}
