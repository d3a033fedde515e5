import { ScalekitConfigError } from "../client";
import { DEFAULT_MAX_CONCURRENT_REQUESTS } from "../client/limiter";
import type { ConfigSource } from "./credentials";

export const MAX_CONCURRENT_REQUESTS_VARIABLE = "SCALEKIT_MAX_CONCURRENT_REQUESTS";

/**
 * How many requests may be in flight at once to the namespace's environment: stack config
 * `<namespace>:maxConcurrentRequests`, else the environment variable (for any namespace: it is a
 * property of the machine and the API's rate limits, not of one environment's credentials), else 4.
 * Pulumi runs 4 × cores steps at once by default; the cap keeps a large stack under rate limits.
 */
export function resolveMaxConcurrentRequests(
  config: ConfigSource | undefined,
  namespace: string,
  env: NodeJS.ProcessEnv = process.env,
): number {
  const key = `${namespace}:maxConcurrentRequests`;
  const fromConfig = config?.get(key);
  const [source, raw] = fromConfig !== undefined ? [key, fromConfig] : [MAX_CONCURRENT_REQUESTS_VARIABLE, env[MAX_CONCURRENT_REQUESTS_VARIABLE]];
  if (raw === undefined || raw.trim() === "") return DEFAULT_MAX_CONCURRENT_REQUESTS;
  const value = raw.trim();
  if (!/^\d+$/.test(value) || Number(value) < 1 || Number(value) > 1000) {
    throw new ScalekitConfigError(`${source} must be a whole number from 1 to 1000 (requests in flight at once), got "${value}"`);
  }
  return Number(value);
}
