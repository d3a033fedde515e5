import { parseOptions } from "../../../bench/options";
import { emptyCounts, medianRun, OPERATIONS, Run } from "../../../bench/results";

/** `npm run bench -- --repeat K`: each figure is the median of K interleaved runs. */
function run(seconds: number, gets = 1, posts = 0): Run {
  const operations = Object.fromEntries(
    OPERATIONS.map((op) => [
      op,
      {
        seconds,
        cpuSeconds: seconds * 2,
        providerCpuSeconds: 1,
        requests: { ...emptyCounts(), GET: gets, POST: posts },
        providerRssMb: 100 + seconds,
      },
    ]),
  ) as Run["operations"];
  return { program: "custom", n: 300, latencyMs: 0, existing: 0, operations };
}

describe("bench repetitions", () => {
  it("reports the median of each figure and keeps every run", () => {
    const merged = medianRun([run(9), run(7), run(30)]);
    expect(merged.operations["no-change preview"]).toMatchObject({ seconds: 9, cpuSeconds: 18, providerRssMb: 109 });
    expect(merged.repeats!.map((r) => r.up.seconds)).toEqual([9, 7, 30]);
    expect(medianRun([run(4), run(6)]).operations.refresh.seconds).toBe(5);
  });

  it("leaves a single run as it is", () => {
    const only = run(3);
    expect(medianRun([only])).toBe(only);
  });

  it("refuses runs whose request counts differ: they are deterministic, so that is a bug", () => {
    expect(() => medianRun([run(1, 1, 12), run(1, 1, 13)])).toThrow(/request counts differ/);
  });

  it("lets the GETs differ, reporting the most: ownership is read afresh once per ownershipReadMaxAge window", () => {
    expect(medianRun([run(1, 12), run(1, 24), run(1, 12)]).operations.destroy.requests.GET).toBe(24);
  });

  it("takes --repeat, at least 1", () => {
    expect(parseOptions(["--repeat", "3"], {}).repeat).toBe(3);
    expect(parseOptions([], {}).repeat).toBe(1);
    expect(() => parseOptions(["--repeat", "0"], {})).toThrow(/at least 1/);
  });
});
