/**
 * `npm run bench`: the real Pulumi CLI against the emulator, for N CustomProviders and for the
 * engine's floor (N trivial dynamic resources), timing preview, up, no-change preview, refresh and
 * destroy, counting the emulator's requests by kind and sampling the provider process's peak RSS.
 * Prints a Markdown table; writes <out>/<label>.json and <out>/<label>.svg.
 */
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { startEmulator, type Emulator } from "../src/emulator";
import { chartSvg } from "./chart";
import { BenchOptions, parseOptions } from "./options";
import {
  BenchResults,
  emptyCounts,
  formatCounts,
  formatTable,
  medianRun,
  Operation,
  OperationResult,
  RequestCounts,
  Run,
} from "./results";
import { BenchWorkspace, CliRun, Program, REPO_ROOT } from "./workspace";

const STEPS: [Operation, string[]][] = [
  ["preview", ["preview"]],
  ["up", ["up", "--yes", "--skip-preview"]],
  ["no-change preview", ["preview", "--expect-no-changes"]],
  ["refresh", ["refresh", "--yes", "--skip-preview"]],
  ["destroy", ["destroy", "--yes", "--skip-preview"]],
];

function pulumiBinDir(): string {
  if (process.env.PULUMI_BIN_DIR) return process.env.PULUMI_BIN_DIR;
  const out = execFileSync("bash", [path.join(REPO_ROOT, "scripts/pulumi-cli/install.sh")], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
  });
  return out.trim().split("\n").pop()!;
}

function countRequests(emulator: Emulator | undefined): RequestCounts {
  const counts = emptyCounts();
  for (const r of emulator?.requests() ?? []) {
    const kind = r.path === "/oauth/token" ? "token" : (r.method as keyof RequestCounts);
    if (kind in counts) counts[kind]++;
  }
  return counts;
}

/** Definitions seeded as "made by hand", the M of "creating N into an environment of M". */
function seed(emulator: Emulator, existing: number): void {
  for (let i = 0; i < existing; i++) {
    emulator.seedProvider({
      display_name: `Existing Provider ${i}`,
      auth_patterns: [
        { type: "BEARER", fields: [{ field_name: "token", label: "Token", input_type: "password", required: true }] },
      ],
      proxy_url: "https://existing.example.com",
      proxy_enabled: true,
    });
  }
}

async function runProgram(
  program: Program,
  n: number,
  latencyMs: number,
  opts: BenchOptions,
  binDir: string,
  emulator: Emulator,
  rep: number,
): Promise<Run> {
  const subject = program === "custom" || program === "native" || program === "baseline";
  const library = program === "baseline" ? path.resolve(opts.baselineRoot!) : REPO_ROOT;
  const ws = new BenchWorkspace(program, binDir, opts.cliEnv, opts.floorPadBytes, library);
  const target = subject ? emulator : undefined;
  try {
    await ws.init();
    if (target) {
      target.reset();
      seed(target, opts.existing);
      // Every API and token request waits this long before it is answered.
      if (latencyMs > 0) target.injectFault({ latencyMs, count: 1_000_000_000 });
    }
    const operations = {} as Record<Operation, OperationResult>;
    for (const [operation, args] of STEPS) {
      target?.clearRequests();
      const run: CliRun = await ws.pulumi(args, {
        count: n,
        environmentUrl: target?.url,
        clientId: target?.clientId,
        clientSecret: target?.clientSecret,
        profileDir: opts.profileDir && profileDirOf(opts.profileDir, program, n, latencyMs, rep, operation),
      });
      operations[operation] = {
        seconds: run.seconds,
        cpuSeconds: run.cpuSeconds,
        providerCpuSeconds: run.providerCpuSeconds,
        requests: countRequests(target),
        providerRssMb: run.providerRssMb,
      };
      const r = operations[operation];
      process.stderr.write(
        `  ${program.padEnd(8)} N=${String(n).padEnd(4)} ${String(latencyMs).padStart(3)} ms  ${operation.padEnd(17)} ${r.seconds.toFixed(2).padStart(7)} s  CPU ${r.cpuSeconds.toFixed(2).padStart(6)} s (provider ${r.providerCpuSeconds.toFixed(2)})  ` +
          `requests ${formatCounts(r.requests)}  provider RSS ${r.providerRssMb ?? "-"} MB\n`,
      );
    }
    return { program, n, latencyMs, existing: subject ? opts.existing : 0, operations };
  } finally {
    ws.dispose();
  }
}

