import type { Emulator, RequestLogEntry } from "../../src/emulator";
import { numbered } from "../support/emulator";
import { readRepoDefinitions } from "../support/e2e/workspace";
import { useStacks } from "../support/e2e/suite";

jest.setTimeout(900_000);

/**
 * A throttled day: 20 % of all requests (the token endpoint's too) answered 429 or 503, some 429s with
 * Retry-After. `up`, `refresh` and `destroy` each finish in one run, with nothing duplicated and nothing
 * left behind, and the request log shows what the retries cost.
 */
const definitions: Record<string, { display_name: string }> = {
  ...(readRepoDefinitions() as Record<string, { display_name: string }>),
  ...Object.fromEntries(Array.from({ length: 16 }, (_, i) => [`p${i}`, numbered(i)])),
};
/** Seeded draws (mulberry32), so a failing run can be replayed with SCALEKIT_THROTTLE_SEED; the seed is printed. */
const SEED = Number(process.env.SCALEKIT_THROTTLE_SEED ?? Date.now() % 2 ** 31);
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const ctx = useStacks(["dev"], { definitions }, { random: seeded(SEED) });
/** The faults `certainly` injects per command: five 429s at the token endpoint, one 429, one 503. */
const CERTAIN_FAULTS = 7;

const RATE = 0.2;
const FOREVER = 1_000_000_000;

/**
 * Rules are drawn in turn, each only for the requests the earlier ones passed over, so each rule's
 * probability is its share of what is left: 5 % 429 with Retry-After 1 s, 5 % 429 without, 10 % 503.
 */
function throttle(emulator: Emulator): void {
  const shares = [
    { status: 429, retryAfterSeconds: 1, share: RATE / 4 },
    { status: 429, share: RATE / 4 },
    { status: 503, share: RATE / 2 },
  ];
  let left = 1;
  for (const { share, ...fault } of shares) {
    emulator.injectFault({ ...fault, probability: share / left, count: FOREVER });
    left -= share;
  }
}

/**
 * Also, whatever the draws, one 429 and one 503 for the command's own method, and a burst of five 429s
 * at the token endpoint: real throttling comes in windows, and five in a row are more than the retry
 * budget (3) that used to bound them. They apply to the first requests the random rules pass over.
 */
function certainly(emulator: Emulator, method: string): void {
  emulator.injectFault({ status: 429, pathPrefix: "/oauth/token", count: 5 });
  emulator.injectFault({ status: 429, method, pathPrefix: "/api", count: 1 });
  emulator.injectFault({ status: 503, method, pathPrefix: "/api", count: 1 });
}

type Tally = Record<string, number>;
const table: Record<string, Tally> = {};

function tally(entries: RequestLogEntry[]): Tally {
  const t: Tally = { requests: entries.length };
  for (const r of entries) {
    const kind = r.path === "/oauth/token" ? "token" : r.method;
    t[kind] = (t[kind] ?? 0) + 1;
    if (r.fault === "status") t[`answered ${r.status}`] = (t[`answered ${r.status}`] ?? 0) + 1;
  }
  return t;
}

async function throttledRun(label: string, method: string, args: string[]): Promise<void> {
  const dev = ctx.env.dev;
  dev.clearRequests();
  certainly(dev, method);
  await ctx.ws.ok(args, "dev");
  table[label] = tally(dev.requests());
  expect(table[label]["answered 429"]).toBeGreaterThanOrEqual(1);
  expect(table[label]["answered 503"]).toBeGreaterThanOrEqual(1);
}

const names = (emulator: Emulator) =>
  emulator
    .providers()
    .map((p) => p.display_name)
    .sort();
const declared = Object.values(definitions)
  .map((d) => d.display_name)
  .sort();

afterAll(() => {
  process.stdout.write(
    `requests under ${RATE * 100} % 429/503 (${declared.length} providers, seed ${SEED}):\n${JSON.stringify(table, null, 1)}\n`,
  );
});

it("up, refresh and destroy each finish in one run under 20 % 429/503, duplicating nothing and leaving nothing", async () => {
  const dev = ctx.env.dev;
  throttle(dev);

  await throttledRun("up", "POST", ["up", "--yes", "--skip-preview"]);
  expect(names(dev)).toEqual(declared); // each exactly once
  const state = await ctx.ws.providersInState("dev");
  expect(state.map((r) => r.id).sort()).toEqual(
    dev
      .providers()
      .map((p) => p.identifier)
      .sort(),
  );

  await throttledRun("refresh", "GET", ["refresh", "--yes", "--skip-preview", "--expect-no-changes"]);
  expect(names(dev)).toEqual(declared);

  await throttledRun("destroy", "DELETE", ["destroy", "--yes", "--skip-preview"]);
  expect(dev.providers()).toEqual([]);
  expect(await ctx.ws.providersInState("dev")).toEqual([]);
  // The random 20 % did apply, beyond the faults injected for certain.
  const faulted = Object.values(table).reduce((n, t) => n + (t["answered 429"] ?? 0) + (t["answered 503"] ?? 0), 0);
  expect(faulted).toBeGreaterThan(3 * CERTAIN_FAULTS);
});
