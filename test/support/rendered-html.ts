import MarkdownIt from "markdown-it";
import type { Review } from "../../src/review/review";

/**
 * The review's Markdown as a CommonMark renderer turns it into HTML, with raw HTML passed through
 * (GitHub keeps <details>, <img> and comments) and bare URLs linked (GitHub links them too), and
 * what that HTML must hold for a given review: the template's headings, flag blocks, folds and
 * table, and not one tag, comment, link or image made from data.
 */
const renderer = new MarkdownIt({ html: true, linkify: true });

export const toHtml = (markdown: string): string => renderer.render(markdown);

/** Put into every data string by the generators: found outside <code>/<pre>, data escaped its span. */
export const SENTINEL = "\uE000";

const ACTION_WORDS: Record<string, string> = {
  create: "create",
  update: "update in place",
  replace: "replace (delete, then create)",
  delete: "delete",
};

/** Tags the template produces (through the renderer); anything else came from data. */
const TEMPLATE_TAGS = new Set([
  "p",
  "ul",
  "li",
  "code",
  "pre",
  "h2",
  "h3",
  "h4",
  "table",
  "thead",
  "tbody",
  "tr",
  "th",
  "td",
  "blockquote",
  "strong",
  "em",
  "details",
  "summary",
]);

const count = (text: string, re: RegExp) => (text.match(re) ?? []).length;
const withoutCode = (html: string) => html.replace(/<pre>[\s\S]*?<\/pre>/g, "").replace(/<code>[\s\S]*?<\/code>/g, "");

/** Whether a value of a change is folded into <details>, by the renderer's stated rule. */
function folds(value: unknown): boolean {
  if (value === undefined) return false;
  const shown = value === "[secret]" ? value : JSON.stringify(value).replace(/[\u2028\u2029]/g, "\\uXXXX");
  return shown.length > 120 || shown.includes("\\n");
}

export interface Expectations {
  /** Provider headings (h4) the output shows: all of them unless the review was cut. */
  providersShown?: number;
}

