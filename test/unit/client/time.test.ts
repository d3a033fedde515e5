import * as errors from "../../../src/client";
import { ScalekitNetworkError } from "../../../src/client";
import { apiCalls, clientFor, tavily, tokenCalls, useEmulator } from "../../support/emulator";
import { fakeTime } from "../../support/fake-time";

const named = (name: string) => (errors as Record<string, unknown>)[name] as new (...a: never[]) => Error;

const emulator = useEmulator();

describe("each HTTP call has a wall-clock budget", () => {
  it("a server trickling its answer cannot stretch a call past the budget", async () => {
    const client = clientFor(emulator(), { requestTimeoutMs: 300, retry: { limit: 0 } });
    await client.listProviders(); // the token first, so the trickle hits the listing
    // About 70 bytes at one per 50 ms: some 3.5 s of a connection that is never idle.
    emulator().injectFault({ trickleMs: 50, method: "GET", pathPrefix: "/api/v1/providers" });
    const err = await client.listProviders().catch((e) => e);
    expect(err).toBeInstanceOf(ScalekitNetworkError);
    expect(err.code).toBe("ETIMEDOUT");
    expect(err.message).toMatch(/within 300 ms/);
  });

  it("a create that commits and then hangs is recovered by a look-up after the budget", async () => {
    const client = clientFor(emulator(), { requestTimeoutMs: 300 });
    emulator().injectFault({ hangAfterCommit: true, method: "POST", pathPrefix: "/api/v1/custom-providers" });
    const { provider, recovered } = await client.createProvider(tavily);
    expect(recovered).toBe(true);
    expect(
      emulator()
        .providers()
        .map((p) => p.identifier),
    ).toEqual([provider.identifier]);
  });
});

describe("one layer owns retries", () => {
  it("a token endpoint answering 503 costs at most limit+1 token requests for one listing, and no API request", async () => {
    const client = clientFor(emulator(), { retry: { limit: 3 } });
    emulator().injectFault({ status: 503, pathPrefix: "/oauth/token", count: 100 });
    const err = await client.listProviders().catch((e) => e);
    expect(err).toBeInstanceOf(named("ScalekitUnavailableError"));
    expect(tokenCalls(emulator())).toBe(4);
    expect(apiCalls(emulator())).toEqual([]);
  });

  it("a listing of several pages shares one retry budget", async () => {
    for (let i = 0; i < 30; i++) emulator().seedProvider({ ...tavily, display_name: `P ${i}` });
    const client = clientFor(emulator(), { retry: { limit: 2 }, pageSize: 10 });
    await client.listProviders();
    emulator().clearRequests();
    // Faults are taken one per request, oldest first: every page fails once, then succeeds (a 0 ms latency).
    for (let page = 0; page < 3; page++) {
      emulator().injectFault({ status: 503, method: "GET" });
      emulator().injectFault({ latencyMs: 0, method: "GET" });
    }
    await expect(client.listProviders()).rejects.toMatchObject({ status: 503 });
    expect(apiCalls(emulator())).toHaveLength(5); // page 1 twice, page 2 twice, page 3 once: two retries in all
  });
});

describe("each operation has a deadline", () => {
  it("Retry-After gets jitter, and a wait beyond the deadline fails at once with the server's message", async () => {
    const time = fakeTime();
    const client = clientFor(emulator(), { ...time, random: () => 0.5, operationTimeoutMs: 120_000 });
    emulator().injectFault({ status: 429, retryAfterSeconds: 60, method: "POST", pathPrefix: "/api", count: 10 });
    const err = await client.createProvider(tavily).catch((e) => e);
    expect(time.delays).toEqual([66_000]); // 60 s plus jitter; the next 60 s would outlast the 54 s left
    expect(err).toBeInstanceOf(named("ScalekitDeadlineError"));
    expect(err.message).toMatch(/Retry-After/);
    expect(err.message).toMatch(/Rate limit exceeded/);
    expect(apiCalls(emulator()).filter((c) => c.startsWith("POST"))).toHaveLength(2);
  });

  it("no request starts after the deadline", async () => {
    const time = fakeTime();
    const client = clientFor(emulator(), { ...time, operationTimeoutMs: 1000, retry: { limit: 10, backoffBaseMs: 400 } });
    emulator().injectFault({ status: 503, method: "GET", count: 100 });
    const err = await client.listProviders().catch((e) => e);
    expect(err).toBeInstanceOf(named("ScalekitDeadlineError"));
    expect(err.message).toMatch(/HTTP 503/);
    expect(time.delays.reduce((a, b) => a + b, 0)).toBeLessThan(1000);
  });
});
