import { UsageError } from "./usage-error";
import * as fs from "fs";
import * as path from "path";
import { parseArgs } from "util";
import { FLAG_KINDS, FlagKind, isFlagKind } from "../review/flags";
import { renderMarkdown } from "../review/markdown";
import { parsePreviewDocuments, PreviewDocument } from "../review/preview-json";
import { PreviewInputError } from "../review/preview-input-error";
import { buildReview } from "../review/review";
import { gateHits } from "../review/gate";
import { visibleJson } from "../definition/visible-text";
import { ClientOptions, isConfigError, redact } from "../client";
import { LookupEnvironment, lookUpConnections } from "./connection-lookups";
import { parseSource, SourceContext } from "./sources";

export const REVIEW_USAGE = `Usage:
  scalekit-providers review [FILE|-]... [--json] [--fail-on FLAG,...] [--allow-unverified]
                            [--environment SOURCE]... [--max-length N]
      Reviews the output of \`pulumi preview --json\` (one stack per document; several files, or several
      documents back to back in one stream; no FILE or - reads stdin). Writes Markdown, or with --json
      the same content as data. --max-length N cuts the Markdown per block to fit in N characters (a
      pull-request comment holds 65536): headings, flags and blast radius first, long values
      shortened, blocks that do not fit left out, with a note saying so.
      --environment SOURCE (env, env:PREFIX or stack:NAME; repeatable) looks up, read-only, the
      connections of each provider that a change deletes, replaces or renames in that environment;
      a failed look-up reads "unknown" and never fails the review, nor does one past the overall
      bound (60 s, 200 pages, 8 MiB of answers).
      Exit 1 when a flag named in --fail-on is present, 2 on bad input. A flag that a secret or
      unknown value might raise, or that depends on who owns a provider now ("cannot verify"), counts
      too, unless --allow-unverified is given.
      Flags: ${FLAG_KINDS.join(", ")}`;

export interface ReviewIo {
  out: (text: string) => void;
  err: (text: string) => void;
}

export interface ReviewContext {
  cwd: string;
  /** Where env and env:PREFIX sources of --environment are read (default process.env). */
  env?: NodeJS.ProcessEnv;
  /** Reads a stack's config for stack:NAME (tests pass their own). */
  stackConfig?: SourceContext["stackConfig"];
  /** Options of the clients that look connections up (tests pass fast ones). */
  clientOptions?: ClientOptions;
  /** Reads all of stdin; tests pass their own. */
  readStdin?: () => Promise<string>;
}

async function readAllStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

function failOnKinds(values: string[]): FlagKind[] {
  const names = values
    .flatMap((v) => v.split(","))
    .map((s) => s.trim())
    .filter(Boolean);
  const wrong = names.filter((n) => !isFlagKind(n));
  if (wrong.length)
    throw new UsageError(
      `unknown flag name${wrong.length > 1 ? "s" : ""} for --fail-on: ${wrong.join(", ")} (known: ${FLAG_KINDS.join(", ")})`,
    );
  return names as FlagKind[];
}

/** The environments of --environment, each once; only live ones (a folder has no connections). */
function lookupEnvironments(specs: string[], ctx: ReviewContext): LookupEnvironment[] {
  const out = new Map<string, LookupEnvironment>();
  for (const spec of specs) {
    const source = parseSource(spec, { cwd: ctx.cwd, env: ctx.env ?? process.env, stackConfig: ctx.stackConfig });
    if (!source.client || !source.environmentUrl) {
      throw new UsageError(`--environment needs a live environment (env, env:PREFIX or stack:NAME), not "${spec}"`);
    }
    if (!out.has(source.environmentUrl)) {
      out.set(source.environmentUrl, { environmentUrl: source.environmentUrl, client: source.client(ctx.clientOptions) });
    }
  }
  return [...out.values()];
}

function positiveInteger(value: string | undefined, option: string): number | undefined {
  if (value === undefined) return undefined;
  if (!/^[1-9][0-9]*$/.test(value)) throw new UsageError(`${option} needs a positive whole number, not ${JSON.stringify(value)}`);
  return Number(value);
}

/** `scalekit-providers review`: exit 0, 1 when a --fail-on flag is present, 2 on bad input or usage. */
export async function runReview(args: string[], ctx: ReviewContext, io: ReviewIo): Promise<number> {
  try {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: {
        json: { type: "boolean" },
        "fail-on": { type: "string", multiple: true },
        "max-length": { type: "string" },
        environment: { type: "string", multiple: true },
        "allow-unverified": { type: "boolean" },
        help: { type: "boolean", short: "h" },
      },
    });
    if (values.help) {
      io.out(REVIEW_USAGE);
      return 0;
    }
    const gate = failOnKinds(values["fail-on"] ?? []);
    const maxLength = positiveInteger(values["max-length"], "--max-length");
    const environments = lookupEnvironments(values.environment ?? [], ctx);
    const inputs = positionals.length ? positionals : ["-"];
    const documents: PreviewDocument[] = [];
    for (const input of inputs) {
      const text = input === "-" ? await (ctx.readStdin ?? readAllStdin)() : readFile(path.resolve(ctx.cwd, input), input);
      for (const doc of parsePreviewDocuments(text, input === "-" ? "stdin" : input)) documents.push(doc);
    }
    const review = await lookUpConnections(buildReview(documents), environments);
    io.out(values.json ? visibleJson(JSON.stringify(review, null, 2)) : renderMarkdown(review, { maxLength }).trimEnd());
    const { hits, unverified } = gateHits(review, gate, { allowUnverified: values["allow-unverified"] });
    if (hits.length) {
      const names = hits.map((k) => (unverified.includes(k) ? `${k} (cannot verify)` : k));
      const accept = unverified.length
        ? "; --allow-unverified accepts flags that only a secret or unknown value, or a provider's current owner, might raise"
        : "";
      io.err(`review: failing because of --fail-on: ${names.join(", ")}${accept}`);
      return 1;
    }
    return 0;
  } catch (err) {
    // Bad input (the preview, the command line, an --environment's settings) is named as such.
    if (err instanceof PreviewInputError || err instanceof UsageError || isConfigError(err)) {
      io.err(`error: ${(err as Error).message}`);
    } else if ((err as { code?: string }).code?.startsWith("ERR_PARSE_ARGS")) {
      io.err(`error: ${(err as Error).message}\n${REVIEW_USAGE}`);
    } else {
      // Never exit 1 on a failure: 1 means "a --fail-on flag is present".
      io.err(`error: the review failed: ${redact((err as Error).message)}`);
    }
    return 2;
  }
}

function readFile(file: string, shown: string): string {
  try {
    return fs.readFileSync(file, "utf8");
  } catch (err) {
    throw new PreviewInputError(shown, `cannot be read (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
  }
}
