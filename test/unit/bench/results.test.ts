import { parseOptions } from "../../../bench/options";
import {
  BenchResults,
  emptyCounts,
  engineParallelism,
  floorFor,
  formatTable,
  inputsFloorFor,
  medianRun,
  OPERATIONS,
  Run,
  unavoidableSeconds,
} from "../../../bench/results";

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

describe("the minimal floor as the reference", () => {
  const results = (programs: Run["program"][]): BenchResults => ({
    startedAt: "",
    machine: { cpus: 2, loadAverageAtStart: [0, 0, 0], node: "v20" },
    settings: { pageSize: 1000, existing: 0, cliEnv: {}, maxConcurrentRequests: "", floorPadBytes: 0 },
    runs: programs.map((program) => ({ ...run(program === "custom" ? 10 : 5), program })),
  });

  it("compares with the minimal floor when it ran, else with the same-inputs floor", () => {
    const both = results(["minimal", "floor", "custom"]);
    expect(floorFor(both, both.runs[2])?.program).toBe("minimal");
    expect(inputsFloorFor(both, both.runs[2])?.program).toBe("floor");
    const old = results(["floor", "custom"]);
    expect(floorFor(old, old.runs[1])?.program).toBe("floor");
    expect(inputsFloorFor(old, old.runs[1])).toBeUndefined();
  });

  it("adds the latency no client can avoid to up and destroy: ⌈N / the engine's parallelism⌉ round trips", () => {
    const r = results(["minimal", "custom"]);
    expect(engineParallelism(r)).toBe(8);
    expect(unavoidableSeconds("up", 300, 50, 8)).toBeCloseTo(1.9);
    expect(unavoidableSeconds("destroy", 300, 50, 8)).toBeCloseTo(1.9);
    expect(unavoidableSeconds("no-change preview", 300, 50, 8)).toBe(0);
    expect(engineParallelism({ ...r, settings: { ...r.settings, cliEnv: { PULUMI_PARALLEL: "16" } } })).toBe(16);
    expect(formatTable(r)).toContain("minimal floor (s)");
  });

  it("takes the minimal program and a profile directory", () => {
    expect(parseOptions([], {}).programs).toEqual(["custom", "native", "minimal", "floor"]);
    expect(parseOptions(["--programs", "minimal", "--profile", "/tmp/p"], {})).toMatchObject({
      programs: ["minimal"],
      profileDir: "/tmp/p",
    });
    expect(() => parseOptions(["--programs", "other"], {})).toThrow(/custom, native, minimal or floor/);
  });
});
