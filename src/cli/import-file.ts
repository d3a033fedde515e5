import * as fs from "fs";
import { NATIVE_CUSTOM_PROVIDER_TYPE } from "../custom-provider";
import type { ApiProvider } from "../definition/types";
import { plannedFiles } from "./export";
import { UsageError } from "./usage-error";

/** Pulumi's bulk import document (`pulumi import --file FILE`): resources, and the names they refer to. */
export interface ImportDocument {
  nameTable?: Record<string, string>;
  resources: { type: string; name: string; id: string; provider?: string }[];
}

/** An explicit provider the imported resources use: its name in the document and its URN in the stack. */
export interface ImportProvider {
  name: string;
  urn: string;
}

/**
 * Every custom provider of an environment as one entry of Pulumi's bulk import document: the native
 * resource type, the identifier as id, and a resource name derived from the display name by the rule
 * of `export`'s file names (plannedFiles: unique in the document, never a provider dropped), which
 * every language's code generation turns into a valid identifier. `pulumi import --file` then takes
 * the environment into a stack of any language, and writes nothing to Scalekit.
 */
export function importDocument(providers: readonly ApiProvider[], provider?: ImportProvider): ImportDocument {
  return {
    ...(provider ? { nameTable: { [provider.name]: provider.urn } } : {}),
    resources: plannedFiles(providers).map(({ provider: p, name }) => ({
      type: NATIVE_CUSTOM_PROVIDER_TYPE,
      name,
      id: p.identifier,
      ...(provider ? { provider: provider.name } : {}),
    })),
  };
}

/**
 * `--provider NAME=URN`, as `pulumi import --provider` takes it; or `--provider NAME` with the stack
 * and project to build the URN from (the provider must already be in that stack: `pulumi up` first).
 */
export function importProvider(spec: string, stack: string | undefined, project: () => string): ImportProvider {
  const eq = spec.indexOf("=");
  if (eq > 0) {
    const urn = spec.slice(eq + 1);
    if (!/^urn:pulumi:[^:]+::[^:]+::pulumi:providers:scalekit::/.test(urn))
      throw new UsageError(
        `--provider ${spec}: the URN must be a scalekit provider's, urn:pulumi:<stack>::<project>::pulumi:providers:scalekit::<name>`,
      );
    return { name: spec.slice(0, eq), urn };
  }
  if (!stack) throw new UsageError(`--provider ${spec} needs --stack (or give it as NAME=URN)`);
  return { name: spec, urn: `urn:pulumi:${stack}::${project()}::pulumi:providers:scalekit::${spec}` };
}

/** Writes the document; refuses to overwrite unless `force`. */
export function writeImportDocument(file: string, document: ImportDocument, force: boolean): void {
  if (fs.existsSync(file) && !force) throw new UsageError(`${file} exists: pass --force to overwrite`);
  fs.writeFileSync(file, `${JSON.stringify(document, null, 2)}\n`);
}
