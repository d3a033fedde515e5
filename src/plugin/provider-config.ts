import { CLIENT_SETTINGS, CREDENTIAL_KEYS, normalizeEnvironmentUrl, resolveConfig, type ConfigSource } from "../config";
import { DEFAULT_NAMESPACE } from "../custom-provider";
import { STATE_ID_PATTERN } from "../definition/ownership";
import { isConfigError } from "../errors";
import type { CheckFailure } from "../operations/results";
import { randomBytes } from "crypto";

/**
 * The plugin's provider configuration: the same keys the TypeScript library reads from
 * `scalekit:<key>` (config/keys.ts), given as the explicit provider's arguments or, for the default
 * provider, as the stack's `scalekit:*` config. The SCALEKIT_* variables are the fallback, by the same
 * rules (config/reader.ts): the plugin process inherits the CLI's environment.
 */
export const PROVIDER_CONFIG_KEYS = [
  ...Object.values(CREDENTIAL_KEYS).map((k) => k.key),
  ...Object.values(CLIENT_SETTINGS).map((k) => k.key),
] as const;

/**
 * The provider's hidden input that carries this Pulumi state's id (definition/ownership.ts): drawn at
 * the provider's first check, then carried forward from the provider's recorded inputs, so that it
 * lives in the state itself, like the dynamic resource's `scalekit-state-identity`. Two backends with
 * the same stack names draw two ids and never co-own a provider.
 */
export const STATE_ID_KEY = "stateId";

export type ProviderArgs = Record<string, unknown>;

/** The provider's arguments as a config source for the namespace every native resource reads. */
export function configSourceOf(args: ProviderArgs): ConfigSource {
  return {
    get(key) {
      const prefix = `${DEFAULT_NAMESPACE}:`;
      if (!key.startsWith(prefix)) return undefined;
      const value = args[key.slice(prefix.length)];
      if (value === undefined || value === null) return undefined;
      return typeof value === "string" ? value : String(value);
    },
  };
}

/** This state's id: the one the provider recorded, else a new one (the provider's first check). */
export function carriedStateId(olds: ProviderArgs | undefined, draw: () => string = newStateId): string {
  const recorded = olds?.[STATE_ID_KEY];
  return typeof recorded === "string" && STATE_ID_PATTERN.test(recorded) ? recorded : draw();
}

export function newStateId(): string {
  return randomBytes(8).toString("hex");
}

/**
 * What is wrong with the provider's settings, found without a request: a malformed environment URL or
 * previous URL, a setting out of range. Missing credentials are not a failure here: a reviewer's
 * preview needs none, and an operation that needs them names them.
 */
export function configFailures(args: ProviderArgs, env: NodeJS.ProcessEnv = process.env): CheckFailure[] {
  const failures: CheckFailure[] = [];
  const config = resolveConfig(configSourceOf(args), DEFAULT_NAMESPACE, env);
  const url = args.environmentUrl;
  const checks = [
    () => typeof url === "string" && url.trim() !== "" && normalizeEnvironmentUrl(url, "environmentUrl"),
    () => config.previousEnvironmentUrl(),
    () => config.settings(),
  ];
  for (const check of checks) {
    try {
      check();
    } catch (err) {
      if (!isConfigError(err)) throw err;
      failures.push({ property: "", reason: err.message });
    }
  }
  return failures;
}
