import { DEFAULT_NAMESPACE } from "../custom-provider/namespace";

/**
 * Every `<namespace>:<key>` the library reads, once: its environment variables, the group whose
 * fallback rule applies, and what it means. The settings' types and defaults (settings.ts) and the
 * generated configuration tables in docs/ derive from here.
 */

/**
 * How a group of keys falls back to the `SCALEKIT_*` variables when the stack config does not set them.
 * - credentials travel as a unit, and only for the default namespace: when the config sets any of
 *   the required keys, all are read from it; a per-key fallback would let a stack with an incomplete
 *   config silently borrow another environment's exported credentials;
 * - tuning settings name no environment, so each falls back on its own, for every namespace.
 */
export interface FallbackRule {
  unit: "group" | "key";
  namespaces: "default" | "any";
}

export const FALLBACK_RULES = {
  credentials: { unit: "group", namespaces: "default" },
  // Names no credential, so it is read on its own: from the stack config, else (default namespace
  // only) its variable, wherever the credentials come from.
  placement: { unit: "key", namespaces: "default" },
  tuning: { unit: "key", namespaces: "any" },
} as const satisfies Record<string, FallbackRule>;

export type ConfigGroup = keyof typeof FALLBACK_RULES;

export interface ConfigKeySpec {
  /** The key below the namespace, e.g. `clientId` in `scalekit:clientId`. */
  key: string;
  group: ConfigGroup;
  /** Read in this order when the group's rule falls back. */
  envVars: readonly string[];
  /** Set with `pulumi config set --secret`. */
  secret?: boolean;
  /** One of the keys that must all be present (credentials). */
  required?: boolean;
  description: string;
}

export interface NumericSettingSpec extends ConfigKeySpec {
  group: "tuning";
  unit: "seconds" | "count";
  min: number;
  max: number;
  default: number;
}

export const CREDENTIAL_KEYS = {
  environmentUrl: {
    key: "environmentUrl",
    group: "credentials",
    envVars: ["SCALEKIT_ENVIRONMENT_URL", "SCALEKIT_ENV_URL"],
    required: true,
    description:
      "Environment URL, e.g. `https://acme.scalekit.dev`. It must be `https://`; plain `http://` is accepted only for loopback addresses, where the emulator runs.",
  },
  clientId: {
    key: "clientId",
    group: "credentials",
    envVars: ["SCALEKIT_CLIENT_ID"],
    required: true,
    description: "API client id of that environment.",
  },
  clientSecret: {
    key: "clientSecret",
    group: "credentials",
    envVars: ["SCALEKIT_CLIENT_SECRET"],
    required: true,
    secret: true,
    description: "API client secret. Never stored in state or printed.",
  },
  previousEnvironmentUrl: {
    key: "previousEnvironmentUrl",
    group: "placement",
    envVars: ["SCALEKIT_PREVIOUS_ENVIRONMENT_URL"],
    description:
      "Only while moving a stack to a new URL of the same environment (a custom domain): the URL its providers are recorded under. See docs/moving-an-environment.md.",
  },
} as const satisfies Record<string, ConfigKeySpec>;

export type CredentialKey = keyof typeof CREDENTIAL_KEYS;

/** The required credentials, in the order errors name them. */
export const REQUIRED_CREDENTIALS = (Object.keys(CREDENTIAL_KEYS) as CredentialKey[]).filter(
  (k) => (CREDENTIAL_KEYS[k] as ConfigKeySpec).required === true,
);

/**
 * The client's tuning settings. The request timeout's default is the 20 s bound of Scalekit's own
 * SDKs; the retry count's default is the retry policy's (client/retry-policy.ts reads it from here).
 */
export const CLIENT_SETTINGS = {
  requestTimeoutMs: {
    key: "requestTimeout",
    group: "tuning",
    envVars: ["SCALEKIT_REQUEST_TIMEOUT"],
    unit: "seconds",
    min: 0.1,
    max: 600,
    default: 20,
    description: "Seconds one HTTP exchange may take, body included: a trickling server cannot extend it.",
  },
  maxRetries: {
    key: "maxRetries",
    group: "tuning",
    envVars: ["SCALEKIT_MAX_RETRIES"],
    unit: "count",
    min: 0,
    max: 10,
    // 5, not 3: one budget serves every request of an operation (a create's POST, its look-up after an
    // unknown outcome, the token). With 1 request in 10 answered 503, a budget of 3 ran out in about one
    // throttled e2e run in ten; each extra retry makes that ten times rarer (backoff 0.3 to 4.8 s).
    default: 5,
    description:
      "Retries per operation (create, update, delete, one listing), shared by all of its requests, for failures other than throttling: a 429 is retried until `operationTimeout`, honouring `Retry-After`.",
  },
  operationTimeoutMs: {
    key: "operationTimeout",
    group: "tuning",
    envVars: ["SCALEKIT_OPERATION_TIMEOUT"],
    unit: "seconds",
    min: 1,
    max: 3600,
    default: 120,
    description: "Seconds one operation may take, retries and waits included; at least `requestTimeout`.",
  },
  maxConcurrentRequests: {
    key: "maxConcurrentRequests",
    group: "tuning",
    envVars: ["SCALEKIT_MAX_CONCURRENT_REQUESTS"],
    unit: "count",
    min: 1,
    max: 1000,
    default: 32,
    description:
      "The most requests in flight at once to one environment, per process: a ceiling. The client starts at 4 (or this, if lower), rises towards it while Scalekit answers without throttling and the slots are in use, and halves on a 429 (recovering gradually). Pulumi runs 4 × cores steps at once. Waiting for a slot counts against the operation's deadline.",
  },
  ownershipReadMaxAgeMs: {
    key: "ownershipReadMaxAge",
    group: "tuning",
    envVars: ["SCALEKIT_OWNERSHIP_READ_MAX_AGE"],
    unit: "seconds",
    min: 0,
    max: 600,
    default: 5,
    description:
      "How old, in seconds, the listing may be that an update or a delete reads the provider's ownership marker from. Older than this, the environment is listed again first (one listing shared by every update and delete of the window), so a provider another stack adopted while this run was going is not overwritten or deleted. `0` lists again for every decision.",
  },
} as const satisfies Record<string, NumericSettingSpec>;

export type ClientSettingName = keyof typeof CLIENT_SETTINGS;

/** Every key, in the order the docs list them. */
export const CONFIG_KEYS: readonly (ConfigKeySpec | NumericSettingSpec)[] = [
  ...Object.values(CREDENTIAL_KEYS),
  ...Object.values(CLIENT_SETTINGS),
];

export { DEFAULT_NAMESPACE };
