import { DEFAULT_NAMESPACE } from "../custom-provider/namespace";
import { CONFIG_KEYS, ConfigGroup, ConfigKeySpec, FALLBACK_RULES, REQUIRED_CREDENTIALS } from "./keys";

/** The part of Pulumi's config the library reads: `get("namespace:key")` (a stack's config, decrypted). */
export interface ConfigSource {
  get(key: string): string | undefined;
}

/** One key's value and where it came from, named as the user would set it. */
export interface ConfigValue {
  value: string;
  /** `scalekit:clientId` or `SCALEKIT_CLIENT_ID`. */
  source: string;
}

export interface NamespaceValues {
  namespace: string;
  /**
   * Where each group was read from: for a group read as a unit, the stack config or the `SCALEKIT_*`
   * variables; for a group read key by key, "per-key".
   */
  origins: Record<ConfigGroup, "config" | "environment" | "per-key">;
  /** Trimmed, non-empty values only. */
  get(key: string): ConfigValue | undefined;
  /** How to set a key in the group's origin: the config key, or its first variable. */
  describe(key: string): string;
}

/**
 * The one reader of `<namespace>:<key>` with its `SCALEKIT_*` fallback, applying each group's rule
 * (FALLBACK_RULES in keys.ts). Reads nothing that the table does not list.
 */
export function readNamespace(
  config: ConfigSource | undefined,
  namespace: string = DEFAULT_NAMESPACE,
  env: NodeJS.ProcessEnv = process.env,
): NamespaceValues {
  const specs = new Map(CONFIG_KEYS.map((s) => [s.key, s as ConfigKeySpec]));
  const fromConfig = (key: string): ConfigValue | undefined => {
    const source = `${namespace}:${key}`;
    const value = (config?.get(source) ?? "").trim();
    return value ? { value, source } : undefined;
  };
  const fromEnvironment = (spec: ConfigKeySpec): ConfigValue | undefined => {
    for (const name of spec.envVars) {
      const value = (env[name] ?? "").trim();
      if (value) return { value, source: name };
    }
    return undefined;
  };
  const origins = {} as NamespaceValues["origins"];
  for (const group of Object.keys(FALLBACK_RULES) as ConfigGroup[]) {
    const rule = FALLBACK_RULES[group];
    const namespaceAllowed = rule.namespaces === "any" || namespace === DEFAULT_NAMESPACE;
    // A group read as a unit comes from the environment only when the config sets none of its required keys.
    const configSetsAny = REQUIRED_CREDENTIALS.some((k) => specs.get(k)?.group === group && fromConfig(k));
    origins[group] = rule.unit === "key" ? "per-key" : configSetsAny || !namespaceAllowed ? "config" : "environment";
  }
  return {
    namespace,
    origins,
    get(key) {
      const spec = specs.get(key);
      if (!spec) return undefined;
      const rule = FALLBACK_RULES[spec.group];
      if (rule.unit === "group") return origins[spec.group] === "config" ? fromConfig(key) : fromEnvironment(spec);
      const namespaceAllowed = rule.namespaces === "any" || namespace === DEFAULT_NAMESPACE;
      return fromConfig(key) ?? (namespaceAllowed ? fromEnvironment(spec) : undefined);
    },
    describe(key) {
      const spec = specs.get(key);
      if (spec && origins[spec.group] === "environment") return spec.envVars[0];
      return `${namespace}:${key}`;
    },
  };
}
