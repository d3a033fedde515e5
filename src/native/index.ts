/**
 * `pulumi-scalekit-providers/native`: the CustomProvider served by the native `scalekit` plugin, with
 * explicit providers and lookups answered by the plugin. The package's main export stays the dynamic
 * resource (no plugin to install, and every stored state keeps loading); see
 * docs/languages/typescript-native.md for the one-line move.
 */
export { CustomProvider } from "./custom-provider";
export { Provider, type ProviderArgs } from "./provider";
export { getCustomProvider, getCustomProviderOutput, listCustomProviders, listCustomProvidersOutput } from "./lookups";
export type {
  CustomProviderArgs,
  CustomProviderDefinitionArgs,
  CustomProviderJsonArgs,
  CustomProviderGetArgs,
} from "../dynamic/resource";
export type { CustomProviderInfo, CustomProviderQuery } from "../custom-provider/info";
