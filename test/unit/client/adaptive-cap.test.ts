import { afterAnswer, afterThrottle, CapState, initialCap, withCeiling } from "../../../src/client/adaptive-cap";

const answers = (s: CapState, n: number) => Array.from({ length: n }).reduce<CapState>((acc) => afterAnswer(acc), s);

describe("the adaptive cap on requests in flight", () => {
  it("starts at 4, or at the ceiling when that is lower", () => {
    expect(initialCap(32).cap).toBe(4);
    expect(initialCap(2).cap).toBe(2);
  });

  it("rises by one per unthrottled answer until the first 429 (slow start), never above the ceiling", () => {
    expect(answers(initialCap(32), 4).cap).toBe(8);
    expect(answers(initialCap(32), 100).cap).toBe(32);
    expect(answers(initialCap(1), 10).cap).toBe(1);
  });

  it("halves on a 429 (at least 1), then rises by one per round of `cap` answers", () => {
    const throttled = afterThrottle(answers(initialCap(32), 12), 0); // 16 -> 8
    expect([throttled.cap, throttled.threshold]).toEqual([8, 8]);
    expect(answers(throttled, 7).cap).toBe(8);
    expect(answers(throttled, 8).cap).toBe(9);
    expect(answers(throttled, 8 + 9).cap).toBe(10);
    let low = initialCap(32);
    for (let i = 0; i < 5; i++) low = afterThrottle(low, low.epoch);
    expect(low.cap).toBe(1);
  });

  it("halves once for a burst of 429s to requests sent under the same cap", () => {
    const start = answers(initialCap(32), 12); // 16, epoch 0
    const once = afterThrottle(start, 0);
    const again = afterThrottle(once, 0); // sent before the decrease: says nothing new
    expect([once.cap, again.cap]).toEqual([8, 8]);
    expect(afterThrottle(again, again.epoch).cap).toBe(4); // sent after it: throttled still
  });

  it("recovers to the ceiling once the throttling stops", () => {
    const throttled = afterThrottle(afterThrottle(answers(initialCap(8), 10), 0), 1); // 8 -> 4 -> 2
    expect(throttled.cap).toBe(2);
    // Rounds of 2, 3, ..., 7 answers: 27 answers back to 8.
    expect(answers(throttled, 26).cap).toBe(7);
    expect(answers(throttled, 27).cap).toBe(8);
  });

  it("a lower ceiling lowers the cap and the threshold with it", () => {
    const s = withCeiling(answers(initialCap(32), 20), 6);
    expect([s.cap, s.ceiling, s.threshold]).toEqual([6, 6, 6]);
    expect(withCeiling(s, 10).ceiling).toBe(6); // never raised
  });
});
