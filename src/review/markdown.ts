import { blastRadiusProse, connectionsNote } from "./blast-radius";
import { blastRadiusProviders } from "./connection-counts";
import { FLAG_KINDS, Flag } from "./flags";
import { cellCode, code, codeBlock, cutText, proseMarkdown, wordingText } from "./markdown-text";
import type { PropertyChange, ProviderReview } from "./provider-review";
import type { Review, StackReview } from "./review";
import { SECRET } from "./secrets";
import { ACTIONS } from "./steps";

/** Starts every review, so a CI job can find its earlier comment and update it rather than add one. */
export const REVIEW_MARKER = "<!-- scalekit-providers-review -->";

/** Values longer than this, or spanning lines, are folded into <details>. */
const INLINE_MAX = 120;
const ERROR_MAX = 2000;

const ACTION_WORDS = { create: "create", update: "update in place", replace: "replace (delete, then create)", delete: "delete" };

export interface RenderOptions {
  /**
   * The longest Markdown to write (a pull-request comment holds 65,536 characters), in UTF-16 code
   * units, and so in code points too. The review is cut per block, never in the middle of one: every
   * heading, flag and blast radius first (a value too long for them shortened), then the changes and
   * definitions in order, each whole, shortened, or left out with a line saying so; a closing note
   * says how much is missing.
   */
  maxLength?: number;
}

/** How much of each value a rendering shows: everything, or (in a review cut to fit) a shortened value. */
interface Cap {
  /** The most characters a value takes in a code span. */
  span?: number;
  /** The most characters of a value shown in a fold or a block. */
  fold?: number;
}

const FULL: Cap = {};
/** Values in a block shortened to fit: spans of at most 200 characters, folds of 1,000. */
const COMPACT: Cap = { span: 200, fold: 1000 };

/**
 * A Markdown block: lines that belong together, separated from the next block by one blank line,
 * rendered with a `Cap`. `providers` counts the provider headings it holds, for the note when some are
 * left out. A review cut to fit keeps `essential` blocks (headings, flags, blast radius, the table)
 * before any detail; `what` names the block in the line that stands in for it when it is left out.
 */
interface Block {
  render: (cap: Cap) => string[];
  providers: number;
  essential: boolean;
  what: string;
  /** The marker and the title: always written. */
  required?: boolean;
}

const essential = (what: string, render: (cap: Cap) => string[], providers = 0): Block => ({
  render,
  providers,
  essential: true,
  what,
});
const detail = (what: string, render: (cap: Cap) => string[]): Block => ({ render, providers: 0, essential: false, what });

/** JSON for display; the Unicode line separators JSON leaves raw are escaped, so the text stays on its lines. */
function jsonText(value: unknown, space?: number): string {
  return JSON.stringify(value, null, space)
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}

function json(value: unknown): string {
  return value === SECRET ? SECRET : jsonText(value);
}

/** A long value as a fold; `indent` places it inside a list item. */
function folded(label: string, value: unknown, cap: Cap, indent = ""): string[] {
  const text = typeof value === "string" ? value : jsonText(value, 2);
  const { left } = cutText(text, cap.fold);
  const shown = left ? `, the first ${cap.fold} shown` : "";
  return [
    `${indent}<details><summary>${label} (${text.length} characters${shown})</summary>`,
    "",
    ...codeBlock(text, typeof value === "string" ? "" : "json", indent, cap.fold),
    "",
    `${indent}</details>`,
  ];
}

function renderChange(c: PropertyChange, out: string[], cap: Cap): void {
  if (c.secret) {
    const sides = [c.before !== undefined ? "before" : "", c.after !== undefined ? "after" : ""].filter(Boolean).join(" and ");
    out.push(`- ${code(c.path, cap.span)}: ${SECRET} (secret ${sides}: not shown and not compared; review it in the code)`);
    return;
  }
  if (c.unknown) {
    out.push(`- ${code(c.path, cap.span)}: known only after apply (it depends on another resource's output)`);
    return;
  }
  if (c.credential) {
    out.push(`- ${code(c.path, cap.span)}: ${wordingText(c.credential)}`);
    return;
  }
  const sides = [
    ["before", c.before],
    ["after", c.after],
  ] as const;
  const short = (v: unknown) => v === undefined || (json(v).length <= INLINE_MAX && !json(v).includes("\\n"));
  if (sides.every(([, v]) => short(v))) {
    const show = (v: unknown) => (v === undefined ? "(none)" : code(json(v), cap.span));
    out.push(`- ${code(c.path, cap.span)}: ${show(c.before)} → ${show(c.after)}`);
    return;
  }
  out.push(`- ${code(c.path, cap.span)}:`);
  for (const [label, value] of sides) {
    if (value === undefined) out.push(`  - ${label}: (none)`);
    else if (short(value)) out.push(`  - ${label}: ${code(json(value), cap.span)}`);
    else {
      out.push(`  - ${label}:`);
      for (const line of folded(label === "before" ? "old value" : "new value", value, cap, "    ")) out.push(line);
    }
  }
}

