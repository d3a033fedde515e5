import { ScalekitConfigError } from "../errors";
import { ScalekitEnvironment, normalizeEnvironmentUrl } from "./environment";
import { registerSecret } from "../errors/redact";

/** The part of Pulumi's config that the provider reads: `get("namespace:key")`. */
export interface ConfigSource {
  get(key: string): string | undefined;
}

export const DEFAULT_NAMESPACE = "scalekit";

/** Environment variables read when the default namespace's config sets none of its keys. */
export const ENVIRONMENT_VARIABLES = {
  environmentUrl: ["SCALEKIT_ENVIRONMENT_URL", "SCALEKIT_ENV_URL"],
  clientId: ["SCALEKIT_CLIENT_ID"],
  clientSecret: ["SCALEKIT_CLIENT_SECRET"],
  previousEnvironmentUrl: ["SCALEKIT_PREVIOUS_ENVIRONMENT_URL"],
} as const;

type Setting = keyof typeof ENVIRONMENT_VARIABLES;
const REQUIRED: Setting[] = ["environmentUrl", "clientId", "clientSecret"];

/**
 * Where one namespace's settings come from. The three required settings travel as a unit: when the
 * stack config sets any of them, all are read from it; only when it sets none (and only for the
 * default namespace) are the SCALEKIT_* variables read, all of them. A per-setting fallback would
 * let a stack with an empty config silently borrow another environment's exported credentials.
 */
interface SettingsSource {
  origin: "config" | "environment";
  read(setting: Setting): string;
  describe(setting: Setting): string;
}

function sourceFor(config: ConfigSource | undefined, namespace: string, env: NodeJS.ProcessEnv): SettingsSource {
  const fromConfig = (setting: Setting) => (config?.get(`${namespace}:${setting}`) ?? "").trim();
  const configSetsAny = REQUIRED.some((s) => fromConfig(s) !== "");
  if (configSetsAny || namespace !== DEFAULT_NAMESPACE) {
    return {
      origin: "config",
      read: fromConfig,
      describe: (s) => describeConfigKey(namespace, s),
    };
  }
  return {
    origin: "environment",
    read: (s) => (ENVIRONMENT_VARIABLES[s].map((name) => env[name]).find(Boolean) ?? "").trim(),
    describe: (s) => ENVIRONMENT_VARIABLES[s][0],
  };
}

/**
 * Credentials are resolved at call time from stack config (decrypted by the engine for `configure`)
 * or the environment, and never stored: the serialized provider and the state carry only the
 * namespace's name.
 */
export function resolveEnvironment(
  config: ConfigSource | undefined,
  namespace: string = DEFAULT_NAMESPACE,
  env: NodeJS.ProcessEnv = process.env,
): ScalekitEnvironment {
  const source = sourceFor(config, namespace, env);
  const [environmentUrl, clientId, clientSecret] = REQUIRED.map((s) => source.read(s));
  registerSecret(clientSecret);
  const missing = REQUIRED.filter((s) => !source.read(s));
  if (missing.length === REQUIRED.length) {
    const hint =
      namespace === DEFAULT_NAMESPACE
        ? `\nor all three environment variables ${REQUIRED.map((s) => ENVIRONMENT_VARIABLES[s][0]).join(", ")}`
        : "";
    throw new ScalekitConfigError(
      `Scalekit settings are missing:\n  - ${REQUIRED.map((s) => describeConfigKey(namespace, s)).join("\n  - ")}${hint}`,
    );
  }
  if (missing.length) {
    const where = source.origin === "config" ? `the stack config (namespace ${namespace})` : "the environment variables";
    const other = source.origin === "config" ? "SCALEKIT_* environment variables" : "stack config";
    throw new ScalekitConfigError(
      `Scalekit settings are incomplete in ${where}; missing: ${missing.map((s) => source.describe(s)).join(", ")}. ` +
        `The three settings come from one place and are never mixed with ${other}.`,
    );
  }
  return {
    environmentUrl: normalizeEnvironmentUrl(environmentUrl, settingName(source, namespace, "environmentUrl")),
    clientId,
    clientSecret,
  };
}

/**
 * The environment URL alone, from the same place resolveEnvironment would read it, without needing
 * the client secret: what preview compares with the URL recorded in state. Undefined when it cannot
 * be known here (an unconfigured namespace, a reviewer's machine, a malformed URL that create will report).
 */
export function resolveEnvironmentUrl(
  config: ConfigSource | undefined,
  namespace: string = DEFAULT_NAMESPACE,
  env: NodeJS.ProcessEnv = process.env,
): string | undefined {
  return optionalUrl(sourceFor(config, namespace, env).read("environmentUrl"));
}

/** `<namespace>:previousEnvironmentUrl`: the URL a stack's providers are recorded under before a move to a new URL of the same environment. */
export function resolvePreviousEnvironmentUrl(
  config: ConfigSource | undefined,
  namespace: string = DEFAULT_NAMESPACE,
  env: NodeJS.ProcessEnv = process.env,
): string | undefined {
  const raw = sourceFor(config, namespace, env).read("previousEnvironmentUrl");
  return raw ? normalizeEnvironmentUrl(raw, `${namespace}:previousEnvironmentUrl`) : undefined;
}

function describeConfigKey(namespace: string, s: Setting): string {
  return `${namespace}:${s} (pulumi config set${s === "clientSecret" ? " --secret" : ""} ${namespace}:${s} ...)`;
}

function optionalUrl(raw: string): string | undefined {
  if (!raw) return undefined;
  try {
    return normalizeEnvironmentUrl(raw);
  } catch {
    return undefined;
  }
}

function settingName(source: SettingsSource, namespace: string, setting: Setting): string {
  return source.origin === "config" ? `${namespace}:${setting}` : ENVIRONMENT_VARIABLES[setting][0];
}
