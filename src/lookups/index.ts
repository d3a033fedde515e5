/**
 * Reading an environment from a program (the program side, like dynamic/resource.ts): lookup functions that
 * run in the program process with the client, during preview too, and never write.
 */
export {
  getCustomProvider,
  getCustomProviderOutput,
  type CustomProviderQueryInput,
  type LookupOutputOptions,
} from "./get-custom-provider";
export { listCustomProviders, listCustomProvidersOutput } from "./list-custom-providers";
export { type CustomProviderInfo, type CustomProviderQuery } from "../custom-provider/info";
export { type LookupOptions } from "./environment";
