#!/usr/bin/env node
import { execFileSync } from "child_process";
import * as path from "path";
import { redact } from "../client";
import { compareSets } from "../definition/compare-sets";
import { exportProviders } from "./export";
import { formatReport } from "./format-report";
import { parseSource, SourceContext } from "./sources";

export const USAGE = `Usage:
  scalekit-providers compare <from> <to> [--json]
      Compares custom providers by name. Exit 0 when in sync, 1 when they differ, 2 on error.
      Use it as the promotion gate before \`pulumi up --stack prod\`.
  scalekit-providers export <from> [--out DIR] [--force] [--stack NAME]
      Writes every custom provider of an environment as definition files (default DIR: definitions)
      and marks them for adoption: with --stack, in that stack's \`adopt\` config; otherwise it prints
      the command to do so.

Sources:
  env             the environment in SCALEKIT_ENVIRONMENT_URL / SCALEKIT_CLIENT_ID / SCALEKIT_CLIENT_SECRET
  env:PREFIX      the same from PREFIX_ENVIRONMENT_URL / PREFIX_CLIENT_ID / PREFIX_CLIENT_SECRET
  stack:NAME      the environment of Pulumi stack NAME (its scalekit:* config, run in the project folder)
  dir:PATH        the declarations in a folder of definition files (default: definitions)`;

export interface CliIo {
  out: (text: string) => void;
  err: (text: string) => void;
}

export async function main(argv: string[], ctx: SourceContext, io: CliIo): Promise<number> {
  const flags = new Set(argv.filter((a) => a.startsWith("--") && !a.includes("=")));
  const valueOf = (flag: string) => {
    const i = argv.indexOf(flag);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const valued = new Set(["--out", "--stack"]);
  const positional = argv.filter((a, i) => !a.startsWith("--") && !valued.has(argv[i - 1] ?? ""));
  const [command, ...args] = positional;
  try {
    if (command === "compare" && args.length === 2) {
      const [from, to] = args.map((s) => parseSource(s, ctx));
      const [a, b] = await Promise.all([from.load(), to.load()]);
      const report = compareSets(a.definitions, b.definitions);
      if (flags.has("--json")) {
        io.out(JSON.stringify({ from: { label: from.label, location: from.location }, to: { label: to.label, location: to.location }, ...report }, null, 2));
      } else {
        io.out(formatReport(report, from, to));
      }
      return report.equal ? 0 : 1;
    }
    if (command === "export" && args.length === 1) {
      const from = parseSource(args[0], ctx);
      const { providers } = await from.load();
      if (!providers) throw new Error("export needs a live environment (env or stack:NAME), not a folder");
      const dir = path.resolve(ctx.cwd, valueOf("--out") ?? "definitions");
      const { written, names } = exportProviders(providers, dir, flags.has("--force"));
      written.forEach((f) => io.out(`wrote ${path.relative(ctx.cwd, f) || f}`));
      const adoptValue = JSON.stringify(names);
      const stack = valueOf("--stack");
      if (stack) {
        execFileSync("pulumi", ["config", "set", "adopt", adoptValue, "--stack", stack, "--non-interactive"], { cwd: ctx.cwd, stdio: "ignore" });
        io.out(`marked ${names.length} provider(s) for adoption in stack ${stack} (config "adopt")`);
      } else {
        io.out(`mark them for adoption with:\n  pulumi config set adopt '${adoptValue}' --stack <stack>`);
      }
      return 0;
    }
    io.err(USAGE);
    return 2;
  } catch (err) {
    io.err(`error: ${redact((err as Error).message)}`);
    return 2;
  }
}

if (require.main === module) {
  main(process.argv.slice(2), { cwd: process.cwd(), env: process.env }, {
    out: (t) => process.stdout.write(`${t}\n`),
    err: (t) => process.stderr.write(`${t}\n`),
  }).then((code) => process.exit(code));
}
