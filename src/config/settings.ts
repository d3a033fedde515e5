import type { ClientOptions } from "../client/client";
import { ScalekitConfigError } from "../errors";
import { DEFAULT_MAX_CONCURRENT_REQUESTS } from "../client/limiter";
import { DEFAULT_RETRY_POLICY } from "../client/retry-policy";

/** How long the client waits and how often it tries again: the knobs a stack can turn. */
export interface ClientSettings {
  /** Wall-clock budget of one HTTP exchange, body included: a trickling server cannot extend it. */
  requestTimeoutMs: number;
  /** Retries per operation (create, update, delete, one listing), shared by all of its requests. */
  maxRetries: number;
  /** Total deadline of one operation, retries and waits included. */
  operationTimeoutMs: number;
  /**
   * Requests in flight at once to one environment, across the process. Pulumi runs 4 x cores steps
   * at once by default; the cap keeps a large stack under Scalekit's rate limits.
   */
  maxConcurrentRequests: number;
}

interface SettingSpec {
  /** Config key below the namespace, e.g. `scalekit:requestTimeout`. */
  key: string;
  /** Fallback when the stack config does not set the key. */
  envVar: string;
  unit: "seconds" | "count";
  min: number;
  max: number;
  default: number;
}

/**
 * Each setting once: its config key, environment variable, unit, bounds and default. The request
 * timeout's default is the 20 s bound of Scalekit's own SDKs.
 */
export const CLIENT_SETTINGS: Record<keyof ClientSettings, SettingSpec> = {
  requestTimeoutMs: {
    key: "requestTimeout",
    envVar: "SCALEKIT_REQUEST_TIMEOUT",
    unit: "seconds",
    min: 0.1,
    max: 600,
    default: 20,
  },
  maxRetries: {
    key: "maxRetries",
    envVar: "SCALEKIT_MAX_RETRIES",
    unit: "count",
    min: 0,
    max: 10,
    default: DEFAULT_RETRY_POLICY.limit,
  },
  operationTimeoutMs: {
    key: "operationTimeout",
    envVar: "SCALEKIT_OPERATION_TIMEOUT",
    unit: "seconds",
    min: 1,
    max: 3600,
    default: 120,
  },
  maxConcurrentRequests: {
    key: "maxConcurrentRequests",
    envVar: "SCALEKIT_MAX_CONCURRENT_REQUESTS",
    unit: "count",
    min: 1,
    max: 1000,
    default: DEFAULT_MAX_CONCURRENT_REQUESTS,
  },
};

export const DEFAULT_CLIENT_SETTINGS: ClientSettings = {
  requestTimeoutMs: CLIENT_SETTINGS.requestTimeoutMs.default * 1000,
  maxRetries: CLIENT_SETTINGS.maxRetries.default,
  operationTimeoutMs: CLIENT_SETTINGS.operationTimeoutMs.default * 1000,
  maxConcurrentRequests: CLIENT_SETTINGS.maxConcurrentRequests.default,
};

/**
 * The settings of one config namespace: `<namespace>:requestTimeout` etc. from the stack config, else
 * the `SCALEKIT_*` environment variable, else the default. Unlike credentials, these tune the client
 * and name no environment, so the variables apply to every namespace. Invalid values are refused.
 */
export function resolveClientSettings(
  config: { get(key: string): string | undefined } | undefined,
  namespace: string,
  env: NodeJS.ProcessEnv = process.env,
): ClientSettings {
  const problems: string[] = [];
  const read = (name: keyof ClientSettings): number => {
    const spec = CLIENT_SETTINGS[name];
    const configKey = `${namespace}:${spec.key}`;
    const fromConfig = config?.get(configKey);
    const [source, raw] =
      fromConfig !== undefined && fromConfig.trim() !== "" ? [configKey, fromConfig] : [spec.envVar, env[spec.envVar]];
    if (raw === undefined || raw.trim() === "") return DEFAULT_CLIENT_SETTINGS[name];
    const value = Number(raw.trim());
    const integer = spec.unit === "count";
    if (!/^\d+(\.\d+)?$/.test(raw.trim()) || (integer && !Number.isInteger(value)) || value < spec.min || value > spec.max) {
      const what = integer
        ? `a whole number from ${spec.min} to ${spec.max}`
        : `a number of seconds from ${spec.min} to ${spec.max}`;
      problems.push(`${source} is "${raw}": expected ${what} (default ${spec.default})`);
      return DEFAULT_CLIENT_SETTINGS[name];
    }
    return integer ? value : Math.round(value * 1000);
  };
  const settings: ClientSettings = {
    requestTimeoutMs: read("requestTimeoutMs"),
    maxRetries: read("maxRetries"),
    operationTimeoutMs: read("operationTimeoutMs"),
    maxConcurrentRequests: read("maxConcurrentRequests"),
  };
  if (problems.length === 0 && settings.operationTimeoutMs < settings.requestTimeoutMs) {
    problems.push(
      `${namespace}:operationTimeout (${settings.operationTimeoutMs / 1000} s) is shorter than ${namespace}:requestTimeout ` +
        `(${settings.requestTimeoutMs / 1000} s): an operation must leave room for at least one request`,
    );
  }
  if (problems.length) throw new ScalekitConfigError(`Invalid Scalekit client settings:\n  - ${problems.join("\n  - ")}`);
  return settings;
}

/** The client options these settings stand for. */
export function clientOptionsFrom(settings: ClientSettings): ClientOptions {
  return {
    requestTimeoutMs: settings.requestTimeoutMs,
    operationTimeoutMs: settings.operationTimeoutMs,
    retry: { limit: settings.maxRetries },
    maxConcurrentRequests: settings.maxConcurrentRequests,
  };
}
