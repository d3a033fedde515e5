import * as fs from "fs";
import * as path from "path";
import { compact } from "../definition/normalize";
import { serverDefinition } from "../definition/ownership";
import { shapeLike } from "../definition/shape";
import { UsageError } from "./usage-error";
import type { ApiProvider } from "../definition/types";

/** The longest file name (without .json) written for a provider. */
const NAME_MAX = 100;

/**
 * A file name for a provider: its display name in kebab case ("My Asana" -> my-asana). It is also
 * the resource's name (this repository's program, `export --import-file`), so it starts with a
 * letter ("123 Corp" -> provider-123-corp): every language's code generation makes an identifier of it.
 */
export function fileNameFor(displayName: string | undefined): string {
  const name =
    String(displayName ?? "")
      .trim()
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .slice(0, NAME_MAX)
      .replace(/^-+|-+$/g, "") || "provider";
  return /^[a-z]/.test(name) ? name : `provider-${name}`;
}

/** One provider and the file name (without .json) it is written under. */
export interface PlannedFile {
  provider: ApiProvider;
  name: string;
}

/**
 * A distinct file name for every provider. Two display names may map to one file name ("My Asana"
 * and "my  asana", or two names of characters a file name does not keep): the first, by identifier,
 * keeps it, the others get -2, -3... after it, so no provider is ever overwritten or dropped. Sorted
 * by file name, and the same for the same environment on every run.
 */
export function plannedFiles(providers: readonly ApiProvider[]): PlannedFile[] {
  const byBase = [...providers]
    .map((provider) => ({ provider, base: fileNameFor(provider.display_name) }))
    .sort((a, b) => a.base.localeCompare(b.base) || String(a.provider.identifier).localeCompare(String(b.provider.identifier)));
  const bases = new Set(byBase.map((p) => p.base));
  const taken = new Set<string>();
  const planned = byBase.map(({ provider, base }) => {
    let name = base;
    for (let n = 2; taken.has(name) || (name !== base && bases.has(name)); n++) name = `${base}-${n}`;
    taken.add(name);
    return { provider, name };
  });
  return planned.sort((a, b) => a.name.localeCompare(b.name));
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
  const planned = plannedFiles(providers);
  // Refused before anything is written: an export is all or nothing.
  const existing = planned.map(({ name }) => path.join(dir, `${name}.json`)).filter((f) => fs.existsSync(f));
  if (existing.length && !force)
    throw new UsageError(`${existing.join(", ")} ${existing.length > 1 ? "exist" : "exists"}: pass --force to overwrite`);
  for (const { provider, name } of planned) {
    const file = path.join(dir, `${name}.json`);
    fs.writeFileSync(file, `${JSON.stringify(exportableDefinition(provider), null, 2)}\n`);
    written.push(file);
    names.push(name);
  }
  return { written, names };
}
