import { Limiter } from "../../../src/client/limiter";
import { EnvironmentRegistry } from "../../../src/client/environments";
import { resolveConfig } from "../../../src/config";
import { ScalekitApiError, ScalekitConfigError, ScalekitSlotWaitError } from "../../../src/client";
import { resolveClientSettings } from "../../../src/config/settings";
import { clientFor, tavily, useEmulator } from "../../support/emulator";
import { implementationFor } from "../../support/provider";

/** Lets every settled promise's callbacks run. */
const settle = () => new Promise((resolve) => setImmediate(resolve));

describe("Limiter", () => {
  it("grants at most max slots and hands each freed slot to the longest waiter", async () => {
    const limiter = new Limiter(2);
    const order: string[] = [];
    const a = await limiter.acquire();
    const b = await limiter.acquire();
    const c = limiter.acquire().then((release) => (order.push("c"), release));
    const d = limiter.acquire().then((release) => (order.push("d"), release));
    await settle();
    expect([limiter.inFlight, limiter.waiting, order]).toEqual([2, 2, []]);
    a();
    a(); // a second release of the same slot changes nothing
    await settle();
    expect([limiter.inFlight, limiter.waiting, order]).toEqual([2, 1, ["c"]]);
    b();
    (await c)();
    (await d)();
    expect([limiter.inFlight, limiter.waiting, order]).toEqual([0, 0, ["c", "d"]]);
  });

  it("run() releases the slot when the task fails", async () => {
    const limiter = new Limiter(1);
    await expect(limiter.run(async () => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    expect(limiter.inFlight).toBe(0);
    expect(await limiter.run(async () => 42)).toBe(42);
  });

  it("a waiter whose deadline passes leaves the queue with a typed error, and is never granted", async () => {
    const limiter = new Limiter(1);
    const release = await limiter.acquire();
    const deadline = new AbortController();
    let ran = false;
    const waiting = limiter.run(async () => void (ran = true), deadline.signal);
    await settle();
    expect(limiter.waiting).toBe(1);
    deadline.abort(new Error("deadline of 600000 ms passed"));
    const err = await waiting.catch((e) => e);
    expect(err).toBeInstanceOf(ScalekitSlotWaitError);
    expect(err.message).toMatch(
      /\(1 Scalekit requests in flight per environment\).*deadline of 600000 ms passed.*Nothing was sent/,
    );
    expect(limiter.waiting).toBe(0);
    release();
    expect([ran, limiter.inFlight]).toEqual([false, 0]);
  });

  it("an already-passed deadline fails at once, even with free slots", async () => {
    const limiter = new Limiter(3);
    const deadline = new AbortController();
    deadline.abort();
    await expect(limiter.acquire(deadline.signal)).rejects.toBeInstanceOf(ScalekitSlotWaitError);
    expect(limiter.inFlight).toBe(0);
  });

  it("a lowered cap hands no slot on until the holders are below it", async () => {
    const limiter = new Limiter(3);
    const held = [await limiter.acquire(), await limiter.acquire(), await limiter.acquire()];
    limiter.lowerTo(1);
    let granted = false;
    const waiter = limiter.acquire().then((r) => ((granted = true), r));
    held[0]();
    held[1]();
    await settle();
    expect([granted, limiter.inFlight]).toEqual([false, 1]);
    held[2]();
    (await waiter)();
    expect([granted, limiter.inFlight]).toEqual([true, 0]);
  });

  it("refuses a cap that is not a positive integer", () => {
    expect(() => new Limiter(0)).toThrow(RangeError);
    expect(() => new Limiter(1.5)).toThrow(RangeError);
  });

  it("is one per environment, the smallest cap asked for winning", () => {
    const registry = new EnvironmentRegistry();
    const config = (url: string, ns: string, cap: string) =>
      resolveConfig(
        {
          get: (k) =>
            ({
              [`${ns}:environmentUrl`]: url,
              [`${ns}:clientId`]: "id",
              [`${ns}:clientSecret`]: "secret-value",
              [`${ns}:maxConcurrentRequests`]: cap,
            })[k],
        },
        ns,
        {},
      );
    const a = registry.entryFor(config("https://limiter-test.example", "a", "8")).client.shared.limiter;
    const b = registry.entryFor(config("https://limiter-test.example", "b", "2")).client.shared.limiter;
    expect(b).toBe(a);
    expect(a.max).toBe(2);
    expect(registry.entryFor(config("https://other-limiter-test.example", "a", "8")).client.shared.limiter).not.toBe(a);
  });
});

/** A task the test finishes by hand. */
function deferred() {
  let resolve!: () => void;
  let reject!: (err: unknown) => void;
  const promise = new Promise<void>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

const answered = (status: number) =>
  new ScalekitApiError({ status, method: "DELETE", path: "/api/v1/custom-providers/X", body: {} });

describe("the limiter's cap follows Scalekit's answers", () => {
  it("starts at 4 below a ceiling of 16; an idle cap does not rise", async () => {
    const limiter = new Limiter(16);
    expect([limiter.max, limiter.ceiling]).toEqual([4, 16]);
    for (let i = 0; i < 10; i++) await limiter.run(async () => undefined);
    expect(limiter.max).toBe(4);
  });

  it("an answer while every slot is taken raises the cap, and the raise lets a waiter in at once", async () => {
    const limiter = new Limiter(16);
    const tasks = Array.from({ length: 6 }, () => deferred());
    const runs = tasks.map((t) => limiter.run(() => t.promise));
    await settle();
    expect([limiter.inFlight, limiter.waiting]).toEqual([4, 2]);
    tasks[0].resolve();
    await settle();
    // Cap 5: one waiter enters on the raise, the other on the freed slot.
    expect([limiter.max, limiter.inFlight, limiter.waiting]).toEqual([5, 5, 0]);
    tasks.slice(1).forEach((t) => t.resolve());
    await Promise.all(runs);
    expect(limiter.inFlight).toBe(0);
  });

  it("a burst of 429s to requests sent under one cap halves it once; other failures leave it", async () => {
    const limiter = new Limiter(16);
    const tasks = Array.from({ length: 4 }, () => deferred());
    const runs = tasks.map((t) => limiter.run(() => t.promise).catch((e) => e));
    await settle();
    tasks.forEach((t) => t.reject(answered(429)));
    expect((await Promise.all(runs)).map((e) => e.status)).toEqual([429, 429, 429, 429]);
    expect(limiter.max).toBe(2);
    await limiter.run(() => Promise.reject(answered(503))).catch(() => undefined);
    expect(limiter.max).toBe(2);
    await limiter.run(() => Promise.reject(answered(429))).catch(() => undefined);
    expect(limiter.max).toBe(1);
  });

  it("after a 429 a new request waits until the holders are below the lowered cap", async () => {
    const limiter = new Limiter(16);
    const held = Array.from({ length: 4 }, () => deferred());
    const runs = held.map((t) => limiter.run(() => t.promise).catch(() => undefined));
    await settle();
    held[0].reject(answered(429));
    await settle();
    let started = false;
    const late = limiter.run(async () => void (started = true));
    await settle();
    expect([limiter.max, limiter.inFlight, started]).toEqual([2, 3, false]);
    held[1].resolve();
    await settle();
    expect(started).toBe(false); // 2 in flight: still at the cap
    held[2].resolve();
    await late;
    expect(started).toBe(true);
    held[3].resolve();
    await Promise.all(runs);
    expect(limiter.inFlight).toBe(0);
  });
});

describe("the client's calls go through the environment's limiter", () => {
  const emulator = useEmulator();

  it("never has more than maxConcurrentRequests requests in flight", async () => {
    const client = clientFor(emulator(), { maxConcurrentRequests: 2 });
    const limiter = client.shared.limiter;
    let peak = 0;
    const original = limiter.run.bind(limiter);
    limiter.run = async (task, signal) =>
      original(async () => {
        peak = Math.max(peak, limiter.inFlight);
        return task();
      }, signal);
    await Promise.all(Array.from({ length: 8 }, () => client.listProviders()));
    expect(peak).toBe(2);
    expect(limiter.inFlight).toBe(0);
  });

  it("the provider takes the cap from the stack config, and refuses a bad one before any request", async () => {
    const bad = implementationFor(emulator(), { "scalekit:maxConcurrentRequests": "lots" }).impl;
    await expect(bad.create({ definition: tavily })).rejects.toThrow(
      /scalekit:maxConcurrentRequests is "lots": expected a whole number from 1 to 1000/,
    );
    expect(emulator().requests()).toHaveLength(0);
    const { impl, environments } = implementationFor(emulator(), { "scalekit:maxConcurrentRequests": "1" });
    await impl.create({ definition: tavily });
    expect([...environments.environments()].map((e) => e.shared.limiter.max)).toEqual([1]);
  });
});

describe("maxConcurrentRequests setting", () => {
  const config = (values: Record<string, string>) => ({ get: (key: string) => values[key] });
  const resolveMaxConcurrentRequests = (c: ReturnType<typeof config>, namespace: string, env: NodeJS.ProcessEnv) =>
    resolveClientSettings(c, namespace, env).maxConcurrentRequests;

  it("stack config, then SCALEKIT_MAX_CONCURRENT_REQUESTS, then 32", () => {
    const env = { SCALEKIT_MAX_CONCURRENT_REQUESTS: "6" };
    expect(resolveMaxConcurrentRequests(config({ "scalekit:maxConcurrentRequests": "2" }), "scalekit", env)).toBe(2);
    expect(resolveMaxConcurrentRequests(config({ "prod:maxConcurrentRequests": "3" }), "prod", env)).toBe(3);
    expect(resolveMaxConcurrentRequests(config({}), "prod", env)).toBe(6);
    expect(resolveMaxConcurrentRequests(config({}), "scalekit", {})).toBe(32);
  });

  it("refuses what is not a whole number from 1 to 1000, naming where it came from", () => {
    expect(() => resolveMaxConcurrentRequests(config({ "scalekit:maxConcurrentRequests": "0" }), "scalekit", {})).toThrow(
      /scalekit:maxConcurrentRequests is "0": expected a whole number from 1 to 1000/,
    );
    expect(() => resolveMaxConcurrentRequests(config({}), "scalekit", { SCALEKIT_MAX_CONCURRENT_REQUESTS: "many" })).toThrow(
      ScalekitConfigError,
    );
  });
});
