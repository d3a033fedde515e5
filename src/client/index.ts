export { ScalekitClient, ClientOptions, CreateResult, providerPath } from "./client";
export { ScalekitEnvironment, normalizeEnvironmentUrl } from "./environment";
export * from "./errors";
export { Logger, silentLogger } from "./logger";
export { nameKey } from "../definition/provider-key";
export { redact, registerSecret, REDACTED } from "./redact";
export { DEFAULT_RETRY_POLICY, RetryPolicy, retryDelay, parseRetryAfter, backoff } from "./retry-policy";
