/** What one bench invocation measured, as written to JSON. */

export const OPERATIONS = ["preview", "up", "no-change preview", "refresh", "destroy"] as const;
export type Operation = (typeof OPERATIONS)[number];

export const REQUEST_KINDS = ["token", "GET", "POST", "PUT", "DELETE"] as const;
export type RequestCounts = Record<(typeof REQUEST_KINDS)[number], number>;

export interface OperationResult {
  seconds: number;
  /** CPU seconds of the CLI's process tree (see CliRun). */
  cpuSeconds: number;
  /** Of which the provider process. */
  providerCpuSeconds: number;
  requests: RequestCounts;
  providerRssMb?: number;
}

export interface Run {
  program: "custom" | "native" | "baseline" | "minimal" | "floor";
  n: number;
  /** Emulator latency per request (ms); the floor makes no request, so it runs once, at 0. */
  latencyMs: number;
  existing: number;
  operations: Record<Operation, OperationResult>;
  /** With --repeat: every run's figures; `operations` holds their medians. */
  repeats?: Record<Operation, OperationResult>[];
}

export interface BenchResults {
  startedAt: string;
  finishedAt?: string;
  machine: { cpus: number; loadAverageAtStart: number[]; loadAverageAtEnd?: number[]; node: string };
  settings: {
    pageSize: number;
    existing: number;
    cliEnv: Record<string, string>;
    maxConcurrentRequests: string;
    floorPadBytes: number;
    repeat?: number;
    /** The checkout the "baseline" program's library came from (--baseline). */
    baseline?: string;
  };
  runs: Run[];
}

export function emptyCounts(): RequestCounts {
  return { token: 0, GET: 0, POST: 0, PUT: 0, DELETE: 0 };
}

export function formatCounts(c: RequestCounts): string {
  return REQUEST_KINDS.map((k) => c[k]).join("/");
}

/**
 * The reference run for a CustomProvider run (same N): the minimal floor when the file has one, else
 * the same-inputs floor (results written before the minimal floor existed).
 */
export function floorFor(results: BenchResults, run: Run): Run | undefined {
  return (
    results.runs.find((r) => r.program === "minimal" && r.n === run.n) ??
    results.runs.find((r) => r.program === "floor" && r.n === run.n)
  );
}

/** The same-inputs floor (trivial dynamic resources with a CustomProvider's inputs) of that N, if it ran. */
export function inputsFloorFor(results: BenchResults, run: Run): Run | undefined {
  return results.runs.some((r) => r.program === "minimal")
    ? results.runs.find((r) => r.program === "floor" && r.n === run.n)
    : undefined;
}

/** The engine's parallelism: `--parallel`'s default is 4 per core unless PULUMI_PARALLEL says otherwise. */
export function engineParallelism(results: BenchResults): number {
  const set = Number(results.settings.cliEnv.PULUMI_PARALLEL);
  return Number.isInteger(set) && set > 0 ? set : 4 * results.machine.cpus;
}

/**
 * Latency no client can avoid in an operation of N requests at `latencyMs` each, with at most
 * `parallel` steps in flight (the engine's bound): ⌈N / parallel⌉ round trips for up and destroy (one
 * write per resource), none for a preview. Refresh and the other operations are held to the floor alone.
 */
export function unavoidableSeconds(op: Operation, n: number, latencyMs: number, parallel: number): number {
  if (op !== "up" && op !== "destroy") return 0;
  return (Math.ceil(n / parallel) * latencyMs) / 1000;
}

/** The goal per operation at N=300 (issue 25): at most this many times the floor (plus unavoidable latency). */
export const GOALS: Record<Operation, number> = {
  preview: 1.15,
  up: 1.2,
  "no-change preview": 1.15,
  refresh: 1.15,
  destroy: 1.2,
};

