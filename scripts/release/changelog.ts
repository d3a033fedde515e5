/**
 * The changelog half of a release (scripts/release.sh): the "Unreleased" section of CHANGELOG.md
 * moves under a heading for the new version and its date, and an empty "Unreleased" stays on top.
 */
import * as fs from "fs";

const UNRELEASED = "## Unreleased\n";

export function releaseChangelog(text: string, version: string, date: string): string {
  if (!/^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/.test(version)) throw new Error(`"${version}" is not a version such as 1.2.3`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new Error(`"${date}" is not a date such as 2026-01-31`);
  const start = text.indexOf(UNRELEASED);
  if (start < 0 || text.indexOf(UNRELEASED, start + 1) >= 0)
    throw new Error(`CHANGELOG.md needs exactly one "${UNRELEASED.trim()}" heading`);
  if (new RegExp(`^## ${version.replace(/\./g, "\\.")}( |$)`, "m").test(text))
    throw new Error(`CHANGELOG.md already has ${version}`);
  const bodyStart = start + UNRELEASED.length;
  const next = text.indexOf("\n## ", bodyStart);
  const bodyEnd = next < 0 ? text.length : next + 1;
  if (text.slice(bodyStart, bodyEnd).trim() === "") throw new Error('nothing under "Unreleased": there is nothing to release');
  return `${text.slice(0, bodyStart)}\n## ${version} — ${date}\n${text.slice(bodyStart)}`;
}

function main(argv: string[]): number {
  const [file, version, date] = argv;
  if (!file || !version || !date) {
    process.stderr.write("usage: node changelog.js CHANGELOG.md VERSION YYYY-MM-DD\n");
    return 2;
  }
  try {
    fs.writeFileSync(file, releaseChangelog(fs.readFileSync(file, "utf8"), version, date));
  } catch (err) {
    process.stderr.write(`release: ${(err as Error).message}\n`);
    return 1;
  }
  return 0;
}

if (require.main === module) process.exit(main(process.argv.slice(2)));
