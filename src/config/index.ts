export { ConfigSource, ConfigValue, NamespaceValues, readNamespace } from "./reader";
export {
  CLIENT_SETTINGS,
  CONFIG_KEYS,
  CREDENTIAL_KEYS,
  ConfigKeySpec,
  FALLBACK_RULES,
  FallbackRule,
  NumericSettingSpec,
  REQUIRED_CREDENTIALS,
} from "./keys";
export { ClientSettings, DEFAULT_CLIENT_SETTINGS, resolveClientSettings, settingsFrom } from "./settings";
export {
  DEFAULT_NAMESPACE,
  ENVIRONMENT_VARIABLES,
  environmentFrom,
  resolveEnvironment,
  resolveEnvironmentUrl,
  resolvePreviousEnvironmentUrl,
} from "./credentials";
export { ScalekitEnvironment, normalizeEnvironmentUrl, sameEnvironmentUrl, isLoopbackHost } from "./environment";
export { ResolvedConfig, resolveConfig } from "./resolve";
