#!/usr/bin/env node
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { parseArgs } from "util";
import { redact, ScalekitConfigError } from "../client";
import { sameEnvironmentUrl } from "../config";
import { shownChange } from "../definition/compare";
import { compareSets } from "../definition/compare-sets";
import { terminalLine, terminalText, visibleJson } from "../definition/visible-text";
import type { ApiProvider } from "../definition/types";
import { exportProviders } from "./export";
import { exportProgram } from "./export-program";
import { importDocument, importProvider, writeImportDocument } from "./import-file";
import { formatReport } from "./format-report";
import { REVIEW_USAGE, runReview } from "./review";
import { parseSource, SourceContext } from "./sources";
import { UsageError } from "./usage-error";

const COMPARE_USAGE = `  scalekit-providers compare <from> <to> [--json]
      Compares custom providers by name. Exit 0 when in sync, 1 when they differ, 2 on error.
      Use it as the promotion gate before \`pulumi up --stack prod\`.`;

const EXPORT_USAGE = `  scalekit-providers export <from> [--out DIR] [--force] [--stack NAME]
      Writes every custom provider of an environment as definition files (default DIR: definitions)
      and marks them for adoption: with --stack, in that stack's \`adopt\` config; otherwise it prints
      the command to do so.
  scalekit-providers export <from> --program DIR [--force] [--stack NAME]
      Writes a runnable Pulumi TypeScript program into DIR: the definition files in DIR/definitions,
      Pulumi.yaml, package.json, tsconfig.json, index.ts, a README.md, and Pulumi.NAME.yaml (default
      NAME: dev) adopting every provider, so its first \`pulumi up\` takes them over.
  scalekit-providers export <from> --import-file FILE [--provider NAME[=URN]] [--stack NAME] [--force]
      Writes Pulumi's bulk import document: every custom provider as a scalekit:index:CustomProvider
      (the native plugin's type). \`pulumi import --file FILE --out <file>\` then takes the environment
      into a stack of any language, with the code that declares it. --provider names an explicit
      provider already in the stack (NAME=URN, or NAME with --stack in the project's folder).`;

const SOURCE_LINES = {
  env: "  env             the environment in SCALEKIT_ENVIRONMENT_URL / SCALEKIT_CLIENT_ID / SCALEKIT_CLIENT_SECRET",
  "env:PREFIX": "  env:PREFIX      the same from PREFIX_ENVIRONMENT_URL / PREFIX_CLIENT_ID / PREFIX_CLIENT_SECRET",
  "stack:NAME": "  stack:NAME      the environment of Pulumi stack NAME (its scalekit:* config, run in the project folder)",
  "dir:PATH": "  dir:PATH        the declarations in a folder of definition files (default: definitions)",
};

const sources = (kinds: (keyof typeof SOURCE_LINES)[]) => `Sources:\n${kinds.map((k) => SOURCE_LINES[k]).join("\n")}`;
const SOURCES = sources(["env", "env:PREFIX", "stack:NAME", "dir:PATH"]);

export const USAGE = `Usage:
${COMPARE_USAGE}
${EXPORT_USAGE}
${REVIEW_USAGE.replace(/^Usage:\n/, "")}

${SOURCES}

Every command takes --help (-h).`;

/** What `<command> --help` prints: that command's lines, and the sources it reads. */
export const COMMAND_USAGE: Record<string, string> = {
  compare: `Usage:\n${COMPARE_USAGE}\n\n${SOURCES}`,
  // export reads a live environment only.
  export: `Usage:\n${EXPORT_USAGE}\n\n${sources(["env", "env:PREFIX", "stack:NAME"])}`,
};

export interface CliIo {
  out: (text: string) => void;
  err: (text: string) => void;
}

/** Which options each command takes; anything else is a usage error (exit 2). */
const COMMAND_OPTIONS: Record<string, string[]> = {
  compare: ["json", "help"],
  export: ["out", "force", "stack", "program", "import-file", "provider", "help"],
};

const OPTIONS = {
  json: { type: "boolean" },
  out: { type: "string" },
  force: { type: "boolean" },
  stack: { type: "string" },
  program: { type: "string" },
  "import-file": { type: "string" },
  provider: { type: "string" },
  help: { type: "boolean", short: "h" },
} as const;

/** A Pulumi stack name: letters, digits, `-`, `_`, `.` (an organization/project/ prefix is not for a settings file). */
const STACK_NAME = /^[A-Za-z0-9_.-]+$/;

