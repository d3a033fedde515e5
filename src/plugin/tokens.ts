import { RESOURCE_TYPE_NAME, SECRET_OUTPUTS } from "../custom-provider";

/** The package the native plugin serves: `pulumi-resource-scalekit`, tokens `scalekit:index:<Name>`. */
export const PACKAGE_NAME = "scalekit";

/** The resource's type token in every language (the dynamic one is custom-provider/type.ts's CUSTOM_PROVIDER_TYPE). */
export const CUSTOM_PROVIDER_TOKEN = `${PACKAGE_NAME}:index:${RESOURCE_TYPE_NAME}`;
export const GET_CUSTOM_PROVIDER_TOKEN = `${PACKAGE_NAME}:index:getCustomProvider`;
export const LIST_CUSTOM_PROVIDERS_TOKEN = `${PACKAGE_NAME}:index:listCustomProviders`;
/** The explicit provider's type token. */
export const PROVIDER_TOKEN = `pulumi:providers:${PACKAGE_NAME}`;

/** Outputs the plugin returns marked secret, whatever the inputs were (see custom-provider/outputs.ts). */
export const SECRET_OUTPUT_KEYS: readonly string[] = SECRET_OUTPUTS;
