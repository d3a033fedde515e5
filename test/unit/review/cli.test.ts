import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { main } from "../../../src/cli/main";
import { FLAG_KINDS } from "../../../src/review/flags";
import { proseMarkdown } from "../../../src/review/markdown-text";
import type { Prose } from "../../../src/review/prose";
import { fixture, previewDoc, bearer } from "../../support/review";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "review-cli-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const file = (name: string, text: string) => (fs.writeFileSync(path.join(dir, name), text), name);

async function review(args: string[], stdin = "") {
  const out: string[] = [];
  const err: string[] = [];
  const ctx = { cwd: dir, env: {}, readStdin: async () => stdin };
  const code = await main(["review", ...args], ctx, { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out: out.join("\n"), err: err.join("\n") };
}

describe("scalekit-providers review", () => {
  const dev = file("dev.json", fixture("dev-changes"));
  const prod = file(
    "prod.json",
    JSON.stringify(previewDoc("prod", [{ op: "create", name: "n", new: { definition: bearer() } }])),
  );

  it("reads files, or stdin with several documents back to back, and reviews each stack", async () => {
    const fromFiles = await review([dev, prod]);
    expect(fromFiles.code).toBe(0);
    expect(fromFiles.out).toMatch(/\| `dev` \|[\s\S]*\| `prod` \|/);
    const fromStdin = await review(["-"], fixture("dev-changes") + fs.readFileSync(path.join(dir, prod), "utf8"));
    expect(fromStdin.out).toBe(fromFiles.out);
    expect((await review([], fixture("dev-changes"))).out).toContain("### Stack `dev`");
  });

  it("--json gives the same content as data", async () => {
    const { code, out } = await review([dev, prod, "--json"]);
    expect(code).toBe(0);
    const data = JSON.parse(out);
    expect(data.stacks.map((s: { stack: string }) => s.stack)).toEqual(["dev", "prod"]);
    expect(data.flagKinds.sort()).toEqual([
      "auth-changed",
      "delete",
      "environment-mismatch",
      "proxy-disabled",
      "replace",
      "scopes-removed",
    ]);
    const md = (await review([dev, prod])).out;
    for (const p of data.stacks.flatMap((s: { providers: { flags: { prose: Prose }[] }[] }) => s.providers)) {
      for (const f of p.flags) expect(md).toContain(proseMarkdown(f.prose));
    }
  });

  it("--fail-on exits 1 when a listed flag is present and says which, 0 otherwise", async () => {
    const hit = await review([dev, "--fail-on", "scopes-added,delete", "--fail-on=replace"]);
    expect(hit.code).toBe(1);
    expect(hit.err).toBe("review: failing because of --fail-on: delete, replace");
    expect(hit.out).toContain("<!-- scalekit-providers-review -->");
    expect((await review([dev, "--fail-on", "scopes-added,unknown-keys"])).code).toBe(0);
    expect((await review([prod, "--fail-on", "environment-mismatch"])).code).toBe(1);
  });

  it("exit 2 with a clear message for input that is not preview JSON, a missing file, or an unknown flag name", async () => {
    const state = file("state.json", JSON.stringify({ version: 3, deployment: {} }));
    expect(await review([state])).toEqual({
      code: 2,
      out: "",
      err: 'error: state.json is not the output of `pulumi preview --json`: expected "steps" (found version, deployment)',
    });
    expect((await review(["missing.json"])).err).toBe(
      "error: missing.json is not the output of `pulumi preview --json`: cannot be read (ENOENT)",
    );
    const bad = await review([dev, "--fail-on", "replace,scope-removed"]);
    expect(bad.code).toBe(2);
    expect(bad.err).toBe(`error: unknown flag name for --fail-on: scope-removed (known: ${FLAG_KINDS.join(", ")})`);
    const option = await review([dev, "--colour"]);
    expect(option.code).toBe(2);
    expect(option.err).toMatch(/Unknown option '--colour'[\s\S]*scalekit-providers review/);
  });
});
