import * as errors from "../../../src/client";
import { apiCalls, clientFor, tavily, useEmulator } from "../../support/emulator";
import { fakeTime } from "../../support/fake-time";

const named = (name: string) => (errors as Record<string, unknown>)[name] as new (...a: never[]) => Error;

const emulator = useEmulator();

const deletes = () => apiCalls(emulator()).filter((c) => c.startsWith("DELETE"));

describe("a throttled operation slows down rather than gives up", () => {
  it("a delete answered 429 more often than maxRetries still succeeds, each wait honouring Retry-After with jitter", async () => {
    const time = fakeTime();
    const client = clientFor(emulator(), { ...time, random: () => 0.5, retry: { limit: 1 } });
    const { identifier } = emulator().seedProvider(tavily);
    emulator().injectFault({ status: 429, retryAfterSeconds: 2, method: "DELETE", count: 5 });
    await expect(client.deleteProvider(identifier)).resolves.toBe(true);
    // 2 s plus half of the 20 % jitter; the fifth wait is the backoff's floor after four throttles (2.4 s).
    expect(time.delays).toEqual([2200, 2200, 2200, 2200, 2400]);
    expect(deletes()).toHaveLength(6);
    expect(emulator().providers()).toEqual([]);
  });

  it("429s do not spend the retry budget that other failures draw on", async () => {
    const time = fakeTime();
    const client = clientFor(emulator(), { ...time, random: () => 0, retry: { limit: 2 } });
    const { identifier } = emulator().seedProvider(tavily);
    emulator().injectFault({ status: 429, method: "DELETE", count: 4 });
    emulator().injectFault({ status: 503, method: "DELETE", count: 2 });
    await expect(client.deleteProvider(identifier)).resolves.toBe(true);
    expect(deletes()).toHaveLength(7);
  });

  it("a 503 keeps its bounded retries", async () => {
    const time = fakeTime();
    const client = clientFor(emulator(), { ...time, random: () => 0, retry: { limit: 2 } });
    const { identifier } = emulator().seedProvider(tavily);
    emulator().injectFault({ status: 503, method: "DELETE", count: 3 });
    await expect(client.deleteProvider(identifier)).rejects.toMatchObject({ status: 503 });
    expect(time.delays).toEqual([150, 300]);
    expect(deletes()).toHaveLength(3);
  });

  it("a 429 without Retry-After is retried until the deadline, with exponential waits capped at backoffMaxMs", async () => {
    const time = fakeTime();
    const client = clientFor(emulator(), { ...time, random: () => 1, operationTimeoutMs: 30_000 });
    emulator().injectFault({ status: 429, method: "GET", count: 1000 });
    const err = await client.listProviders().catch((e) => e);
    expect(time.delays).toEqual([300, 600, 1200, 2400, 4800, 8000, 8000]);
    expect(err).toBeInstanceOf(named("ScalekitDeadlineError"));
    expect(err.message).toMatch(/the next retry would wait 8 s, longer than the 4\.7 s left/);
    expect(err.message).toMatch(/HTTP 429/);
  });

  it("a POST answered 429 is re-sent without a look-up (the server did nothing), and makes one provider", async () => {
    const time = fakeTime();
    const client = clientFor(emulator(), { ...time, retry: { limit: 0 } });
    emulator().injectFault({ status: 429, method: "POST", pathPrefix: "/api", count: 3 });
    const { recovered } = await client.createProvider(tavily);
    expect(recovered).toBe(false);
    expect(apiCalls(emulator())).toEqual(Array(4).fill("POST /api/v1/custom-providers"));
    expect(emulator().providers()).toHaveLength(1);
  });
});

describe("a throttled environment gets fewer requests in flight, then more again", () => {
  it("the cap halves under 429s and climbs back once Scalekit answers", async () => {
    const client = clientFor(emulator(), { maxConcurrentRequests: 16 });
    const limiter = client.shared.limiter;
    const caps: number[] = [];
    const batch = async (n: number) => {
      await Promise.all(Array.from({ length: n }, () => client.listProviders().then(() => caps.push(limiter.max))));
    };
    await batch(16);
    const before = limiter.max;
    emulator().injectFault({ status: 429, method: "GET", count: 12 });
    await batch(16);
    const throttled = Math.min(...caps.slice(16));
    for (let i = 0; i < 6; i++) await batch(32);
    expect(before).toBeGreaterThan(4);
    expect(throttled).toBeLessThanOrEqual(before / 2);
    expect(limiter.max).toBe(16);
  });
});
