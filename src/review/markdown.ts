import { FLAG_KINDS } from "./flags";
import { code, codeBlock, plain } from "./markdown-text";
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

function json(value: unknown): string {
  return value === SECRET ? SECRET : JSON.stringify(value);
}

/** A long value as a fold; `indent` places it inside a list item. */
function folded(label: string, value: unknown, indent = ""): string[] {
  const text = typeof value === "string" ? value : JSON.stringify(value, null, 2);
  const block = codeBlock(text, typeof value === "string" ? "" : "json").split("\n");
  return [`<details><summary>${label} (${text.length} characters)</summary>`, "", ...block, "", "</details>"].map((l) =>
    l ? indent + l : l,
  );
}

function renderChange(c: PropertyChange): string[] {
  if (c.secret) {
    const sides = [c.before !== undefined ? "before" : "", c.after !== undefined ? "after" : ""].filter(Boolean).join(" and ");
    return [`- ${code(c.path)}: ${SECRET} (secret ${sides}: not shown and not compared; review it in the code)`];
  }
  if (c.unknown) return [`- ${code(c.path)}: known only after apply (it depends on another resource's output)`];
  const sides = [
    ["before", c.before],
    ["after", c.after],
  ] as const;
  const short = (v: unknown) => v === undefined || (json(v).length <= INLINE_MAX && !json(v).includes("\\n"));
  if (sides.every(([, v]) => short(v))) {
    const show = (v: unknown) => (v === undefined ? "(none)" : code(json(v)));
    return [`- ${code(c.path)}: ${show(c.before)} → ${show(c.after)}`];
  }
  const lines = [`- ${code(c.path)}:`];
  for (const [label, value] of sides) {
    if (value === undefined) lines.push(`  - ${label}: (none)`);
    else if (short(value)) lines.push(`  - ${label}: ${code(json(value))}`);
    else lines.push(`  - ${label}:`, ...folded(label === "before" ? "old value" : "new value", value, "    "));
  }
  return lines;
}

function renderProvider(p: ProviderReview): string[] {
  const title = [
    code(p.name),
    p.displayName && p.displayName !== p.name ? `"${plain(p.displayName)}"` : "",
    p.identifier ? `(${code(p.identifier)})` : "",
  ];
  const lines = [`#### ${title.filter(Boolean).join(" ")}: ${ACTION_WORDS[p.action]}`, ""];
  for (const f of p.flags) lines.push(`> **${f.kind}**: ${plain(f.message)}`, ">");
  if (p.flags.length) lines.splice(lines.length - 1, 1, "");
  if (p.action === "create") {
    if (p.adopt) lines.push("With `adopt`: an existing provider of this name is taken over and updated to this declaration.", "");
    lines.push(...folded("definition", p.definition), "");
  } else if (p.action !== "delete") {
    if (p.changes.length === 0) lines.push("No change to the definition itself.", "");
    else lines.push(...p.changes.flatMap(renderChange), "");
  }
  return lines;
}

function renderStack(s: StackReview): string[] {
  const lines = [`### Stack ${code(s.stack)}`, ""];
  for (const f of s.flags) lines.push(`> **${f.kind}**: ${plain(f.message)}`, "");
  for (const e of s.errors) lines.push(codeBlock(e.length > ERROR_MAX ? `${e.slice(0, ERROR_MAX)}…` : e), "");
  if (s.providers.length === 0 && s.otherChanges.length === 0) lines.push("No changes.", "");
  for (const p of s.providers) lines.push(...renderProvider(p));
  if (s.otherChanges.length) {
    lines.push("Other resources in this program (not reviewed here):", "");
    for (const o of s.otherChanges)
      lines.push(`- ${code(o.urn.split("::").pop() ?? o.urn)} (${code(o.type)}): ${plain(o.action)}`);
    lines.push("");
  }
  return lines;
}

/** The review as Markdown, for a pull-request comment or a terminal. */
export function renderMarkdown(review: Review): string {
  const lines = [REVIEW_MARKER, "## Scalekit custom providers: review of `pulumi preview`", ""];
  lines.push("| stack | create | update | replace | delete | environment | risks |", "|---|---:|---:|---:|---:|---|---|");
  for (const s of review.stacks) {
    const present = new Set([...s.flags, ...s.providers.flatMap((p) => p.flags)].map((f) => f.kind));
    const kinds = FLAG_KINDS.filter((k) => present.has(k));
    const env = s.environmentUrls.length
      ? s.environmentUrls.map(plain).join("<br>")
      : "not in the preview (set by environment variable?)";
    lines.push(`| ${code(s.stack)} | ${ACTIONS.map((a) => s.counts[a]).join(" | ")} | ${env} | ${kinds.join(", ") || "none"} |`);
  }
  lines.push("");
  for (const s of review.stacks) lines.push(...renderStack(s));
  return (
    lines
      .join("\n")
      .replace(/\n{3,}/g, "\n\n")
      .trimEnd() + "\n"
  );
}
