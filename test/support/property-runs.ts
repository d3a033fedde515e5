/**
 * The parameters of every property test (`fc.assert(property, runs(n))`): one seed per process, so a
 * run is repeatable and CI is never a lottery.
 *
 * - By default (CI, `npm test`): the fixed seed DEFAULT_SEED and each test's own number of runs.
 * - `FC_SEED=<n>`: that seed, e.g. the one a failure printed, to replay it.
 * - `FC_SEED=random`: a fresh seed, printed on stderr before the first property runs.
 * - `FC_RUNS_FACTOR=<k>`: k times each test's number of runs.
 *
 * `npm run fuzz` sets `FC_SEED=random FC_RUNS_FACTOR=20`. A failing property names its seed (and the
 * path of its shrunk counterexample) in the error; `FC_SEED=<seed>` replays it.
 */
import type { Parameters } from "fast-check";

/** The seed of every run that does not ask for another one. */
export const DEFAULT_SEED = 20261206;

function parseSeed(raw: string | undefined): { seed: number; random: boolean } {
  if (raw === undefined || raw.trim() === "") return { seed: DEFAULT_SEED, random: false };
  if (raw.trim() === "random") return { seed: (Math.random() * 0x7fffffff) | 0, random: true };
  const seed = Number(raw);
  if (!Number.isInteger(seed)) throw new Error(`FC_SEED must be a whole number or "random", not ${JSON.stringify(raw)}`);
  return { seed, random: false };
}

function parseFactor(raw: string | undefined): number {
  if (raw === undefined || raw.trim() === "") return 1;
  const factor = Number(raw);
  if (!Number.isFinite(factor) || factor <= 0)
    throw new Error(`FC_RUNS_FACTOR must be a positive number, not ${JSON.stringify(raw)}`);
  return factor;
}

const chosen = parseSeed(process.env.FC_SEED);
const factor = parseFactor(process.env.FC_RUNS_FACTOR);

/** The seed this process's property tests use. */
export const PROPERTY_SEED = chosen.seed;

let announced = false;

/** Prints the seed once per process when it is not the fixed default, so that a run can be replayed. */
function announce(): void {
  if (announced || PROPERTY_SEED === DEFAULT_SEED) return;
  announced = true;
  const source = chosen.random ? "random" : "from FC_SEED";
  process.stderr.write(`fast-check seed ${PROPERTY_SEED} (${source}); replay with FC_SEED=${PROPERTY_SEED}\n`);
}

/** `{ seed, numRuns }` for one property: `numRuns` times FC_RUNS_FACTOR. */
export function runs<T>(numRuns: number, extra: Parameters<T> = {}): Parameters<T> {
  announce();
  return { ...extra, seed: PROPERTY_SEED, numRuns: Math.max(1, Math.round(numRuns * factor)) };
}
