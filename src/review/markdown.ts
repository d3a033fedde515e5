import { FLAG_KINDS, Flag } from "./flags";
import { cellCode, code, codeBlock, proseMarkdown } from "./markdown-text";
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
   * The longest Markdown to write (a pull-request comment holds 65,536 characters): whole blocks
   * are left out from the end, never cut in the middle, and a closing note says how many.
   */
  maxLength?: number;
}

/**
 * A Markdown block: lines that belong together, separated from the next block by one blank line.
 * `providers` counts the provider changes it shows, for the note when blocks are left out.
 */
interface Block {
  lines: string[];
  providers: number;
}

const block = (lines: string[], providers = 0): Block => ({ lines, providers });

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
function folded(label: string, value: unknown, indent = ""): string[] {
  const text = typeof value === "string" ? value : jsonText(value, 2);
  return [
    `${indent}<details><summary>${label} (${text.length} characters)</summary>`,
    "",
    ...codeBlock(text, typeof value === "string" ? "" : "json", indent),
    "",
    `${indent}</details>`,
  ];
}

function renderChange(c: PropertyChange, out: string[]): void {
  if (c.secret) {
    const sides = [c.before !== undefined ? "before" : "", c.after !== undefined ? "after" : ""].filter(Boolean).join(" and ");
    out.push(`- ${code(c.path)}: ${SECRET} (secret ${sides}: not shown and not compared; review it in the code)`);
    return;
  }
  if (c.unknown) {
    out.push(`- ${code(c.path)}: known only after apply (it depends on another resource's output)`);
    return;
  }
  const sides = [
    ["before", c.before],
    ["after", c.after],
  ] as const;
  const short = (v: unknown) => v === undefined || (json(v).length <= INLINE_MAX && !json(v).includes("\\n"));
  if (sides.every(([, v]) => short(v))) {
    const show = (v: unknown) => (v === undefined ? "(none)" : code(json(v)));
    out.push(`- ${code(c.path)}: ${show(c.before)} → ${show(c.after)}`);
    return;
  }
  out.push(`- ${code(c.path)}:`);
  for (const [label, value] of sides) {
    if (value === undefined) out.push(`  - ${label}: (none)`);
    else if (short(value)) out.push(`  - ${label}: ${code(json(value))}`);
    else {
      out.push(`  - ${label}:`);
      for (const line of folded(label === "before" ? "old value" : "new value", value, "    ")) out.push(line);
    }
  }
}

/** Flags as a quote: one paragraph per flag. */
function flagLines(flags: Flag[]): string[] {
  const lines: string[] = [];
  for (const f of flags) {
    if (lines.length) lines.push(">");
    lines.push(`> **${f.kind}**: ${proseMarkdown(f.prose)}`);
  }
  return lines;
}

function providerBlocks(p: ProviderReview): Block[] {
  const title = [
    code(p.name),
    p.displayName && p.displayName !== p.name ? `— ${code(p.displayName)}` : "",
    p.identifier ? `(${code(p.identifier)})` : "",
  ];
  const blocks = [block([`#### ${title.filter(Boolean).join(" ")}: ${ACTION_WORDS[p.action]}`], 1)];
  if (p.flags.length) blocks.push(block(flagLines(p.flags)));
  if (p.action === "create") {
    if (p.adopt)
      blocks.push(block(["With `adopt`: an existing provider of this name is taken over and updated to this declaration."]));
    blocks.push(block(folded("definition", p.definition)));
  } else if (p.action !== "delete") {
    if (p.changes.length === 0) blocks.push(block(["No change to the definition itself."]));
    else {
      const lines: string[] = [];
      for (const c of p.changes) renderChange(c, lines);
      blocks.push(block(lines));
    }
  }
  return blocks;
}

/** A stack's section as blocks, each provider's kept together so that a cut never splits one. */
function stackBlocks(s: StackReview): Block[][] {
  const head = [block([`### Stack ${code(s.stack)}`])];
  if (s.flags.length) head.push(block(flagLines(s.flags)));
  for (const e of s.errors) head.push(block(codeBlock(e.length > ERROR_MAX ? `${e.slice(0, ERROR_MAX)}…` : e)));
  if (s.providers.length === 0 && s.otherChanges.length === 0) head.push(block(["No changes."]));
  const groups = [head];
  for (const p of s.providers) groups.push(providerBlocks(p));
  if (s.otherChanges.length) {
    const lines: string[] = [];
    for (const o of s.otherChanges)
      lines.push(`- ${code(o.urn.split("::").pop() ?? o.urn)} (${code(o.type)}): ${code(o.action)}`);
    groups.push([block(["Other resources in this program (not reviewed here):"]), block(lines)]);
  }
  return groups;
}

function summaryTable(review: Review): string[] {
  const lines = ["| stack | create | update | replace | delete | environment | risks |", "|---|---:|---:|---:|---:|---|---|"];
  for (const s of review.stacks) {
    const present = new Set<string>();
    for (const f of s.flags) present.add(f.kind);
    for (const p of s.providers) for (const f of p.flags) present.add(f.kind);
    const kinds = FLAG_KINDS.filter((k) => present.has(k));
    const env = s.environmentUrls.length
      ? s.environmentUrls.map(cellCode).join(", ")
      : "not in the preview (set by environment variable?)";
    lines.push(
      `| ${cellCode(s.stack)} | ${ACTIONS.map((a) => s.counts[a]).join(" | ")} | ${env} | ${kinds.join(", ") || "none"} |`,
    );
  }
  return lines;
}

const text = (blocks: Block[]) => blocks.map((b) => b.lines.join("\n")).join("\n\n") + "\n";

function cutNote(providersLeftOut: number): Block {
  return block([
    `*This review is cut short to fit: ${providersLeftOut} more provider change${providersLeftOut === 1 ? " is" : "s are"} not shown here. ` +
      "The table above counts them all; run `scalekit-providers review` on the same previews for the whole review.*",
  ]);
}

/** The review as Markdown, for a pull-request comment or a terminal. */
export function renderMarkdown(review: Review, options: RenderOptions = {}): string {
  const head = [block([REVIEW_MARKER, "## Scalekit custom providers: review of `pulumi preview`"]), block(summaryTable(review))];
  const groups: Block[][] = [];
  for (const s of review.stacks) for (const g of stackBlocks(s)) groups.push(g);
  const all = [...head, ...groups.flat()];
  const whole = text(all);
  if (options.maxLength === undefined || whole.length <= options.maxLength) return whole;

  // Whole groups while they fit, leaving room for the note (its count has at most as many digits as the total).
  const total = review.stacks.reduce((n, s) => n + s.providers.length, 0);
  let length = text(head).length + 2 + text([cutNote(total)]).length;
  const kept = [...head];
  let shown = 0;
  for (const g of groups) {
    const size = text(g).length + 1;
    if (length + size > options.maxLength) break;
    length += size;
    for (const b of g) kept.push(b);
    shown += g.reduce((n, b) => n + b.providers, 0);
  }
  kept.push(cutNote(total - shown));
  return text(kept);
}
