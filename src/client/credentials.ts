import { ScalekitConfigError } from "./errors";
import { ScalekitEnvironment, normalizeEnvironmentUrl } from "./environment";
import { registerSecret } from "./redact";

/** The part of Pulumi's config that the provider reads: `get("namespace:key")`. */
export interface ConfigSource {
  get(key: string): string | undefined;
}

export const DEFAULT_NAMESPACE = "scalekit";

/** Environment variables read when the default namespace's config keys are not set. */
export const ENVIRONMENT_VARIABLES = {
  environmentUrl: ["SCALEKIT_ENVIRONMENT_URL", "SCALEKIT_ENV_URL"],
  clientId: ["SCALEKIT_CLIENT_ID"],
  clientSecret: ["SCALEKIT_CLIENT_SECRET"],
} as const;

type Setting = keyof typeof ENVIRONMENT_VARIABLES;

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
  const missing: string[] = [];
  const read = (setting: Setting): string => {
    const fromConfig = config?.get(`${namespace}:${setting}`);
    const fromEnv =
      namespace === DEFAULT_NAMESPACE ? ENVIRONMENT_VARIABLES[setting].map((name) => env[name]).find(Boolean) : undefined;
    const value = (fromConfig ?? fromEnv ?? "").trim();
    if (!value) {
      const vars = namespace === DEFAULT_NAMESPACE ? ` or the environment variable ${ENVIRONMENT_VARIABLES[setting][0]}` : "";
      const secret = setting === "clientSecret" ? " --secret" : "";
      missing.push(`${namespace}:${setting} (pulumi config set${secret} ${namespace}:${setting} ...)${vars}`);
    }
    return value;
  };
  const environmentUrl = read("environmentUrl");
  const clientId = read("clientId");
  const clientSecret = read("clientSecret");
  registerSecret(clientSecret);
  if (missing.length) {
    throw new ScalekitConfigError(`Scalekit settings are missing:\n  - ${missing.join("\n  - ")}`);
  }
  return { environmentUrl: normalizeEnvironmentUrl(environmentUrl, `${namespace}:environmentUrl`), clientId, clientSecret };
}
