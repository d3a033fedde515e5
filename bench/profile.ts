/**
 * Reads the CPU profiles a `--profile DIR` run wrote (bench/cpu-profile-preload.ts) and says where
 * each process spent its CPU: self time per function and per package, in all and per resource.
 *
 *   node dist/bench/profile.js DIR/<program>-n<N>-<latency>ms-r<rep>/<operation> [--n N] [--top 15]
 *   node dist/bench/profile.js --compare DIR_A DIR_B [--n N]     # the same, side by side, per resource
 *   node dist/bench/profile.js --table DIR [--n N] [--latency MS] # a whole run: per operation, program and process
 */
import * as fs from "fs";
import * as path from "path";

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  argv?: string[];
}

/** Which process a profile is: the program (`@pulumi/pulumi/cmd/run`), the provider, or another node. */
export type ProcessKind = "program" | "provider" | "other";

export interface ProcessProfile {
  kind: ProcessKind;
  /** Milliseconds of CPU (every sample that is not idle). */
  cpuMs: number;
  /** Self milliseconds per function ("name (file:line)"). */
  functions: Map<string, number>;
  /** Self milliseconds per package or group (see groupOf). */
  groups: Map<string, number>;
}

export function kindOf(argv: string[] | undefined): ProcessKind {
  const script = argv?.[1] ?? "";
  if (script.includes("dynamic-provider")) return "provider";
  if (/cmd[\\/]run/.test(script)) return "program";
  return "other";
}

/** The package or group a function's self time is charged to. */
export function groupOf(frame: CallFrame): string {
  const { url, functionName } = frame;
  if (!url) return functionName.startsWith("(") ? functionName : "(native)";
  if (url.startsWith("node:")) return "node internals";
  const file = url.replace(/^file:\/\//, "");
  const inModules = file.lastIndexOf("node_modules/");
  if (inModules >= 0) {
    const rest = file.slice(inModules + "node_modules/".length).split("/");
    const pkg = rest[0].startsWith("@") ? `${rest[0]}/${rest[1]}` : rest[0];
    if (pkg === "pulumi-scalekit-providers") return "ours";
    if (pkg === "@pulumi/pulumi")
      return `@pulumi/pulumi ${rest[2] === "runtime" || rest[2] === "cmd" ? `${rest[2]}/${rest[3]}` : rest[2]}`;
    return pkg;
  }
  if (file.includes("/dist/src/")) return "ours";
  if (file.endsWith("index.js")) return "the program's index.js";
  return file;
}

export function readProfile(file: string): ProcessProfile {
  const profile = JSON.parse(fs.readFileSync(file, "utf8")) as CpuProfile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n.callFrame]));
  const functions = new Map<string, number>();
  const groups = new Map<string, number>();
  let cpuMs = 0;
  profile.samples.forEach((id, i) => {
    // A sample's time is the delta to the next sample.
    const ms = (profile.timeDeltas[i + 1] ?? 0) / 1000;
    const frame = byId.get(id)!;
    if (frame.functionName === "(idle)") return;
    cpuMs += ms;
    const where = frame.url
      ? ` (${frame.url.replace(/^.*node_modules\//, "").replace(/^file:\/\/.*\/dist\//, "dist/")}:${frame.lineNumber + 1})`
      : "";
    const name = `${frame.functionName || "(anonymous)"}${where}`;
    functions.set(name, (functions.get(name) ?? 0) + ms);
    const group = groupOf(frame);
    groups.set(group, (groups.get(group) ?? 0) + ms);
  });
  return { kind: kindOf(profile.argv), cpuMs, functions, groups };
}

/** Every profile of one step, merged per process kind (a step may start more than one provider). */
export function readStep(dir: string): Map<ProcessKind, ProcessProfile> {
  const out = new Map<ProcessKind, ProcessProfile>();
  for (const name of fs.readdirSync(dir).filter((f) => f.endsWith(".cpuprofile"))) {
    const p = readProfile(path.join(dir, name));
    const into = out.get(p.kind);
    if (!into) {
      out.set(p.kind, p);
      continue;
    }
    into.cpuMs += p.cpuMs;
    for (const [k, v] of p.functions) into.functions.set(k, (into.functions.get(k) ?? 0) + v);
    for (const [k, v] of p.groups) into.groups.set(k, (into.groups.get(k) ?? 0) + v);
  }
  return out;
}

function top(map: Map<string, number>, count: number): [string, number][] {
  return [...map.entries()].sort((a, b) => b[1] - a[1]).slice(0, count);
}

/** A Markdown summary of one step: per process, CPU in all and per resource, top groups and functions. */
export function summarise(dir: string, n: number, count = 15): string {
  const lines: string[] = [`### ${dir}`, ""];
  for (const [kind, p] of [...readStep(dir).entries()].filter(([k]) => k !== "other")) {
    lines.push(`**${kind}**: ${(p.cpuMs / 1000).toFixed(2)} s CPU, ${((p.cpuMs / n) * 1000).toFixed(0)} µs per resource`, "");
    lines.push("| group | ms | µs per resource |", "|---|---|---|");
    for (const [g, ms] of top(p.groups, 12)) lines.push(`| ${g} | ${ms.toFixed(0)} | ${((ms / n) * 1000).toFixed(0)} |`);
    lines.push("", "| function (self time) | ms | µs per resource |", "|---|---|---|");
    for (const [f, ms] of top(p.functions, count))
      lines.push(`| ${f.replace(/\|/g, "\\|")} | ${ms.toFixed(0)} | ${((ms / n) * 1000).toFixed(0)} |`);
    lines.push("");
  }
  return lines.join("\n");
}