/** Markdown table per latency: time against the minimal floor, requests and provider-process peak RSS. */
export function formatTable(results: BenchResults): string {
  const lines: string[] = [];
  const parallel = engineParallelism(results);
  const subjects = (["custom", "native", "baseline"] as const).filter((p) => results.runs.some((r) => r.program === p));
  for (const [subject, latency] of subjects.flatMap((p) =>
    [...new Set(results.runs.filter((r) => r.program === p).map((r) => r.latencyMs))].map((l) => [p, l] as const),
  )) {
    const reference = results.runs.some((r) => r.program === "minimal") ? "minimal floor" : "floor";
    const name =
      subject === "custom"
        ? "CustomProvider"
        : subject === "native"
          ? "CustomProvider (native plugin)"
          : `baseline (${results.settings.baseline ?? "earlier version"})`;
    lines.push(`${name}, latency ${latency} ms per request`, "");
    lines.push(
      `| N | operation | ${subject === "baseline" ? "baseline" : name} (s) | ${reference} (s) | ratio | ratio to floor + unavoidable latency | same-inputs floor (s) | CPU s (of which provider): ours / ${reference} | requests token/GET/POST/PUT/DELETE | provider peak RSS MB: ours / ${reference} |`,
    );
    lines.push("|---|---|---|---|---|---|---|---|---|---|");
    for (const run of results.runs.filter((r) => r.program === subject && r.latencyMs === latency)) {
      const floor = floorFor(results, run);
      const inputsFloor = inputsFloorFor(results, run);
      for (const op of OPERATIONS) {
        const ours = run.operations[op];
        const base = floor?.operations[op];
        const ratio = base && base.seconds > 0 ? (ours.seconds / base.seconds).toFixed(2) : "";
        const unavoidable = unavoidableSeconds(op, run.n, latency, parallel);
        const bounded =
          base && unavoidable > 0
            ? `${(ours.seconds / (base.seconds + unavoidable)).toFixed(2)} (+${unavoidable.toFixed(1)} s)`
            : "";
        const rss = `${ours.providerRssMb ?? "-"} / ${base?.providerRssMb ?? "-"}`;
        const cpu = `${cpuOf(ours)} / ${base ? cpuOf(base) : "-"}`;
        const same = inputsFloor ? inputsFloor.operations[op].seconds.toFixed(1) : "";
        lines.push(
          `| ${run.n} | ${op} | ${ours.seconds.toFixed(1)} | ${base ? base.seconds.toFixed(1) : ""} | ${ratio} | ${bounded} | ${same} | ${cpu} | ${formatCounts(ours.requests)} | ${rss} |`,
        );
      }
    }
    lines.push("");
  }
  const floorsOnly = results.runs.filter(
    (r) =>
      (r.program === "minimal" || r.program === "floor") &&
      !results.runs.some((c) => (c.program === "custom" || c.program === "native") && c.n === r.n),
  );
  if (floorsOnly.length) {
    lines.push(
      "| program | N | operation | seconds | CPU s (of which provider) | provider RSS MB |",
      "|---|---|---|---|---|---|",
    );
    for (const run of floorsOnly) {
      for (const op of OPERATIONS)
        lines.push(
          `| ${run.program} | ${run.n} | ${op} | ${run.operations[op].seconds.toFixed(1)} | ${cpuOf(run.operations[op])} | ${run.operations[op].providerRssMb ?? "-"} |`,
        );
    }
  }
  return lines.join("\n");
}

/** "total (provider)" CPU seconds; a provider figure missing from older files shows as "-". */
function cpuOf(r: OperationResult): string {
  const provider = Number.isFinite(r.providerCpuSeconds) ? r.providerCpuSeconds.toFixed(1) : "-";
  return `${r.cpuSeconds.toFixed(1)} (${provider})`;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/**
 * One run standing for several of the same program, N and latency: the median of each figure. The
 * request counts are deterministic, so runs that disagree on them are an error, not noise; except the
 * GETs, reported as the most any run sent: an update or a delete reads whose the provider is from a
 * listing no older than `ownershipReadMaxAge` (5 s), so a destroy that outlasts it lists again once per
 * window (⌈M/page⌉ GETs each), and the number of windows follows the run's duration.
 */
export function medianRun(runs: Run[]): Run {
  const [first] = runs;
  const operations = {} as Record<Operation, OperationResult>;
  for (const op of OPERATIONS) {
    const all = runs.map((r) => r.operations[op]);
    const counts = new Set(all.map((o) => formatCounts({ ...o.requests, GET: 0 })));
    if (counts.size > 1)
      throw new Error(`${first.program} N=${first.n} ${op}: request counts differ between runs: ${[...counts].join(", ")}`);
    const rss = all.map((o) => o.providerRssMb).filter((v): v is number => v !== undefined);
    operations[op] = {
      seconds: median(all.map((o) => o.seconds)),
      cpuSeconds: median(all.map((o) => o.cpuSeconds)),
      providerCpuSeconds: median(all.map((o) => o.providerCpuSeconds)),
      requests: { ...all[0].requests, GET: Math.max(...all.map((o) => o.requests.GET)) },
      providerRssMb: rss.length ? Math.round(median(rss) * 10) / 10 : undefined,
    };
  }
  return runs.length === 1 ? first : { ...first, operations, repeats: runs.map((r) => r.operations) };
}
