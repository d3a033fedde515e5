import { cellCode, code, codeBlock, proseMarkdown, splitLines } from "../../../src/review/markdown-text";
import { prose, quoted } from "../../../src/review/prose";
import { renderMarkdown, REVIEW_MARKER } from "../../../src/review/markdown";
import { parsePreviewDocuments } from "../../../src/review/preview-json";
import { buildReview } from "../../../src/review/review";
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

  it("cuts a long review at a block boundary, within the limit, and says what it left out", () => {
    const many = previewDoc(
      "dev",
      Array.from({ length: 40 }, (_, i) => ({ op: "create", name: `p${i}`, new: { definition: bearer() } })),
    );
    const whole = render(many);
    const review = buildReview(parsePreviewDocuments(JSON.stringify(many), "t"));
    const cut = renderMarkdown(review, { maxLength: 4000 });
    expect(cut.length).toBeLessThanOrEqual(4000);
    const shown = cut.match(/^#### /gm)?.length ?? 0;
    expect(shown).toBeGreaterThan(3);
    expect(shown).toBeLessThan(40);
    expect(cut).toContain(`*This review is cut short to fit: ${40 - shown} more provider changes are not shown here.`);
    expect(cut).toContain("| `dev` | 40 | 0 | 0 | 0 |");
    expect(whole.startsWith(cut.slice(0, cut.lastIndexOf("</details>") + "</details>".length))).toBe(true);
    expect(renderMarkdown(review, { maxLength: whole.length })).toBe(whole);
  });

  it("says so when a stack has no changes", () => {
    expect(render(previewDoc("staging", []))).toMatch(
      /\| `staging` \| 0 \| 0 \| 0 \| 0 \| `https:\/\/acme\.scalekit\.dev` \| none \|[\s\S]*### Stack `staging`\n\nNo changes\./,
    );
  });
});
