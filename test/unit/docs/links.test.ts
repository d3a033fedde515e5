import * as fs from "fs";
import * as os from "os";
import * as path from "path";

/**
 * Every relative link in the Markdown the repository keeps (README, docs/, CONTRIBUTING, CHANGELOG,
 * examples, bench) points at a file that exists, and every `#anchor` into a Markdown file at a heading
 * it has, so moving or renaming a page cannot leave a reader at a dead end.
 */
const ROOT = path.resolve(__dirname, "../../..");
const SKIP = new Set(["node_modules", "dist", ".git", "coverage"]);

function markdownFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    if (SKIP.has(e.name)) return [];
    const full = path.join(dir, e.name);
    return e.isDirectory() ? markdownFiles(full) : e.name.endsWith(".md") ? [full] : [];
  });
}

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens. */
function anchors(markdown: string): Set<string> {
  const out = new Set<string>();
  for (const m of markdown.replace(/```[\s\S]*?```/g, "").matchAll(/^#{1,6}\s+(.+)$/gm)) {
    const slug = m[1]
      .trim()
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\s_-]/gu, "")
      .replace(/\s/g, "-");
    out.add(slug);
  }
  return out;
}

export function deadLinks(file: string): string[] {
  const text = fs
    .readFileSync(file, "utf8")
    .replace(/```[\s\S]*?```/g, "")
    .replace(/`[^`\n]*`/g, "");
  const dead: string[] = [];
  for (const m of text.matchAll(/\]\(([^)\s]+)\)/g)) {
    const target = m[1];
    if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue; // http:, https:, mailto:
    const [file_, anchor] = target.split("#");
    const resolved = file_ === "" ? file : path.resolve(path.dirname(file), decodeURI(file_));
    if (!fs.existsSync(resolved)) {
      dead.push(`${target} (no such file)`);
      continue;
    }
    if (anchor && resolved.endsWith(".md") && !anchors(fs.readFileSync(resolved, "utf8")).has(anchor)) {
      dead.push(`${target} (no such heading)`);
    }
  }
  return dead;
}

describe("links in the repository's Markdown", () => {
  const files = markdownFiles(ROOT);

  it("finds the pages and a dead link where there is one", () => {
    expect(files.map((f) => path.relative(ROOT, f))).toEqual(expect.arrayContaining(["README.md", "docs/README.md"]));
    // Outside the checkout, so another run collecting the repository's pages never meets the probe.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "links-probe-"));
    const probe = path.join(dir, "probe.md");
    fs.writeFileSync(path.join(dir, "README.md"), "# Readme\n");
    fs.writeFileSync(probe, "[gone](nowhere.md) [ok](README.md) [bad anchor](README.md#no-such-heading)\n");
    try {
      expect(deadLinks(probe)).toEqual(["nowhere.md (no such file)", "README.md#no-such-heading (no such heading)"]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it.each(markdownFiles(ROOT).map((f) => [path.relative(ROOT, f), f]))("%s has no dead relative link", (_name, file) => {
    expect(deadLinks(file)).toEqual([]);
  });
});
