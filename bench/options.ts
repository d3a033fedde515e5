/** The bench's command line: `npm run bench -- --n 10,100 --latency 0,50`. */
export interface BenchOptions {
  /** Resource counts to run. */
  counts: number[];
  /** Per-request emulator latencies (ms) for the CustomProvider program. */
  latencies: number[];
  /**
   * Which programs to run: custom (N CustomProviders), minimal (the engine's minimal floor, the
   * reference), floor (trivial dynamic resources with a CustomProvider's inputs).
   */
  programs: ("custom" | "native" | "minimal" | "floor")[];
  /** Custom providers seeded into the environment before each run (M in "N into M"). */
  existing: number;
  /** The emulator's maximum page size. */
  pageSize: number;
  /** Extra environment for every CLI run, e.g. PULUMI_PARALLEL_DIFF=true. */
  cliEnv: Record<string, string>;
  /** Bytes added to each floor resource's inputs, to price state size alone. */
  floorPadBytes: number;
  /** Runs of each program per (N, latency), interleaved; each figure reported is their median. */
  repeat: number;
  /**
   * A checkout of an earlier version, built (its dist/), run as a second CustomProvider program
   * ("baseline"), interleaved with the others: before and after in one run.
   */
  baselineRoot?: string;
  /** With a directory: CPU profiles of every node process (program, provider), summarised per resource. */
  profileDir?: string;
  /** Where JSON and SVG go. */
  outDir: string;
  /** The run's label, the file names' stem. */
  label: string;
}

export const USAGE = `usage: npm run bench -- [--n 10,100,300] [--latency 0,50] [--programs custom,minimal,floor] [--existing M]
                        [--page-size 1000] [--env KEY=VALUE ...] [--floor-pad BYTES] [--repeat K] [--profile DIR] [--baseline CHECKOUT]
                        [--out bench/results] [--label results]
environment fallbacks: BENCH_N, BENCH_LATENCY, BENCH_PROGRAMS, BENCH_EXISTING`;

function numbers(flag: string, raw: string): number[] {
  const values = raw.split(",").map((v) => v.trim());
  if (!values.every((v) => /^\d+$/.test(v))) throw new Error(`${flag} takes whole numbers separated by commas, got "${raw}"`);
  return values.map(Number);
}

export function parseOptions(argv: string[], env: NodeJS.ProcessEnv = process.env): BenchOptions {
  const opts: BenchOptions = {
    counts: numbers("BENCH_N", env.BENCH_N ?? "10,100,300"),
    latencies: numbers("BENCH_LATENCY", env.BENCH_LATENCY ?? "0,50"),
    programs: (env.BENCH_PROGRAMS ?? "custom,native,minimal,floor").split(",") as BenchOptions["programs"],
    existing: numbers("BENCH_EXISTING", env.BENCH_EXISTING ?? "0")[0],
    // As a server that honours Scalekit's documented page_size=1000 does.
    pageSize: 1000,
    cliEnv: {},
    floorPadBytes: 0,
    repeat: 1,
    outDir: "bench/results",
    label: "results",
  };
  for (let i = 0; i < argv.length; i++) {
    const eq = argv[i].startsWith("--") ? argv[i].indexOf("=") : -1;
    const [flag, inline] = eq > 0 ? [argv[i].slice(0, eq), argv[i].slice(eq + 1)] : [argv[i], undefined];
    const value = () => {
      const v = inline ?? argv[++i];
      if (v === undefined) throw new Error(`${flag} needs a value`);
      return v;
    };
    switch (flag) {
      case "--n":
        opts.counts = numbers(flag, value());
        break;
      case "--latency":
        opts.latencies = numbers(flag, value());
        break;
      case "--programs":
        opts.programs = value().split(",") as BenchOptions["programs"];
        break;
      case "--existing":
        opts.existing = numbers(flag, value())[0];
        break;
      case "--page-size":
        opts.pageSize = numbers(flag, value())[0];
        break;
      case "--env": {
        const pair = value();
        const at = pair.indexOf("=");
        if (at < 1) throw new Error(`--env takes KEY=VALUE, got "${pair}"`);
        opts.cliEnv[pair.slice(0, at)] = pair.slice(at + 1);
        break;
      }
      case "--floor-pad":
        opts.floorPadBytes = numbers(flag, value())[0];
        break;
      case "--repeat":
        opts.repeat = numbers(flag, value())[0];
        break;
      case "--baseline":
        opts.baselineRoot = value();
        break;
      case "--profile":
        opts.profileDir = value();
        break;
      case "--out":
        opts.outDir = value();
        break;
      case "--label":
        opts.label = value();
        break;
      case "--help":
      case "-h":
        throw new Error(USAGE);
      default:
        throw new Error(`unknown argument "${argv[i]}"\n${USAGE}`);
    }
  }
  for (const p of opts.programs)
    if (!["custom", "native", "minimal", "floor"].includes(p))
      throw new Error(`unknown program "${p}": custom, native, minimal or floor`);
  if (opts.counts.some((n) => n < 1)) throw new Error("--n values must be at least 1");
  if (opts.repeat < 1) throw new Error("--repeat must be at least 1");
  return opts;
}
