import { UsageError } from "./usage-error";
import * as fs from "fs";
import * as path from "path";
import { parseArgs } from "util";
import { FLAG_KINDS, FlagKind, isFlagKind } from "../review/flags";
import { renderMarkdown } from "../review/markdown";
import { parsePreviewDocuments, PreviewDocument } from "../review/preview-json";
import { PreviewInputError } from "../review/preview-input-error";
import { buildReview } from "../review/review";

export const REVIEW_USAGE = `Usage:
  scalekit-providers review [FILE|-]... [--json] [--fail-on FLAG,...] [--max-length N]
      Reviews the output of \`pulumi preview --json\` (one stack per document; several files, or several
      documents back to back in one stream; no FILE or - reads stdin). Writes Markdown, or with --json
      the same content as data. --max-length N leaves whole sections out from the end so that the
      Markdown fits in N characters (a pull-request comment holds 65536), with a note saying so.
      Exit 1 when a flag named in --fail-on is present, 2 on bad input.
      Flags: ${FLAG_KINDS.join(", ")}`;

export interface ReviewIo {
  out: (text: string) => void;
  err: (text: string) => void;
}

export interface ReviewContext {
  cwd: string;
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
        help: { type: "boolean", short: "h" },
      },
    });
    if (values.help) {
      io.out(REVIEW_USAGE);
      return 0;
    }
    const gate = failOnKinds(values["fail-on"] ?? []);
    const maxLength = positiveInteger(values["max-length"], "--max-length");
    const inputs = positionals.length ? positionals : ["-"];
    const documents: PreviewDocument[] = [];
    for (const input of inputs) {
      const text = input === "-" ? await (ctx.readStdin ?? readAllStdin)() : readFile(path.resolve(ctx.cwd, input), input);
      for (const doc of parsePreviewDocuments(text, input === "-" ? "stdin" : input)) documents.push(doc);
    }
    const review = buildReview(documents);
    io.out(values.json ? JSON.stringify(review, null, 2) : renderMarkdown(review, { maxLength }).trimEnd());
    const hit = gate.filter((kind) => review.flagKinds.includes(kind));
    if (hit.length) {
      io.err(`review: failing because of --fail-on: ${hit.join(", ")}`);
      return 1;
    }
    return 0;
  } catch (err) {
    if (err instanceof PreviewInputError || err instanceof UsageError) {
      io.err(`error: ${err.message}`);
    } else if ((err as { code?: string }).code?.startsWith("ERR_PARSE_ARGS")) {
      io.err(`error: ${(err as Error).message}\n${REVIEW_USAGE}`);
    } else {
      // Never exit 1 on a failure: 1 means "a --fail-on flag is present".
      io.err(`error: the review failed: ${(err as Error).message}`);
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
