import { describeChange } from "../definition/compare";
import type { SetComparison } from "../definition/compare-sets";
import { terminalLine } from "../definition/visible-text";

export interface Side {
  label: string;
  location: string;
}

/**
 * The terminal rendering of a comparison. Reads top-down like a review: what promotion would
 * create, what it would change (with replacements and scope changes called out), what only the
 * target has. Changes are shown as "target value => source value", the direction promotion goes.
 * Every value from a definition (a name, a scope, a key) is one line (`terminalLine`): a line end in
 * it is written as `\n`, so it cannot add a line such as a false "in sync".
 */
export function formatReport(report: SetComparison, from: Side, to: Side): string {
  const one = terminalLine;
  const list = (values: string[]) => values.map(one).join(", ");
  const lines: string[] = [
    `Comparing ${from.label} (${from.location}) with ${to.label} (${to.location}), matched by display name`,
    "",
  ];
  for (const name of report.missing) lines.push(`  + ${one(name)}: missing in ${to.label} (promotion creates it)`);
  for (const diff of report.different) {
    lines.push(`  ~ ${one(diff.name)}: differs in ${diff.changes.length} place${diff.changes.length === 1 ? "" : "s"}`);
    for (const reason of diff.replaceReasons)
      lines.push(`      ! needs replacement: ${one(reason)} (delete and re-create; connections must be re-made)`);
    if (diff.scopesAdded.length)
      lines.push(`      ! OAuth scopes added: ${list(diff.scopesAdded)} (connected accounts must re-authorize)`);
    if (diff.scopesRemoved.length) lines.push(`      ! OAuth scopes removed: ${list(diff.scopesRemoved)}`);
    for (const change of diff.changes) lines.push(`      ${one(describeChange(change))}`);
  }
  for (const extra of report.extra) lines.push(`  - ${one(extra)}: only in ${to.label} (not declared in ${from.label})`);
  for (const same of report.same) lines.push(`  = ${one(same)}`);
  lines.push(
    "",
    `${report.same.length} same, ${report.missing.length} missing, ${report.different.length} different, ${report.extra.length} extra: ` +
      (report.equal ? "in sync" : `${to.label} differs from ${from.label}`),
  );
  return lines.join("\n");
}