/** Every failed rule, as sentences (an empty list when the HTML is what the template makes). */
export function htmlProblems(review: Review, html: string, { providersShown }: Expectations = {}): string[] {
  const problems: string[] = [];
  const expect = (ok: boolean, what: string) => ok || problems.push(what);
  const cut = providersShown !== undefined;
  const providers = review.stacks.flatMap((s) => s.providers);
  const shownProviders = providers.slice(0, providersShown ?? providers.length);

  // Data never leaves its code span or block.
  expect(!withoutCode(html).includes(SENTINEL), "data outside <code>/<pre>");
  for (const [, tag] of html.matchAll(/<\/?([a-zA-Z][a-zA-Z0-9-]*)/g)) {
    expect(TEMPLATE_TAGS.has(tag.toLowerCase()), `a <${tag}> tag`);
  }
  expect(!/<(img|a|script|iframe)\b/i.test(html), "an image, link or script");
  expect(count(html, /<!--/g) === 1 && html.startsWith("<!-- scalekit-providers-review -->"), "a comment other than the marker");
  expect(!/@/.test(withoutCode(html)), "an @ outside code (a mention on GitHub)");
  expect(cut || !/<em>/.test(html), "emphasis");

  // Exactly the template's headings.
  expect(count(html, /<h2>/g) === 1, "one h2");
  expect(!/<h[156]>/.test(html), "no h1, h5, h6");
  const h3 = [...html.matchAll(/<h3>([\s\S]*?)<\/h3>/g)].map((m) => m[1]);
  expect(cut ? h3.length <= review.stacks.length : h3.length === review.stacks.length, `h3 count ${h3.length}`);
  expect(
    h3.every((h) => /^Stack <code>[^<]*<\/code>$/.test(h)),
    "h3 is Stack `name`",
  );
  const h4 = [...html.matchAll(/<h4>([\s\S]*?)<\/h4>/g)].map((m) => m[1]);
  expect(h4.length === shownProviders.length, `h4 count ${h4.length}, expected ${shownProviders.length}`);
  h4.forEach((h, i) =>
    expect(
      /^<code>[^<]*<\/code>( — <code>[^<]*<\/code>)?( \(<code>[^<]*<\/code>\))?: [a-z (),]+$/.test(h) &&
        h.endsWith(`: ${ACTION_WORDS[shownProviders[i]?.action]}`),
      `h4 ${i} is ${JSON.stringify(h)}`,
    ),
  );

  // Flag blocks: one quote per stack or provider with flags, one bold kind per flag, in order.
  const stacksShown = review.stacks.slice(0, h3.length);
  const flagged = [
    ...stacksShown.flatMap((s) => [s.flags, ...s.providers.filter((p) => shownProviders.includes(p)).map((p) => p.flags)]),
  ];
  const quotes = flagged.filter((f) => f.length > 0);
  const kinds = [...html.matchAll(/<strong>([^<]*)<\/strong>/g)].map((m) => m[1]);
  if (!cut) {
    expect(count(html, /<blockquote>/g) === quotes.length, `blockquote count ${count(html, /<blockquote>/g)}`);
    expect(JSON.stringify(kinds) === JSON.stringify(quotes.flat().map((f) => f.kind)), `flag kinds ${kinds}`);
    const unverified = quotes.flat().filter((f) => f.unverified);
    expect(
      count(html, /<\/strong> \(cannot verify: (secret|unknown|owner)(, (secret|unknown|owner))*\): /g) === unverified.length,
      `${unverified.length} unverified flags marked`,
    );
    // One line on the connections of each delete, replacement and rename.
    const radius = providers.filter((p) => p.blastRadius).length;
    expect(
      count(html, /<p>Blast radius: /g) === radius,
      `${count(html, /<p>Blast radius: /g)} blast radius lines, expected ${radius}`,
    );
  }

  // Folds: the template's own <details>, one per create and per long value.
  const details = count(html, /<details/g);
  expect(details === count(html, /<\/details>/g), "unbalanced <details>");
  expect(
    details ===
      count(html, /<details><summary>(definition|old value|new value) \(\d+ characters(, the first \d+ shown)?\)<\/summary>/g),
    "a <details> that is not the template's",
  );
  if (!cut) {
    const expected = providers.reduce(
      (n, p) =>
        n +
        (p.action === "create" ? 1 : 0) +
        p.changes
          .filter((c) => !c.secret && !c.unknown && (folds(c.before) || folds(c.after)))
          .reduce((k, c) => k + (folds(c.before) ? 1 : 0) + (folds(c.after) ? 1 : 0), 0),
      0,
    );
    expect(details === expected, `${details} <details>, expected ${expected}`);
  }

  // The summary table: one row per stack, seven cells, the risk cell naming the stack's flag kinds.
  const rows = [...(html.match(/<tbody>([\s\S]*?)<\/tbody>/)?.[1] ?? "").matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((m) =>
    [...m[1].matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map((c) => c[1]),
  );
  // A review cut to a small limit may leave the table out (its closing note counts it).
  if (cut && count(html, /<table>/g) === 0) return problems;
  expect(count(html, /<table>/g) === 1 && rows.length === review.stacks.length, `${rows.length} table rows`);
  rows.forEach((cells, i) => {
    const s = review.stacks[i];
    const flags = [...s.flags, ...s.providers.flatMap((p) => p.flags)];
    const verified = new Set(flags.filter((f) => !f.unverified).map((f) => f.kind));
    // A kind raised only by unverified flags reads "kind (cannot verify)".
    const risks = [...new Set(flags.map((f) => f.kind))].map((k) => (verified.has(k) ? k : `${k} (cannot verify)`));
    expect(cells.length === 7, `row ${i} has ${cells.length} cells`);
    expect(/^<code>[^<]*<\/code>$/.test(cells[0] ?? ""), `row ${i} stack cell ${cells[0]}`);
    expect(
      cells.slice(1, 5).join(",") === [s.counts.create, s.counts.update, s.counts.replace, s.counts.delete].join(","),
      `row ${i} counts`,
    );
    const riskCell = (cells[6] ?? "").split(", ");
    expect(
      risks.length ? riskCell.length === risks.length && risks.every((k) => riskCell.includes(k)) : cells[6] === "none",
      `row ${i} risks ${cells[6]}`,
    );
  });
  return problems;
}
