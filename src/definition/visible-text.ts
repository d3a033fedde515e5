/**
 * Text shown to a person (a review comment, a terminal) whose characters all show. A value from
 * Scalekit or a preview is data: a character that displays as nothing, or that reorders or rewrites
 * what is around it, is written as a visible escape instead, so that the reader sees what is really
 * there (Trojan Source, CVE-2021-42574; zero-width and tag characters that hide text; terminal
 * control sequences). The one list of such characters, for the review (Markdown) and the commands
 * (terminal, JSON).
 *
 * Revealed: control characters (C0 but tab and line ends, DEL, C1, so ESC among them), format
 * characters (Unicode Cf: the bidirectional controls U+200E, U+200F, U+202A-U+202E, U+2066-U+2069 and
 * U+061C, the zero-width U+200B-U+200D, U+2060, U+FEFF, the soft hyphen, tag characters...), fillers
 * and selectors that display as nothing (U+034F, U+115F, U+1160, U+17B4, U+17B5, U+180B-U+180F,
 * U+3164, U+FFA0, the variation selectors), the line and paragraph separators, and lone surrogates.
 * Line ends (\n, \r) are the caller's: a Markdown block keeps them as lines, a span writes them out.
 */
const INVISIBLE =
  // eslint-disable-next-line no-control-regex, no-misleading-character-class -- control characters and lone combining marks are what it finds
  /[\0-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\p{Cf}\p{Zl}\p{Zp}\p{Cs}\u034f\u115f\u1160\u17b4\u17b5\u180b-\u180f\u3164\uffa0\ufe00-\ufe0f\u{e0100}-\u{e01ef}]/gu;

/** `\u061c`, or `\u{e0001}` beyond the Basic Multilingual Plane. */
export function escapeCodePoint(c: string): string {
  const cp = c.codePointAt(0)!;
  return cp > 0xffff ? `\\u{${cp.toString(16)}}` : `\\u${cp.toString(16).padStart(4, "0")}`;
}

/** `text` with every invisible, reordering or control character written as an escape; line ends kept. */
export function visibleText(text: string): string {
  return text.replace(INVISIBLE, escapeCodePoint);
}

/** One line for a terminal: also \r and \n written as `\r` and `\n`, so a value cannot rewrite a line. */
export function terminalLine(text: string): string {
  return visibleText(text).replace(/\r\n|\r|\n/g, (end) => (end === "\r\n" ? "\\r\\n" : end === "\r" ? "\\r" : "\\n"));
}

/** Terminal text of several lines: line ends kept (they are the caller's), everything else visible; \r escaped. */
export function terminalText(text: string): string {
  return visibleText(text).replace(/\r/g, "\\r");
}

/**
 * JSON text whose strings hold no invisible character: each is written as its JSON escape
 * (`\u061c`, or a surrogate pair's two escapes), so the text parses back to the same values.
 */
export function visibleJson(json: string): string {
  return json.replace(INVISIBLE, (c) =>
    [...Array(c.length).keys()].map((i) => `\\u${c.charCodeAt(i).toString(16).padStart(4, "0")}`).join(""),
  );
}
