import { cellCode, code, codeBlock, proseMarkdown, splitLines } from "../../../src/review/markdown-text";
import { prose, quoted } from "../../../src/review/prose";
import { renderMarkdown, REVIEW_MARKER } from "../../../src/review/markdown";
import { parsePreviewDocuments } from "../../../src/review/preview-json";
import { buildReview } from "../../../src/review/review";
import * as fs from "fs";
import * as path from "path";
import { withConnections } from "../../../src/review/connection-counts";
import { bearer, fixture, previewDoc } from "../../support/review";

const render = (...docs: object[]) =>
  renderMarkdown(buildReview(docs.flatMap((d) => parsePreviewDocuments(JSON.stringify(d), "t"))));

describe("the Markdown review", () => {
  const md = renderMarkdown(buildReview(parsePreviewDocuments(fixture("dev-changes"), "dev.json")));

  it("starts with the marker a CI job finds its comment by, then one summary row per stack", () => {
    expect(md.startsWith(`${REVIEW_MARKER}\n`)).toBe(true);
    expect(md).toMatch(
      /\| `dev` \| 1 \| 1 \| 1 \| 1 \| `http:\/\/127\.0\.0\.1:\d+` \| replace, auth-changed, scopes-removed, proxy-disabled, delete \|/,
    );
  });

  it("gives each provider its action, flags as sentences and each change with old and new value", () => {
    expect(md).toMatch(/#### `my-klaviyo` — `My Klaviyo` \(`MYKLAVIYO:\d+`\): replace \(delete, then create\)/);
    expect(md).toContain('- `auth_patterns[0].type`: `"API_KEY"` → `"BEARER"`');
    expect(md).toContain("- `proxy_enabled`: `true` → `false`");
    expect(md).toMatch(/> \*\*scopes-removed\*\*: OAuth scopes removed from `My Asana`: `email`\./);
    expect(md).toMatch(/#### `my-freshdesk` — `My Freshdesk` \(`MYFRESHDESK:\d+`\): delete/);
  });

  it("folds long values into <details>, and the create's declaration", () => {
    expect(md).toContain(
      `  - after:\n    <details><summary>new value (300 characters)</summary>\n\n    \`\`\`\n    ${"x".repeat(300)}\n    \`\`\``,
    );
    expect(md).toContain('  - before: `"Asana tasks and projects through our own OAuth app"`');
    expect(md).toMatch(/<details><summary>definition \(\d+ characters\)<\/summary>\n\n```json\n\{\n {2}"auth_patterns"/);
  });

  it("shows secrets as [secret] and never the plaintext", () => {
    const secret = renderMarkdown(buildReview(parsePreviewDocuments(fixture("secret-update"), "prod.json")));
    expect(secret).not.toContain("PLAINTEXT");
    expect(secret).toContain(
      "- `description`: [secret] (secret before and after: not shown and not compared; review it in the code)",
    );
  });

  it("keeps data from turning into markup", () => {
    const out = render(
      previewDoc("dev", [
        {
          op: "update",
          name: "m",
          old: { definition: bearer({ description: "a" }) },
          new: { definition: bearer({ description: "```\n</details><script>\r<!--" }) },
        },
      ]),
    );
    expect(out).toContain("    ````\n    ```\n    </details><script>\n    <!--\n    ````\n\n    </details>");
    expect(code("a`b")).toBe("``a`b``");
    expect(code("`a")).toBe("`` `a ``");
    expect(code(" a ")).toBe("`  a  `");
    expect(code("")).toBe("` `");
    expect(code("a\rb\u2028c\r\nd")).toBe("`a\\rb\\u2028c\\r\\nd`");
    expect(cellCode("a|b")).toBe("`a\\|b`");
    expect(code("ab\u202ecd\u2066e")).toBe("`ab\\u202ecd\\u2066e`");
    expect(codeBlock("x\u202ey")).toEqual(["```", "x\\u202ey", "```"]);
    expect(codeBlock("x ``` y\rz", "", "  ")).toEqual(["  ````", "  x ``` y", "  z", "  ````"]);
    expect(splitLines("a\r\nb\rc\nd\u2028e\u2029f")).toEqual(["a", "b", "c", "d", "e", "f"]);
  });

  it("renders a sentence's wording as text and its values as code, apart", () => {
    const sentence = prose`Scopes of ${quoted("<b>x</b>")} change: ${["a|b", "`c`"]}${"d"} (${2} of them).`;
    expect(proseMarkdown(sentence)).toBe("Scopes of `<b>x</b>` change: `a|b`, `` `c` `` `d` (2 of them).");
    expect(proseMarkdown(["a `tick` & <b>|"])).toBe("a \\`tick\\` &amp; &lt;b&gt;\\|");
  });

  it("cuts a long review per block, within the limit: every heading first, then as many definitions as fit", () => {
    const many = previewDoc(
      "dev",
      Array.from({ length: 40 }, (_, i) => ({ op: "create", name: `p${i}`, new: { definition: bearer() } })),
    );
    const whole = render(many);
    const review = buildReview(parsePreviewDocuments(JSON.stringify(many), "t"));
    const cut = renderMarkdown(review, { maxLength: 6000 });
    expect(cut.length).toBeLessThanOrEqual(6000);
    expect(cut.match(/^#### /gm)?.length).toBe(40);
    const folds = cut.match(/^<details>/gm)?.length ?? 0;
    const leftOut = cut.match(/^\*Left out to fit: its definition \(\d+ characters\)\.\*$/gm)?.length ?? 0;
    expect(folds).toBeGreaterThan(3);
    expect(folds + leftOut).toBe(40);
    expect(cut).toContain(`*This review is cut short to fit: ${leftOut} parts are shortened or left out; run`);
    expect(cut).toContain("| `dev` | 40 | 0 | 0 | 0 |");
    // Definitions are shown in order, whole, while they fit.
    expect(whole.startsWith(cut.slice(0, cut.indexOf("*Left out to fit")))).toBe(true);
    expect(renderMarkdown(review, { maxLength: whole.length })).toBe(whole);
    // Smaller still: the headings that fit, and a note counting the rest.
    const small = renderMarkdown(review, { maxLength: 1500 });
    const shown = small.match(/^#### /gm)?.length ?? 0;
    expect(small.length).toBeLessThanOrEqual(1500);
    expect(shown).toBeGreaterThan(3);
    expect(small).toContain(`*This review is cut short to fit: ${40 - shown} more provider changes are not shown here, and `);
  });

  it("one huge value cannot empty the comment: a 70,000-character connection name is shortened", () => {
    const doc = previewDoc("prod", [
      { op: "delete", name: "doomed", old: { definition: bearer({ display_name: "Doomed" }) }, id: "DOOMED:1" },
      { op: "delete", name: "other", old: { definition: bearer({ display_name: "Other" }) }, id: "OTHER:1" },
    ]);
    const review = withConnections(
      buildReview(parsePreviewDocuments(JSON.stringify(doc), "t")),
      ["https://acme.scalekit.com"],
      (p) => ({
        status: "counted",
        environmentUrl: "https://acme.scalekit.com",
        count: p.name === "doomed" ? 2 : 1,
        names: p.name === "doomed" ? ["c".repeat(70_000), "short"] : ["fine"],
      }),
    );
    expect(renderMarkdown(review).length).toBeGreaterThan(70_000);
    const md = renderMarkdown(review, { maxLength: 3_500 });
    expect(md.length).toBeLessThanOrEqual(3_500);
    expect(md).toMatch(/#### `doomed` — `Doomed` \(`DOOMED:1`\): delete/);
    expect(md).toMatch(/#### `other` — `Other` \(`OTHER:1`\): delete/);
    expect(md).toMatch(/> \*\*delete\*\*: `Doomed` \(`DOOMED:1`\) is deleted/);
    expect(md).toMatch(
      /Blast radius: 2 connections: `c{100,}… \(\d+ more characters\)`, `short` in `https:\/\/acme\.scalekit\.com`\./,
    );
    expect(md).toContain("Blast radius: 1 connection: `fine`");
    expect(md).toContain("*This review is cut short to fit: 1 part is shortened or left out; run");
  });

  it("the counterexample of seed 178064661 (astral-plane characters, lone \\r) is cut within its limit", () => {
    const { r, maxLength } = JSON.parse(
      fs.readFileSync(path.join(__dirname, "../../fixtures/reviews/cut-seed-178064661.json"), "utf8"),
    );
    expect(maxLength).toBe(1550);
    for (const limit of [maxLength, maxLength - 1, maxLength + 1, 600, 900]) {
      const md = renderMarkdown(r, { maxLength: limit });
      expect(md.length).toBeLessThanOrEqual(Math.max(limit, renderMarkdown(r, { maxLength: 1 }).length));
      expect([...md].length).toBeLessThanOrEqual(md.length);
    }
    const md = renderMarkdown(r, { maxLength });
    expect(md).not.toContain("0 more provider changes");
    expect(md).toContain("#### ");
  });

  it("reveals invisible, zero-width and bidirectional characters (U+061C among them) and control characters", () => {
    const hidden = "a\u061cb\u200bc\u200cd\u200de\u2060f\ufeffg\u00adh\u202ei\u2067j\u{e0041}k\u001b[31ml\u0085m\ufe0fn\ud800o";
    expect(code(hidden)).toBe(
      "`a\\u061cb\\u200bc\\u200cd\\u200de\\u2060f\\ufeffg\\u00adh\\u202ei\\u2067j\\u{e0041}k\\u001b[31ml\\u0085m\\ufe0fn\\ud800o`",
    );
    expect(codeBlock(`x${hidden}`)).toEqual(["```", `x${code(hidden).slice(1, -1)}`, "```"]);
    // Nothing invisible is left anywhere in a review holding such values.
    const out = render(
      previewDoc("dev", [
        {
          op: "update",
          name: `n\u200b`,
          old: { definition: bearer({ description: hidden }) },
          new: { definition: bearer({ description: `${hidden}${"x".repeat(200)}` }) },
        },
      ]),
    );
    // eslint-disable-next-line no-control-regex -- ESC is one of the characters that must not be left
    expect(out).not.toMatch(/[\u061c\u200b-\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff\u00ad\u001b\u0085]/);
    expect(out).toContain("`n\\u200b`");
  });

  it("says so when a stack has no changes", () => {
    expect(render(previewDoc("staging", []))).toMatch(
      /\| `staging` \| 0 \| 0 \| 0 \| 0 \| `https:\/\/acme\.scalekit\.dev` \| none \|[\s\S]*### Stack `staging`\n\nNo changes\./,
    );
  });
});
