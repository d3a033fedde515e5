import * as fs from "fs";
import * as path from "path";
import { DEFAULT_SEED, runs } from "../../support/property-runs";

/**
 * Every property test runs with a recorded seed (test/support/property-runs.ts): a randomized test
 * without one makes CI a lottery (issue 24: a cut review 1 character over its limit, once in a few runs).
 */
const TEST_ROOT = path.resolve(__dirname, "../..");

function testFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return testFiles(full);
    return e.name.endsWith(".ts") ? [full] : [];
  });
}

describe("property tests are repeatable", () => {
  it("every fc.assert passes the parameters of runs(), the seed included", () => {
    const unseeded: string[] = [];
    let asserts = 0;
    for (const file of testFiles(TEST_ROOT)) {
      const text = fs.readFileSync(file, "utf8");
      // Each call's text up to its closing parenthesis at depth 0.
      for (const match of text.matchAll(/fc\.(assert|check)\(/g)) {
        let depth = 1;
        let i = match.index! + match[0].length;
        for (; i < text.length && depth > 0; i++) {
          if (text[i] === "(") depth++;
          else if (text[i] === ")") depth--;
        }
        const call = text.slice(match.index!, i);
        asserts++;
        if (!/\b(runs\(|RUNS\b|seed:)/.test(call)) {
          unseeded.push(`${path.relative(TEST_ROOT, file)}:${text.slice(0, match.index!).split("\n").length}`);
        }
      }
    }
    expect(asserts).toBeGreaterThan(10);
    expect(unseeded).toEqual([]);
  });

  it("the default is the fixed seed, and runs() hands fast-check a seed and a number of runs", () => {
    if (process.env.FC_SEED === undefined) expect(runs(10).seed).toBe(DEFAULT_SEED);
    expect(runs(10)).toEqual(expect.objectContaining({ seed: expect.any(Number), numRuns: expect.any(Number) }));
  });
});
