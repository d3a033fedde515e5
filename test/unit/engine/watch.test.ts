import { engineAddress } from "../../../src/provider/engine";
import { EngineState, probeEngine, watchEngine } from "../../../src/engine/watch";

/**
 * A provider process whose engine was killed must stop, not finish its work for a deployment that
 * has ended (see src/engine/watch.ts; test/e2e/interrupted.test.ts checks it with the CLI).
 */
describe("watchEngine", () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  /** Runs the watch over a scripted sequence of probe answers; returns the tick onGone came at. */
  async function goneAt(answers: EngineState[], misses = 2): Promise<number | undefined> {
    let tick = 0;
    let gone: number | undefined;
    let calls = 0;
    watchEngine(async () => answers[Math.min(tick - 1, answers.length - 1)], {
      intervalMs: 1_000,
      misses,
      onGone: () => {
        calls++;
        gone = tick;
      },
    });
    for (tick = 1; tick <= answers.length + 3; tick++) await jest.advanceTimersByTimeAsync(1_000);
    expect(calls).toBeLessThanOrEqual(1);
    return gone;
  }

  it("calls onGone once, after the given number of consecutive misses", async () => {
    expect(await goneAt(["up", "up", "gone", "gone", "gone"])).toBe(4);
    expect(await goneAt(["gone", "gone", "gone", "gone"], 3)).toBe(3);
  });

  it("starts counting again when the engine answers between misses", async () => {
    expect(await goneAt(["gone", "up", "gone", "up", "gone", "up", "up"])).toBeUndefined();
  });

  it("never overlaps probes, and leaves no timer once stopped", async () => {
    let inFlight = 0;
    let most = 0;
    let probes = 0;
    const stop = watchEngine(
      async () => {
        probes++;
        most = Math.max(most, ++inFlight);
        await new Promise((r) => setTimeout(r, 2_500)); // slower than the interval
        inFlight--;
        return "up";
      },
      { intervalMs: 1_000, misses: 2, onGone: () => undefined },
    );
    await jest.advanceTimersByTimeAsync(10_000);
    expect(most).toBe(1);
    expect(probes).toBeGreaterThan(1);
    stop();
    const after = probes;
    await jest.advanceTimersByTimeAsync(10_000);
    expect(probes).toBe(after);
    expect(jest.getTimerCount()).toBe(0);
  });
});

describe("probeEngine", () => {
  const answering = (err: { code?: number } | null) => ({
    deadlines: [] as number[],
    getRootResource(_req: unknown, options: { deadline: number }, cb: (e: { code?: number } | null) => void) {
      this.deadlines.push(options.deadline);
      setImmediate(() => cb(err));
    },
  });

  it.each([
    ["an answer", null, "up"],
    ["UNAVAILABLE (nothing listens at the address)", { code: 14 }, "gone"],
    ["DEADLINE_EXCEEDED (a busy engine)", { code: 4 }, "up"],
    ["UNIMPLEMENTED", { code: 12 }, "up"],
  ] as const)("reads %s as %s", async (_what, err, expected) => {
    const client = answering(err);
    const before = Date.now();
    await expect(probeEngine(client, 1_000)).resolves.toBe(expected);
    expect(client.deadlines[0]).toBeGreaterThanOrEqual(before + 1_000);
  });
});

describe("engineAddress", () => {
  it("is the first argument of a dynamic-provider process, and nothing elsewhere", () => {
    const host = "/app/node_modules/@pulumi/pulumi/cmd/dynamic-provider/index.js";
    expect(engineAddress(["node", host, "127.0.0.1:41659"])).toBe("127.0.0.1:41659");
    expect(engineAddress(["node", host])).toBeUndefined();
    expect(engineAddress(["node", "/app/node_modules/.bin/jest", "127.0.0.1:41659"])).toBeUndefined();
    expect(engineAddress(["node", host, "--flag"])).toBeUndefined();
  });
});
