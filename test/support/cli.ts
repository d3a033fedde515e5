import { main } from "../../src/cli/main";
import type { SourceContext } from "../../src/cli/sources";

export interface CliRun {
  code: number;
  out: string;
  err: string;
}

/** `scalekit-providers <args>` in-process, its standard output and error captured. */
export async function runCli(args: string[], ctx: SourceContext): Promise<CliRun> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, ctx, { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out: out.join("\n"), err: err.join("\n") };
}
