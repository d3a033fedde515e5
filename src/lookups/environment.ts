import type { EnvironmentEntry } from "../client/environments";
import { Logger } from "../client/logger";
import { resolveConfig } from "../config";
import { DEFAULT_NAMESPACE, isNamespace } from "../custom-provider";
import { isConfigError, ScalekitConfigError, ScalekitDeclarationError } from "../errors";
import { programConfig } from "./program-config";
import { registryForRun } from "./registry";

/** Options of every lookup. */
export interface LookupOptions {
  /** The config namespace holding the environment's settings (default "scalekit"), as for a CustomProvider. */
  configNamespace?: string;
}

/**
 * The environment a lookup reads, with the same settings, fallbacks and client (timeouts, retries,
 * request cap, proxy) as a CustomProvider of that namespace: the program's stack config, else the
 * SCALEKIT_* variables for the default namespace. `context` (the call, e.g. `getCustomProvider(...)`)
 * leads every error.
 */
export function environmentFor(options: LookupOptions | undefined, context: string, logger: Logger): EnvironmentEntry {
  const namespace = options?.configNamespace ?? DEFAULT_NAMESPACE;
  if (!isNamespace(namespace))
    throw new ScalekitDeclarationError(
      `${context}: configNamespace must be a config namespace such as "scalekit" or "scalekitProd", got ${JSON.stringify(namespace)}`,
    );
  try {
    return registryForRun().entryFor(resolveConfig(programConfig, namespace), { logger });
  } catch (err) {
    if (isConfigError(err)) throw new ScalekitConfigError(`${context}: ${err.message}`, { cause: err });
    throw err;
  }
}
