export { ScalekitClient, ClientOptions, CreateResult, PERMISSIONS, providerPath } from "./client";
export { ScalekitEnvironment, normalizeEnvironmentUrl } from "../config/environment";
export * from "../errors";
export { Logger, silentLogger } from "./logger";
export { nameKey } from "../definition/provider-key";
export { proxyFor } from "./proxy";
export { redact, registerSecret, REDACTED } from "../errors/redact";
export { DEFAULT_RETRY_POLICY, RetryPolicy, retryDelay, parseRetryAfter, backoff } from "./retry-policy";
export {
  ClientSettings,
  CLIENT_SETTINGS,
  clientOptionsFrom,
  DEFAULT_CLIENT_SETTINGS,
  resolveClientSettings,
} from "../config/settings";