/** Two steps side by side (before / after, or ours / the floor): per group, µs per resource. */
export function compare(a: string, b: string, n: number): string {
  const [pa, pb] = [readStep(a), readStep(b)];
  const lines: string[] = [`### ${a} against ${b} (µs per resource)`, ""];
  for (const kind of ["program", "provider"] as ProcessKind[]) {
    const [x, y] = [pa.get(kind), pb.get(kind)];
    if (!x || !y) continue;
    lines.push(`**${kind}**: ${((x.cpuMs / n) * 1000).toFixed(0)} against ${((y.cpuMs / n) * 1000).toFixed(0)}`, "");
    lines.push("| group | A | B | A − B |", "|---|---|---|---|");
    const groups = new Set([...x.groups.keys(), ...y.groups.keys()]);
    const rows = [...groups].map((g) => [g, x.groups.get(g) ?? 0, y.groups.get(g) ?? 0] as [string, number, number]);
    rows.sort((r, s) => Math.abs(s[1] - s[2]) - Math.abs(r[1] - r[2]));
    for (const [g, ma, mb] of rows.slice(0, 14)) {
      const us = (ms: number) => ((ms / n) * 1000).toFixed(0);
      lines.push(`| ${g} | ${us(ma)} | ${us(mb)} | ${us(ma - mb)} |`);
    }
    lines.push("");
  }
  return lines.join("\n");
}

/**
 * One table for a whole `--profile DIR` run: per operation and program (custom, baseline, minimal,
 * floor, as they ran at `latencyMs`, first repetition), the CPU per resource of the program process and
 * of the provider process, and the groups that cost them most.
 */
export function runTable(dir: string, n: number, latencyMs = 0): string {
  const programs = ["baseline", "custom", "minimal", "floor"].filter((p) =>
    fs.existsSync(path.join(dir, `${p}-n${n}-${p === "custom" || p === "baseline" ? latencyMs : 0}ms-r0`)),
  );
  const us = (ms: number | undefined) => (ms === undefined ? "-" : ((ms / n) * 1000).toFixed(0));
  const lines = [
    `| operation | process | ${programs.map((p) => `${p} µs/resource`).join(" | ")} | top groups (${programs[0]} → ${programs[1] ?? ""}), µs/resource |`,
    `|---|---|${programs.map(() => "---|").join("")}---|`,
  ];
  for (const op of ["preview", "up", "no-change-preview", "refresh", "destroy"]) {
    const steps = programs.map((p) => {
      const stepDir = path.join(dir, `${p}-n${n}-${p === "custom" || p === "baseline" ? latencyMs : 0}ms-r0`, op);
      return fs.existsSync(stepDir) ? readStep(stepDir) : new Map<ProcessKind, ProcessProfile>();
    });
    for (const kind of ["program", "provider"] as ProcessKind[]) {
      const [first, second] = steps.map((s) => s.get(kind));
      if (!first && !second) continue;
      const groups = new Set([...(first?.groups.keys() ?? []), ...(second?.groups.keys() ?? [])]);
      const moved = [...groups]
        .map((g) => [g, first?.groups.get(g) ?? 0, second?.groups.get(g) ?? 0] as [string, number, number])
        .sort((a, b) => Math.abs(b[1] - b[2]) - Math.abs(a[1] - a[2]))
        .slice(0, 4)
        .map(([g, a, b]) => `${g} ${us(a)} → ${us(b)}`)
        .join("; ");
      lines.push(`| ${op} | ${kind} | ${steps.map((s) => us(s.get(kind)?.cpuMs)).join(" | ")} | ${moved} |`);
    }
  }
  return lines.join("\n");
}

if (require.main === module) {
  const args = process.argv.slice(2);
  const flag = (name: string, fallback: number) => {
    const at = args.indexOf(name);
    if (at < 0) return fallback;
    const [v] = args.splice(at, 2).slice(1);
    return Number(v);
  };
  const n = flag("--n", 300);
  const count = flag("--top", 15);
  const latency = flag("--latency", 0);
  if (args[0] === "--compare" && args.length === 3) process.stdout.write(`${compare(args[1], args[2], n)}\n`);
  else if (args[0] === "--table" && args.length === 2) process.stdout.write(`${runTable(args[1], n, latency)}\n`);
  else if (args.length >= 1) for (const dir of args) process.stdout.write(`${summarise(dir, n, count)}\n`);
  else {
    process.stderr.write(
      "usage: node dist/bench/profile.js STEP_DIR... [--n N] [--top K] | --compare STEP_A STEP_B [--n N] | --table RUN_DIR [--n N] [--latency MS]\n",
    );
    process.exitCode = 2;
  }
}
