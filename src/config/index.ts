export { type ConfigSource, type ConfigValue, type NamespaceValues, readNamespace } from "./reader";
export {
  CLIENT_SETTINGS,
  CONFIG_KEYS,
  CREDENTIAL_KEYS,
  type ConfigKeySpec,
  FALLBACK_RULES,
  type FallbackRule,
  type NumericSettingSpec,
  REQUIRED_CREDENTIALS,
} from "./keys";
export { type ClientSettings, DEFAULT_CLIENT_SETTINGS, resolveClientSettings, settingsFrom } from "./settings";
export { DEFAULT_NAMESPACE, ENVIRONMENT_VARIABLES, environmentFrom } from "./credentials";
export { type ScalekitEnvironment, normalizeEnvironmentUrl, sameEnvironmentUrl, isLoopbackHost } from "./environment";
export { type ResolvedConfig, resolveConfig, resolveEnvironment, resolveEnvironmentUrl } from "./resolve";