/** Flags as a quote: one paragraph per flag; one that the preview cannot confirm says so by its name. */
function flagLines(flags: Flag[], cap: Cap): string[] {
  const lines: string[] = [];
  for (const f of flags) {
    if (lines.length) lines.push(">");
    const unverified = f.unverified ? ` (cannot verify: ${f.unverified.join(", ")})` : "";
    lines.push(`> **${f.kind}**${unverified}: ${proseMarkdown(f.prose, cap.span)}`);
  }
  return lines;
}

function providerBlocks(p: ProviderReview): Block[] {
  const title = (cap: Cap) =>
    [
      code(p.name, cap.span),
      p.displayName && p.displayName !== p.name ? `— ${code(p.displayName, cap.span)}` : "",
      p.identifier ? `(${code(p.identifier, cap.span)})` : "",
    ].filter(Boolean);
  const blocks = [essential("a provider's heading", (cap) => [`#### ${title(cap).join(" ")}: ${ACTION_WORDS[p.action]}`], 1)];
  if (p.flags.length) blocks.push(essential("its risk flags", (cap) => flagLines(p.flags, cap)));
  const radius = p.blastRadius;
  if (radius) blocks.push(essential("its blast radius", (cap) => [proseMarkdown(blastRadiusProse(radius), cap.span)]));
  if (p.action === "create") {
    blocks.push(detail("its definition", (cap) => folded("definition", p.definition, cap)));
  } else if (p.action !== "delete") {
    if (p.changes.length === 0) blocks.push(essential("a line", () => ["No change to the definition itself."]));
    else {
      blocks.push(
        detail("its changes", (cap) => {
          const lines: string[] = [];
          for (const c of p.changes) renderChange(c, lines, cap);
          return lines;
        }),
      );
    }
  }
  return blocks;
}

/** A stack's section as groups of blocks, each starting with its heading: a stack's own, then each provider's. */
function stackBlocks(s: StackReview): Block[][] {
  const head = [essential("a stack's heading", (cap) => [`### Stack ${code(s.stack, cap.span)}`])];
  if (s.flags.length) head.push(essential("the stack's risk flags", (cap) => flagLines(s.flags, cap)));
  for (const e of s.errors) {
    head.push(detail("an error of the preview", (cap) => codeBlock(e, "", "", Math.min(cap.fold ?? ERROR_MAX, ERROR_MAX))));
  }
  if (s.providers.length === 0 && s.otherChanges.length === 0) head.push(essential("a line", () => ["No changes."]));
  const groups = [head];
  for (const p of s.providers) groups.push(providerBlocks(p));
  if (s.otherChanges.length) {
    const list = (cap: Cap) =>
      s.otherChanges.map(
        (o) => `- ${code(o.urn.split("::").pop() ?? o.urn, cap.span)} (${code(o.type, cap.span)}): ${code(o.action, cap.span)}`,
      );
    groups.push([
      essential("a line", () => ["Other resources in this program (not reviewed here):"]),
      detail("the list of other resources", list),
    ]);
  }
  return groups;
}

function summaryTable(review: Review, cap: Cap): string[] {
  const lines = ["| stack | create | update | replace | delete | environment | risks |", "|---|---:|---:|---:|---:|---|---|"];
  for (const s of review.stacks) {
    const flags = [...s.flags, ...s.providers.flatMap((p) => p.flags)];
    const verified = new Set(flags.filter((f) => !f.unverified).map((f) => f.kind));
    const present = new Set(flags.map((f) => f.kind));
    // A kind raised only by values the preview does not show is marked, as in its flags.
    const kinds = FLAG_KINDS.filter((k) => present.has(k)).map((k) => (verified.has(k) ? k : `${k} (cannot verify)`));
    const env = s.environmentUrls.length
      ? s.environmentUrls.map((u) => cellCode(u, cap.span)).join(", ")
      : "not in the preview (set by environment variable?)";
    lines.push(
      `| ${cellCode(s.stack, cap.span)} | ${ACTIONS.map((a) => s.counts[a]).join(" | ")} | ${env} | ${kinds.join(", ") || "none"} |`,
    );
  }
  return lines;
}

const text = (blocks: string[][]) => blocks.map((lines) => lines.join("\n")).join("\n\n") + "\n";
/** A block's share of `text`: its characters and the blank line that separates it from the next. */
const size = (lines: string[]) => lines.join("\n").length + 2;
const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

function cutNote(providersLeftOut: number, partsCut: number): string[] {
  const parts = partsCut ? `${plural(partsCut, "part is", "parts are")} shortened or left out` : "";
  const whole = "run `scalekit-providers review` on the same previews for the whole review.";
  if (providersLeftOut === 0) return [`*This review is cut short to fit: ${parts || "nothing is left out"}; ${whole}*`];
  return [
    `*This review is cut short to fit: ${plural(providersLeftOut, "more provider change is", "more provider changes are")} not shown here` +
      `${parts ? `, and ${parts}` : ""}. The table above counts them all; ${whole}*`,
  ];
}

