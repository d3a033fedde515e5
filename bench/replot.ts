/**
 * `node dist/bench/replot.js bench/results/<label>.json`: the table and both charts again
 * from a results file, e.g. after the chart's code changed.
 */
import * as fs from "fs";
import { chartSvg } from "./chart";
import { BenchResults, formatTable } from "./results";

const file = process.argv[2];
if (!file || !file.endsWith(".json")) {
  process.stderr.write("usage: node dist/bench/replot.js bench/results/<label>.json\n");
  process.exit(2);
}
const results = JSON.parse(fs.readFileSync(file, "utf8")) as BenchResults;
for (const run of results.runs) {
  for (const op of Object.values(run.operations)) op.providerCpuSeconds ??= NaN; // files from before it was measured
}
const stem = file.slice(0, -".json".length);
fs.writeFileSync(`${stem}.svg`, chartSvg(results));
fs.writeFileSync(`${stem}-cpu.svg`, chartSvg(results, "cpuSeconds"));
process.stdout.write(`${formatTable(results)}\nwrote ${stem}.svg and ${stem}-cpu.svg\n`);
