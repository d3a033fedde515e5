import { DEFAULT_NAMESPACE } from "../custom-provider/namespace";
import type { ScalekitEnvironment } from "./environment";
import { environmentFrom, environmentUrlFrom, previousEnvironmentUrlFrom } from "./credentials";
import { ConfigSource, readNamespace } from "./reader";
import { ClientSettings, settingsFrom } from "./settings";

/**
 * One namespace's configuration, read once for one operation: where the environment is, whether it
 * moved, its credentials and the client's settings. Reading is cheap and cannot fail; the parts
 * that can be wrong fail when asked for, so a preview that needs only the URL never needs the secret.
 */
export interface ResolvedConfig {
  namespace: string;
  /** The configured environment URL, normalised; undefined when it is not set or not a URL. */
  environmentUrl: string | undefined;
  /** `<namespace>:previousEnvironmentUrl`, normalised; throws when it is set but malformed. */
  previousEnvironmentUrl(): string | undefined;
  /** The environment with its credentials; throws a ScalekitConfigError naming what is missing. */
  environment(): ScalekitEnvironment;
  /** The client's settings; throws a ScalekitConfigError naming every invalid value. */
  settings(): ClientSettings;
  /** Where a key is read from, as the user sets it: `scalekit:clientId`, or `SCALEKIT_CLIENT_ID`. */
  describe(key: string): string;
}

export function resolveConfig(
  config: ConfigSource | undefined,
  namespace: string,
  env: NodeJS.ProcessEnv = process.env,
): ResolvedConfig {
  const values = readNamespace(config, namespace, env);
  let environment: ScalekitEnvironment | undefined;
  let settings: ClientSettings | undefined;
  return {
    namespace,
    environmentUrl: environmentUrlFrom(values),
    previousEnvironmentUrl: () => previousEnvironmentUrlFrom(values),
    environment: () => (environment ??= environmentFrom(values)),
    settings: () => (settings ??= settingsFrom(values)),
    describe: (key) => values.get(key)?.source ?? values.describe(key),
  };
}

/** One namespace's environment and credentials (see ResolvedConfig.environment). */
export function resolveEnvironment(
  config: ConfigSource | undefined,
  namespace: string = DEFAULT_NAMESPACE,
  env: NodeJS.ProcessEnv = process.env,
): ScalekitEnvironment {
  return resolveConfig(config, namespace, env).environment();
}

/** One namespace's environment URL alone, without needing the secret (see ResolvedConfig.environmentUrl). */
export function resolveEnvironmentUrl(
  config: ConfigSource | undefined,
  namespace: string = DEFAULT_NAMESPACE,
  env: NodeJS.ProcessEnv = process.env,
): string | undefined {
  return resolveConfig(config, namespace, env).environmentUrl;
}
