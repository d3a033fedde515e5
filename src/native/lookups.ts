import * as pulumi from "@pulumi/pulumi";
import type { CustomProviderInfo, CustomProviderQuery } from "../custom-provider/info";
import type { CustomProviderQueryInput } from "../lookups/get-custom-provider";
import { GET_CUSTOM_PROVIDER_TOKEN, LIST_CUSTOM_PROVIDERS_TOKEN } from "../plugin/tokens";

/**
 * The lookups, answered by the native plugin (Invoke) in its provider's environment: the same
 * questions and answers as the package's program-side lookups. Pass `{ provider }` for an explicit one.
 */
export async function getCustomProvider(query: CustomProviderQuery, opts?: pulumi.InvokeOptions): Promise<CustomProviderInfo> {
  return (await pulumi.runtime.invoke(GET_CUSTOM_PROVIDER_TOKEN, query, opts)) as CustomProviderInfo;
}

/** `getCustomProvider` as an Output; secret as a whole, since `definition` may hold secrets. */
export function getCustomProviderOutput(
  query: CustomProviderQueryInput,
  opts?: pulumi.InvokeOptions,
): pulumi.Output<CustomProviderInfo> {
  return pulumi.secret(pulumi.output(query).apply((q) => getCustomProvider(q as CustomProviderQuery, opts)));
}

export async function listCustomProviders(opts?: pulumi.InvokeOptions): Promise<CustomProviderInfo[]> {
  const result = (await pulumi.runtime.invoke(LIST_CUSTOM_PROVIDERS_TOKEN, {}, opts)) as { providers: CustomProviderInfo[] };
  return result.providers;
}

export function listCustomProvidersOutput(opts?: pulumi.InvokeOptions): pulumi.Output<CustomProviderInfo[]> {
  return pulumi.secret(pulumi.output(listCustomProviders(opts)));
}
