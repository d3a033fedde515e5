/**
 * Reading an environment from a program (the program side, like resource.ts): lookup functions that
 * run in the program process with the client, during preview too, and never write.
 */
export { getCustomProvider, getCustomProviderOutput, CustomProviderQueryInput, LookupOutputOptions } from "./get-custom-provider";
export { listCustomProviders, listCustomProvidersOutput } from "./list-custom-providers";
export { CustomProviderInfo, CustomProviderQuery } from "./provider-info";
export { LookupOptions } from "./environment";