export async function main(argv: string[], ctx: SourceContext, terminal: CliIo): Promise<number> {
  // Names, values and messages from Scalekit, a preview or a folder are data: no character of theirs
  // may move the cursor, recolour or reorder the terminal, or hide (definition/visible-text.ts).
  const io: CliIo = { out: (t) => terminal.out(terminalText(t)), err: (t) => terminal.err(terminalText(t)) };
  // `review` has options of its own: it is the command wherever it stands before them
  // (`review --help`, `--help review`, `-h review x.json`).
  const review = argv.indexOf("review");
  if (review >= 0 && argv.slice(0, review).every((a) => a === "--help" || a === "-h")) {
    return runReview([...argv.slice(0, review), ...argv.slice(review + 1)], ctx, io);
  }
  let parsed;
  try {
    parsed = parseCommandLine(argv);
  } catch (err) {
    io.err(`error: ${(err as Error).message}\n\n${USAGE}`);
    return 2;
  }
  const { command, args, options } = parsed;
  if (options.help) {
    io.out(command ? COMMAND_USAGE[command] : USAGE);
    return 0;
  }
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
      [...(a.warnings ?? []), ...(b.warnings ?? [])].forEach((w) => io.err(`warning: ${terminalLine(w)}`));
      const report = compareSets(a.definitions, b.definitions);
      if (options.json) {
        // Credentials masked (definition/credentials.ts); every invisible character written as its JSON escape.
        const shown = { ...report, different: report.different.map((d) => ({ ...d, changes: d.changes.map(shownChange) })) };
        io.out(
          visibleJson(
            JSON.stringify(
              { from: { label: from.label, location: from.location }, to: { label: to.label, location: to.location }, ...shown },
              null,
              2,
            ),
          ),
        );
      } else {
        io.out(formatReport(report, from, to));
      }
      return report.equal ? 0 : 1;
    }
    if (command === "export" && args.length === 1) {
      const from = parseSource(args[0], ctx);
      const { providers, warnings } = await from.load();
      (warnings ?? []).forEach((w) => io.err(`warning: ${terminalLine(w)}`));
      if (!providers) throw new UsageError("export needs a live environment (env or stack:NAME), not a folder");
      if (options.program !== undefined) return writeProgram(providers, from.location, options, ctx, io);
      if (options["import-file"] !== undefined) return writeImportFile(providers, options, ctx, io);
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
  options: {
    json?: boolean;
    out?: string;
    force?: boolean;
    stack?: string;
    program?: string;
    "import-file"?: string;
    provider?: string;
    help?: boolean;
  };
}

/** `export --import-file FILE`: Pulumi's bulk import document, then the command that uses it. */
function writeImportFile(providers: ApiProvider[], options: CommandLine["options"], ctx: SourceContext, io: CliIo): number {
  const file = path.resolve(ctx.cwd, options["import-file"]!);
  const provider =
    options.provider === undefined ? undefined : importProvider(options.provider, options.stack, () => projectName(ctx.cwd));
  const document = importDocument(providers, provider);
  writeImportDocument(file, document, options.force === true);
  io.out(`wrote ${path.relative(ctx.cwd, file) || file}: ${document.resources.length} custom provider(s) to import`);
  io.out(
    `import them, with the code that declares them in the program's language (nothing is written to Scalekit):\n` +
      `  pulumi import --file ${path.relative(ctx.cwd, file) || file} --out <file>${options.stack ? ` --stack ${options.stack}` : ""}\n` +
      `then add that code to the program: the first pulumi up writes each provider's ownership marker, and nothing else.`,
  );
  return 0;
}

/** The `name` of the Pulumi project in `dir` (its Pulumi.yaml), for a provider's URN. */
function projectName(dir: string): string {
  for (const file of ["Pulumi.yaml", "Pulumi.yml"]) {
    const full = path.join(dir, file);
    if (!fs.existsSync(full)) continue;
    const m = /^name:\s*["']?([^"'\s#]+)/m.exec(fs.readFileSync(full, "utf8"));
    if (m) return m[1];
  }
  throw new UsageError(`no Pulumi.yaml with a name in ${dir}: run in the project's folder, or give --provider NAME=URN`);
}

/** `export --program DIR`: the program's files, then what to run next (its README says the same). */
function writeProgram(
  providers: ApiProvider[],
  environmentUrl: string,
  options: CommandLine["options"],
  ctx: SourceContext,
  io: CliIo,
): number {
  const dir = path.resolve(ctx.cwd, options.program!);
  const stack = options.stack ?? "dev";
  const { written, spec } = exportProgram(providers, dir, { stack, environmentUrl, force: options.force === true });
  written.forEach((f) => io.out(`wrote ${path.relative(ctx.cwd, f) || f}`));
  io.out(
    `a Pulumi program adopting ${spec.names.length} provider(s) in stack ${stack}; to take them over:\n` +
      `  cd ${path.relative(ctx.cwd, dir) || "."} && npm install && pulumi stack init ${stack}\n` +
      `  pulumi config set scalekit:environmentUrl ${environmentUrl}\n` +
      `  pulumi config set scalekit:clientId <client id>\n` +
      `  pulumi config set --secret scalekit:clientSecret <client secret>\n` +
      `  pulumi up`,
  );
  return 0;
}

/** node:util parseArgs, strict: an unknown option, a missing value or a value given to a flag throws. */
function parseCommandLine(argv: string[]): CommandLine {
  const { values, positionals } = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  const [command, ...args] = positionals;
  const allowed = COMMAND_OPTIONS[command ?? ""];
  if (command !== undefined && !allowed) throw new UsageError(`unknown command "${command}"`);
  for (const name of Object.keys(values)) {
    // --help applies everywhere, with or without a command.
    if (name !== "help" && !allowed?.includes(name))
      throw new UsageError(`option --${name} does not apply to ${command ?? "this command"}`);
  }
  if (values.help) return { command, args, options: values };
  for (const name of ["out", "stack", "program", "import-file", "provider"] as const)
    if (values[name] === "") throw new UsageError(`option --${name} needs a value`);
  if (values.program !== undefined && values.out !== undefined)
    throw new UsageError("--out and --program cannot be combined: a program keeps its definitions in DIR/definitions");
  const outputs = (["out", "program", "import-file"] as const).filter((name) => values[name] !== undefined);
  if (outputs.length > 1) throw new UsageError(`--${outputs.join(" and --")} cannot be combined: export writes one of them`);
  if (values.provider !== undefined && values["import-file"] === undefined)
    throw new UsageError("--provider applies to --import-file only");
  if (values.program !== undefined && values.stack !== undefined && !STACK_NAME.test(values.stack))
    throw new UsageError(`--stack "${values.stack}" is not a stack name for a settings file (letters, digits, -, _ and .)`);
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
  ).then((code) => {
    // Not process.exit: a large review written to a pipe must be flushed before the process ends.
    process.exitCode = code;
  });
}
