import { BenchResults, OperationResult, OPERATIONS, Run } from "./results";

export type Metric = "seconds" | "cpuSeconds";

const METRIC_LABEL: Record<Metric, string> = {
  seconds: "wall time (s) against N",
  cpuSeconds: "CPU seconds of the CLI's process tree against N",
};

/**
 * An SVG chart, written by hand (no chart dependency): one panel per operation, seconds against N,
 * one line for the floor and one per latency for the CustomProvider program.
 */
export function chartSvg(results: BenchResults, metric: Metric = "seconds"): string {
  const value = (r: OperationResult) => r[metric];
  const panelW = 300;
  const panelH = 220;
  const pad = { left: 46, right: 12, top: 28, bottom: 34 };
  const cols = 3;
  const rows = Math.ceil((OPERATIONS.length + 1) / cols);
  const width = cols * panelW;
  const height = rows * panelH;

  const series = seriesOf(results);
  const ns = [...new Set(results.runs.map((r) => r.n))].sort((a, b) => a - b);
  const maxN = Math.max(...ns, 1);
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="11">`,
    `<rect width="100%" height="100%" fill="white"/>`,
  ];

  OPERATIONS.forEach((op, index) => {
    const x0 = (index % cols) * panelW;
    const y0 = Math.floor(index / cols) * panelH;
    const plotW = panelW - pad.left - pad.right;
    const plotH = panelH - pad.top - pad.bottom;
    const maxS = niceMax(Math.max(0.1, ...series.flatMap((s) => s.runs.map((r) => value(r.operations[op])))));
    const px = (n: number) => x0 + pad.left + (n / maxN) * plotW;
    const py = (s: number) => y0 + pad.top + plotH - (s / maxS) * plotH;
    parts.push(`<text x="${x0 + panelW / 2}" y="${y0 + 16}" text-anchor="middle" font-weight="bold">${op}</text>`);
    parts.push(`<line x1="${px(0)}" y1="${py(0)}" x2="${px(maxN)}" y2="${py(0)}" stroke="#888"/>`);
    parts.push(`<line x1="${px(0)}" y1="${py(0)}" x2="${px(0)}" y2="${py(maxS)}" stroke="#888"/>`);
    for (const tick of [0, maxS / 2, maxS]) {
      parts.push(`<text x="${px(0) - 4}" y="${py(tick) + 4}" text-anchor="end">${fmt(tick)}</text>`);
    }
    for (const n of ns) parts.push(`<text x="${px(n)}" y="${py(0) + 14}" text-anchor="middle">${n}</text>`);
    parts.push(`<text x="${px(maxN / 2)}" y="${y0 + panelH - 4}" text-anchor="middle" fill="#555">N (resources)</text>`);
    parts.push(`<text x="${x0 + 10}" y="${y0 + pad.top - 6}" fill="#555">s</text>`);
    for (const s of series) {
      const points = s.runs.map((r) => `${px(r.n).toFixed(1)},${py(value(r.operations[op])).toFixed(1)}`);
      parts.push(
        `<polyline fill="none" stroke="${s.color}" stroke-width="2" ${s.dash ? 'stroke-dasharray="5,3"' : ""} points="${points.join(" ")}"/>`,
      );
      for (const p of points) {
        const [cx, cy] = p.split(",");
        parts.push(`<circle cx="${cx}" cy="${cy}" r="2.5" fill="${s.color}"/>`);
      }
    }
  });

  // The legend fills the last panel.
  const lx = (OPERATIONS.length % cols) * panelW + 20;
  const ly = Math.floor(OPERATIONS.length / cols) * panelH + 40;
  parts.push(`<text x="${lx}" y="${ly - 14}" font-weight="bold">${METRIC_LABEL[metric]}</text>`);
  series.forEach((s, i) => {
    const y = ly + i * 20;
    parts.push(
      `<line x1="${lx}" y1="${y}" x2="${lx + 28}" y2="${y}" stroke="${s.color}" stroke-width="2" ${s.dash ? 'stroke-dasharray="5,3"' : ""}/>`,
    );
    parts.push(`<text x="${lx + 36}" y="${y + 4}">${s.label}</text>`);
  });
  const load = results.machine.loadAverageAtStart.map((l) => l.toFixed(1)).join(", ");
  parts.push(
    `<text x="${lx}" y="${ly + series.length * 20 + 10}" fill="#555">${results.machine.cpus} cores, load at start ${load}</text>`,
  );
  parts.push(`</svg>`);
  return `${parts.join("\n")}\n`;
}

interface Series {
  label: string;
  color: string;
  dash: boolean;
  runs: Run[];
}

const COLORS = ["#1f77b4", "#d62728", "#9467bd", "#ff7f0e"];

function seriesOf(results: BenchResults): Series[] {
  const byN = (runs: Run[]) => runs.sort((a, b) => a.n - b.n);
  const out: Series[] = [];
  const minimal = results.runs.filter((r) => r.program === "minimal");
  if (minimal.length)
    out.push({ label: "minimal floor (one input, the reference)", color: "#000000", dash: true, runs: byN(minimal) });
  const floor = results.runs.filter((r) => r.program === "floor");
  const floorLabel = minimal.length ? "same-inputs floor" : "floor (trivial dynamic resources)";
  if (floor.length) out.push({ label: floorLabel, color: "#2ca02c", dash: true, runs: byN(floor) });
  const latencies = [...new Set(results.runs.filter((r) => r.program === "custom").map((r) => r.latencyMs))].sort(
    (a, b) => a - b,
  );
  latencies.forEach((latency, i) => {
    const runs = byN(results.runs.filter((r) => r.program === "custom" && r.latencyMs === latency));
    out.push({ label: `CustomProvider, ${latency} ms latency`, color: COLORS[i % COLORS.length], dash: false, runs });
  });
  const baseline = [...new Set(results.runs.filter((r) => r.program === "baseline").map((r) => r.latencyMs))].sort(
    (a, b) => a - b,
  );
  baseline.forEach((latency, i) => {
    const runs = byN(results.runs.filter((r) => r.program === "baseline" && r.latencyMs === latency));
    out.push({ label: `baseline, ${latency} ms latency`, color: COLORS[(i + 2) % COLORS.length], dash: true, runs });
  });
  return out;
}

function niceMax(v: number): number {
  const magnitude = 10 ** Math.floor(Math.log10(v));
  for (const step of [1, 2, 2.5, 5, 10]) if (step * magnitude >= v) return step * magnitude;
  return 10 * magnitude;
}

function fmt(v: number): string {
  return v >= 10 ? v.toFixed(0) : v.toFixed(1);
}
