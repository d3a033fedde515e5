import * as fs from "fs";
import * as path from "path";
import type { ApiProvider } from "../definition/types";
import { exportProviders, plannedFiles } from "./export";
import { packageInfo } from "./package-info";
import { programFiles, projectNameFor, ProgramSpec } from "./program-files";
import { UsageError } from "./usage-error";

export interface ProgramOptions {
  /** The stack whose settings file adopts every provider. */
  stack: string;
  environmentUrl: string;
  force: boolean;
}

export interface ProgramResult {
  written: string[];
  spec: ProgramSpec;
}

/**
 * `export --program DIR`: the definitions (as `export` writes them) plus a runnable Pulumi program
 * that declares them and a stack settings file that adopts every one. Refuses to overwrite any file
 * unless `force`, before writing anything.
 */
export function exportProgram(providers: ApiProvider[], dir: string, options: ProgramOptions): ProgramResult {
  const definitionsDir = path.join(dir, "definitions");
  const spec: ProgramSpec = {
    project: projectNameFor(path.basename(path.resolve(dir))),
    stack: options.stack,
    environmentUrl: options.environmentUrl,
    names: [],
    pkg: packageInfo(),
  };
  const targets = [
    ...Object.keys(programFiles(spec)).map((f) => path.join(dir, f)),
    ...plannedFiles(providers).map(({ name }) => path.join(definitionsDir, `${name}.json`)),
  ];
  const existing = targets.filter((f) => fs.existsSync(f));
  if (existing.length && !options.force)
    throw new UsageError(`${existing.join(", ")} ${existing.length > 1 ? "exist" : "exists"}: pass --force to overwrite`);
  // The program declares every file in definitions/: one this export would not write would be created
  // (or, if adopted elsewhere, taken) by the first up, which must take over exactly the environment.
  const stray = fs.existsSync(definitionsDir)
    ? fs
        .readdirSync(definitionsDir)
        .filter((f) => f.endsWith(".json"))
        .map((f) => path.join(definitionsDir, f))
        .filter((f) => !targets.includes(f))
    : [];
  if (stray.length)
    throw new UsageError(
      `${stray.join(", ")} ${stray.length > 1 ? "are" : "is"} not in the environment: remove ${stray.length > 1 ? "them" : "it"}, or export into another DIR`,
    );

  const { written, names } = exportProviders(providers, definitionsDir, options.force);
  spec.names = names;
  for (const [file, text] of Object.entries(programFiles(spec))) {
    const full = path.join(dir, file);
    fs.writeFileSync(full, text);
    written.push(full);
  }
  return { written, spec };
}