/** Where one step's profiles go: <dir>/<program>-n<N>-<latency>ms-r<rep>/<operation>. */
function profileDirOf(dir: string, program: Program, n: number, latencyMs: number, rep: number, op: Operation): string {
  return path.resolve(REPO_ROOT, dir, `${program}-n${n}-${latencyMs}ms-r${rep}`, op.replace(/ /g, "-"));
}

async function main(): Promise<void> {
  let opts: BenchOptions;
  try {
    opts = parseOptions(process.argv.slice(2));
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n`);
    process.exitCode = 2;
    return;
  }
  const binDir = pulumiBinDir();
  const emulator = await startEmulator({ maxPageSize: opts.pageSize });
  const results: BenchResults = {
    startedAt: new Date().toISOString(),
    machine: { cpus: os.cpus().length, loadAverageAtStart: os.loadavg(), node: process.version },
    settings: {
      pageSize: opts.pageSize,
      existing: opts.existing,
      cliEnv: opts.cliEnv,
      maxConcurrentRequests: process.env.SCALEKIT_MAX_CONCURRENT_REQUESTS ?? "default (4)",
      floorPadBytes: opts.floorPadBytes,
      repeat: opts.repeat,
      ...(opts.baselineRoot ? { baseline: opts.baselineRoot } : {}),
    },
    runs: [],
  };
  process.stderr.write(
    `bench: N=${opts.counts.join(",")}, latency ${opts.latencies.join(",")} ms, programs ${opts.programs.join(",")}, repeat ${opts.repeat}, load ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(" ")}\n`,
  );
  try {
    for (const n of opts.counts) {
      // The floors make no request, so latency cannot change them: they run once per N.
      const configs: [Program, number][] = [
        ...(opts.programs.includes("minimal") ? [["minimal", 0] as [Program, number]] : []),
        ...(opts.programs.includes("floor") ? [["floor", 0] as [Program, number]] : []),
        ...(opts.programs.includes("custom") ? opts.latencies.map((l) => ["custom", l] as [Program, number]) : []),
        ...(opts.programs.includes("native") ? opts.latencies.map((l) => ["native", l] as [Program, number]) : []),
        ...(opts.baselineRoot ? opts.latencies.map((l) => ["baseline", l] as [Program, number]) : []),
      ];
      // Repetitions interleave the programs, so a slow spell of the machine hits both alike.
      const runs: Run[][] = configs.map(() => []);
      for (let rep = 0; rep < opts.repeat; rep++) {
        for (const [i, [program, latency]] of configs.entries())
          runs[i].push(await runProgram(program, n, latency, opts, binDir, emulator, rep));
      }
      results.runs.push(...runs.map(medianRun));
    }
  } finally {
    await emulator.close();
  }
  results.finishedAt = new Date().toISOString();
  results.machine.loadAverageAtEnd = os.loadavg();

  const outDir = path.resolve(REPO_ROOT, opts.outDir);
  fs.mkdirSync(outDir, { recursive: true });
  fs.writeFileSync(path.join(outDir, `${opts.label}.json`), `${JSON.stringify(results, null, 2)}\n`);
  fs.writeFileSync(path.join(outDir, `${opts.label}.svg`), chartSvg(results));
  fs.writeFileSync(path.join(outDir, `${opts.label}-cpu.svg`), chartSvg(results, "cpuSeconds"));
  process.stdout.write(`${formatTable(results)}\n`);
  process.stdout.write(
    `wrote ${path.join(opts.outDir, `${opts.label}.json`)} and ${path.join(opts.outDir, `${opts.label}.svg`)} (wall time), ${opts.label}-cpu.svg (CPU)\n`,
  );
}

main().catch((err) => {
  process.stderr.write(`bench failed: ${err instanceof Error ? err.stack : err}\n`);
  process.exitCode = 1;
});
