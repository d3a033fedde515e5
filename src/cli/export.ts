import * as fs from "fs";
import * as path from "path";
import { compact } from "../definition/normalize";
import { serverDefinition } from "../definition/ownership";
import { shapeLike } from "../definition/shape";
import { UsageError } from "./usage-error";
import type { ApiProvider } from "../definition/types";

/** A file name for a provider: its display name in kebab case ("My Asana" -> my-asana). */
export function fileNameFor(displayName: string): string {
  return (
    displayName
      .trim()
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-|-$/g, "") || "provider"
  );
}

/**
 * The definition to write: the server's copy without the empty defaults grpc-gateway adds, so the
 * file reads like a hand-written one and a reviewer sees only what is set.
 */
export function exportableDefinition(provider: ApiProvider): object {
  return compact(shapeLike(serverDefinition(provider), { proxy_enabled: true, auth_patterns: [{ fields: [] }] }) as object);
}

export interface ExportResult {
  written: string[];
  names: string[];
}

/** Writes one file per provider; refuses to overwrite unless `force`. */
export function exportProviders(providers: ApiProvider[], dir: string, force = false): ExportResult {
  fs.mkdirSync(dir, { recursive: true });
  const written: string[] = [];
  const names: string[] = [];
  const sorted = [...providers].sort((a, b) => fileNameFor(a.display_name).localeCompare(fileNameFor(b.display_name)));
  for (const provider of sorted) {
    const name = fileNameFor(provider.display_name);
    const file = path.join(dir, `${name}.json`);
    if (fs.existsSync(file) && !force) throw new UsageError(`${file} exists: pass --force to overwrite`);
    fs.writeFileSync(file, `${JSON.stringify(exportableDefinition(provider), null, 2)}\n`);
    written.push(file);
    names.push(name);
  }
  return { written, names };
}
