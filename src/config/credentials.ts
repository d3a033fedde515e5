import { ScalekitConfigError } from "../errors";
import { registerSecret } from "../errors/redact";
import { DEFAULT_NAMESPACE } from "../custom-provider/namespace";
import { ScalekitEnvironment, normalizeEnvironmentUrl } from "./environment";
import { CREDENTIAL_KEYS, CredentialKey, REQUIRED_CREDENTIALS } from "./keys";
import { ConfigSource, NamespaceValues } from "./reader";

export { type ConfigSource, DEFAULT_NAMESPACE };

/** Environment variables read when the default namespace's config sets none of its credentials. */
export const ENVIRONMENT_VARIABLES = Object.fromEntries(
  Object.entries(CREDENTIAL_KEYS).map(([name, spec]) => [name, spec.envVars]),
) as { [K in CredentialKey]: (typeof CREDENTIAL_KEYS)[K]["envVars"] };

/**
 * The environment and its credentials, from values already read (reader.ts). Credentials are resolved
 * at call time from stack config (decrypted by the engine for `configure`) or the environment, and
 * never stored: the serialized provider and the state carry only the namespace's name.
 */
export function environmentFrom(values: NamespaceValues): ScalekitEnvironment {
  const { namespace } = values;
  const read = (key: CredentialKey) => values.get(key)?.value ?? "";
  const [environmentUrl, clientId, clientSecret] = REQUIRED_CREDENTIALS.map(read);
  registerSecret(clientSecret);
  const missing = REQUIRED_CREDENTIALS.filter((k) => !read(k));
  if (missing.length === REQUIRED_CREDENTIALS.length) {
    const hint =
      namespace === DEFAULT_NAMESPACE
        ? `\nor all three environment variables ${REQUIRED_CREDENTIALS.map((k) => CREDENTIAL_KEYS[k].envVars[0]).join(", ")}`
        : "";
    throw new ScalekitConfigError(
      `Scalekit settings are missing:\n  - ${REQUIRED_CREDENTIALS.map((k) => describeConfigKey(namespace, k)).join("\n  - ")}${hint}`,
    );
  }
  if (missing.length) {
    const fromConfig = values.origins.credentials === "config";
    const where = fromConfig ? `the stack config (namespace ${namespace})` : "the environment variables";
    const other = fromConfig ? "SCALEKIT_* environment variables" : "stack config";
    throw new ScalekitConfigError(
      `Scalekit settings are incomplete in ${where}; missing: ${missing.map((k) => values.describe(k)).join(", ")}. ` +
        `The three settings come from one place and are never mixed with ${other}.`,
    );
  }
  return {
    environmentUrl: normalizeEnvironmentUrl(environmentUrl, values.get("environmentUrl")?.source ?? "environmentUrl"),
    clientId,
    clientSecret,
  };
}

/**
 * The environment URL alone, from the same place environmentFrom would read it, without needing the
 * client secret: what preview compares with the URL recorded in state. Undefined when it cannot be
 * known here (an unconfigured namespace, a reviewer's machine, a malformed URL that create will report).
 */
export function environmentUrlFrom(values: NamespaceValues): string | undefined {
  const raw = values.get("environmentUrl")?.value;
  if (!raw) return undefined;
  try {
    return normalizeEnvironmentUrl(raw);
  } catch {
    return undefined;
  }
}

/** `<namespace>:previousEnvironmentUrl`: the URL a stack's providers are recorded under before a move to a new URL of the same environment. */
export function previousEnvironmentUrlFrom(values: NamespaceValues): string | undefined {
  const raw = values.get("previousEnvironmentUrl");
  return raw ? normalizeEnvironmentUrl(raw.value, raw.source) : undefined;
}

function describeConfigKey(namespace: string, key: CredentialKey): string {
  const secret = "secret" in CREDENTIAL_KEYS[key] ? " --secret" : "";
  return `${namespace}:${key} (pulumi config set${secret} ${namespace}:${key} ...)`;
}