/** The line that stands in for a block left out. */
const leftOut = (b: Block, characters: number) => [`*Left out to fit: ${b.what} (${characters} characters).*`];

function layout(review: Review): { head: Block[]; groups: Block[][] } {
  const head: Block[] = [
    {
      ...essential("the title", () => [REVIEW_MARKER, "## Scalekit custom providers: review of `pulumi preview`"]),
      required: true,
    },
    essential("the summary table", (cap) => summaryTable(review, cap)),
  ];
  const note = connectionsNote(blastRadiusProviders(review).length, review.connectionsLookedUpIn);
  if (note) head.push(essential("the note on connections", (cap) => [proseMarkdown(note, cap.span)]));
  const groups: Block[][] = [];
  for (const s of review.stacks) for (const g of stackBlocks(s)) groups.push(g);
  return { head, groups };
}

/** The review as Markdown, for a pull-request comment or a terminal. */
export function renderMarkdown(review: Review, options: RenderOptions = {}): string {
  const { head, groups } = layout(review);
  const whole = text([...head, ...groups.flat()].map((b) => b.render(FULL)));
  if (options.maxLength === undefined || whole.length <= options.maxLength) return whole;
  return cutToFit(head, groups, options.maxLength);
}

type Shown = { lines: string[]; how: "full" | "compact" | "left-out" };

/**
 * The review within `maxLength`: the title always; then, in order, each group's heading and its
 * essential blocks (shortened, or a line standing in for one), up to the first heading that does not
 * fit; then every block is shown whole where the room allows, else shortened. The closing note counts
 * what is missing. Should the note not fit after all, groups are dropped from the end.
 */
function cutToFit(head: Block[], groups: Block[][], maxLength: number): string {
  const memo = new Map<Block, Map<Cap, string[]>>();
  const rendered = (b: Block, cap: Cap) => {
    const byCap = memo.get(b) ?? new Map<Cap, string[]>();
    memo.set(b, byCap);
    if (!byCap.has(cap)) byCap.set(cap, b.render(cap));
    return byCap.get(cap)!;
  };
  const candidates = (b: Block): Shown[] => [
    { lines: rendered(b, FULL), how: "full" },
    { lines: rendered(b, COMPACT), how: "compact" },
    { lines: leftOut(b, rendered(b, FULL).join("\n").length), how: "left-out" },
  ];

  const total = groups.flat().reduce((n, b) => n + b.providers, 0);
  const blocks = head.length + groups.flat().length;
  // Room for the closing note at its longest (every count at its largest).
  const budget = maxLength + 1 - size(cutNote(total, blocks));
  const chosen = new Map<Block, Shown>();
  let used = 0;
  const room = (b: Block, shown: Shown) => used - (chosen.has(b) ? size(chosen.get(b)!.lines) : 0) + size(shown.lines) <= budget;
  const take = (b: Block, shown: Shown) => {
    used += size(shown.lines) - (chosen.has(b) ? size(chosen.get(b)!.lines) : 0);
    chosen.set(b, shown);
  };
  /**
   * The first of the block's smaller forms that fits: shortened if essential, else the line that
   * stands in; a heading is shortened or not shown at all.
   */
  const place = (b: Block, heading = false): boolean => {
    const forms = candidates(b).slice(b.essential ? 1 : 2, heading ? 2 : 3);
    const form = forms.find((f) => room(b, f));
    if (form) take(b, form);
    return form !== undefined;
  };

  for (const b of head) {
    if (b.required) take(b, candidates(b)[0]);
    else place(b);
  }
  const keptGroups: Block[][] = [];
  for (const g of groups) {
    if (!place(g[0], true)) break;
    keptGroups.push(g);
    for (const b of g.slice(1)) place(b);
  }
  // Then each block as whole as the room allows, in order.
  for (const b of [...head, ...keptGroups.flat()]) {
    const now = chosen.get(b);
    if (!now || now.how === "full") continue;
    const better = candidates(b)
      .filter((f) => f.how === "full" || (f.how === "compact" && now.how === "left-out"))
      .find((f) => room(b, f));
    if (better) take(b, better);
  }

  const assemble = () => {
    const kept = [...head, ...keptGroups.flat()];
    const shown = kept.filter((b) => chosen.has(b));
    const providersShown = shown.reduce((n, b) => n + b.providers, 0);
    const partsCut = kept.filter((b) => chosen.get(b)?.how !== "full").length;
    const lines = shown.map((b) => chosen.get(b)!.lines);
    return text([...lines, cutNote(total - providersShown, partsCut)]);
  };
  let out = assemble();
  while (out.length > maxLength && keptGroups.length > 0) {
    keptGroups.pop();
    out = assemble();
  }
  while (out.length > maxLength && head.some((b) => !b.required && chosen.has(b))) {
    const last = [...head].reverse().find((b) => !b.required && chosen.has(b))!;
    chosen.delete(last);
    out = assemble();
  }
  return out;
}
