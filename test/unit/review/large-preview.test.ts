import { runReview } from "../../../src/cli/review";
import { bearer, previewDoc } from "../../support/review";

/**
 * A preview of 10,000 providers (a push(...array) once overflowed the stack at about 3,000 creates,
 * exit 2). Speed is the benchmark's business: this only asserts that the review completes and
 * counts every resource, in Markdown (whole and cut to a comment's size) and as data.
 */
const N = 10_000;
/** Mostly creates: each shows its whole declaration, the longest output per resource. */
const COUNTS = { create: 7000, update: 1000, replace: 1000, delete: 1000 };
const ops = (Object.keys(COUNTS) as (keyof typeof COUNTS)[]).flatMap((op) => Array<string>(COUNTS[op]).fill(op));
const row = `| \`prod\` | ${COUNTS.create} | ${COUNTS.update} | ${COUNTS.replace} | ${COUNTS.delete} |`;
const steps = Array.from({ length: N }, (_, i) => {
  const op = ops[i];
  const old = { definition: bearer({ display_name: `Api ${i}`, description: "before" }) };
  const now = { definition: bearer({ display_name: `Api ${i}`, description: `after ${"x".repeat(i % 200)}` }) };
  return {
    op,
    name: `p${i}`,
    id: `P${i}:1`,
    ...(op === "create" ? {} : { old }),
    ...(op === "delete" ? {} : { new: now }),
    ...(op === "replace" ? { replaceReasons: ["definition"] } : {}),
  };
});
const text = JSON.stringify(previewDoc("prod", steps));

async function review(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runReview(
    ["-", ...args],
    { cwd: __dirname, readStdin: async () => text },
    {
      out: (t) => out.push(t),
      err: (t) => err.push(t),
    },
  );
  return { code, out: out.join("\n"), err: err.join("\n") };
}

it(`reviews a preview of ${N} providers and counts them all`, async () => {
  const md = await review([]);
  expect(md.err).toBe("");
  expect(md.code).toBe(0);
  expect(md.out).toContain(row);
  expect(md.out.match(/^#### /gm)).toHaveLength(N);

  const data = JSON.parse((await review(["--json"])).out);
  expect(data.stacks[0].counts).toEqual(COUNTS);
  expect(data.stacks[0].providers).toHaveLength(N);

  const comment = await review(["--max-length", "65000", "--fail-on", "delete"]);
  expect(comment.code).toBe(1);
  expect(comment.out.length).toBeLessThanOrEqual(65000);
  const shown = comment.out.match(/^#### /gm)?.length ?? 0;
  expect(comment.out).toContain(`${N - shown} more provider changes are not shown here`);
  expect(comment.out).toContain(row);
});
