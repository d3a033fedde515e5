#!/usr/bin/env node
import { execFileSync } from "child_process";
import * as path from "path";
import { parseArgs } from "util";
import { redact, ScalekitConfigError } from "../client";
import { sameEnvironmentUrl } from "../config";
import { compareSets } from "../definition/compare-sets";
import { exportProviders } from "./export";
import { formatReport } from "./format-report";
import { REVIEW_USAGE, runReview } from "./review";
import { parseSource, SourceContext } from "./sources";
import { UsageError } from "./usage-error";

export const USAGE = `Usage:
  scalekit-providers compare <from> <to> [--json]
      Compares custom providers by name. Exit 0 when in sync, 1 when they differ, 2 on error.
      Use it as the promotion gate before \`pulumi up --stack prod\`.
  scalekit-providers export <from> [--out DIR] [--force] [--stack NAME]
      Writes every custom provider of an environment as definition files (default DIR: definitions)
      and marks them for adoption: with --stack, in that stack's \`adopt\` config; otherwise it prints
      the command to do so.
${REVIEW_USAGE.replace(/^Usage:\n/, "")}

Sources:
  env             the environment in SCALEKIT_ENVIRONMENT_URL / SCALEKIT_CLIENT_ID / SCALEKIT_CLIENT_SECRET
  env:PREFIX      the same from PREFIX_ENVIRONMENT_URL / PREFIX_CLIENT_ID / PREFIX_CLIENT_SECRET
  stack:NAME      the environment of Pulumi stack NAME (its scalekit:* config, run in the project folder)
  dir:PATH        the declarations in a folder of definition files (default: definitions)`;

export interface CliIo {
  out: (text: string) => void;
  err: (text: string) => void;
}

/** Which options each command takes; anything else is a usage error (exit 2). */
const COMMAND_OPTIONS: Record<string, string[]> = { compare: ["json"], export: ["out", "force", "stack"] };

const OPTIONS = {
  json: { type: "boolean" },
  out: { type: "string" },
  force: { type: "boolean" },
  stack: { type: "string" },
} as const;

export async function main(argv: string[], ctx: SourceContext, io: CliIo): Promise<number> {
  if (argv[0] === "review") return runReview(argv.slice(1), ctx, io);
  let parsed;
  try {
    parsed = parseCommandLine(argv);
  } catch (err) {
    io.err(`error: ${(err as Error).message}\n\n${USAGE}`);
    return 2;
  }
  const { command, args, options } = parsed;
  try {
    if (command === "compare" && args.length === 2) {
      const [from, to] = args.map((s) => parseSource(s, ctx));
      if (from.environmentUrl && to.environmentUrl && sameEnvironmentUrl(from.environmentUrl, to.environmentUrl)) {
        // Comparing an environment with itself always "passes": a promotion gate must not.
        throw new ScalekitConfigError(
          `${from.label} and ${to.label} resolve to the same environment (${from.environmentUrl}): check their settings`,
        );
      }
      const [a, b] = await Promise.all([from.load(), to.load()]);
      const report = compareSets(a.definitions, b.definitions);
      if (options.json) {
        io.out(
          JSON.stringify(
            { from: { label: from.label, location: from.location }, to: { label: to.label, location: to.location }, ...report },
            null,
            2,
          ),
        );
      } else {
        io.out(formatReport(report, from, to));
      }
      return report.equal ? 0 : 1;
    }
    if (command === "export" && args.length === 1) {
      const from = parseSource(args[0], ctx);
      const { providers } = await from.load();
      if (!providers) throw new UsageError("export needs a live environment (env or stack:NAME), not a folder");
      const dir = path.resolve(ctx.cwd, options.out ?? "definitions");
      const { written, names } = exportProviders(providers, dir, options.force === true);
      written.forEach((f) => io.out(`wrote ${path.relative(ctx.cwd, f) || f}`));
      const adoptValue = JSON.stringify(names);
      const stack = options.stack;
      if (stack) {
        execFileSync("pulumi", ["config", "set", "adopt", adoptValue, "--stack", stack, "--non-interactive"], {
          cwd: ctx.cwd,
          stdio: "ignore",
        });
        io.out(`marked ${names.length} provider(s) for adoption in stack ${stack} (config "adopt")`);
      } else {
        io.out(`mark them for adoption with:\n  pulumi config set adopt '${adoptValue}' --stack <stack>`);
      }
      return 0;
    }
    io.err(
      `error: ${command ? `"${command}" takes ${command === "compare" ? "two sources" : "one source"}` : "no command given"}\n\n${USAGE}`,
    );
    return 2;
  } catch (err) {
    io.err(`error: ${redact((err as Error).message)}`);
    return 2;
  }
}

interface CommandLine {
  command: string | undefined;
  args: string[];
  options: { json?: boolean; out?: string; force?: boolean; stack?: string };
}

/** node:util parseArgs, strict: an unknown option, a missing value or a value given to a flag throws. */
function parseCommandLine(argv: string[]): CommandLine {
  const { values, positionals } = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  const [command, ...args] = positionals;
  const allowed = COMMAND_OPTIONS[command ?? ""];
  if (command !== undefined && !allowed) throw new UsageError(`unknown command "${command}"`);
  for (const name of Object.keys(values)) {
    if (!allowed?.includes(name)) throw new UsageError(`option --${name} does not apply to ${command ?? "this command"}`);
  }
  if (values.out === "" || values.stack === "")
    throw new UsageError(`option --${values.out === "" ? "out" : "stack"} needs a value`);
  return { command, args, options: values };
}

if (require.main === module) {
  main(
    process.argv.slice(2),
    { cwd: process.cwd(), env: process.env },
    {
      out: (t) => process.stdout.write(`${t}\n`),
      err: (t) => process.stderr.write(`${t}\n`),
    },
  ).then((code) => process.exit(code));
}
