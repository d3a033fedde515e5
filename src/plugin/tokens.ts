import { NATIVE_CUSTOM_PROVIDER_TYPE, NATIVE_PACKAGE, SECRET_OUTPUTS } from "../custom-provider";

/** The package the native plugin serves: `pulumi-resource-scalekit`, tokens `scalekit:index:<Name>`. */
export const PACKAGE_NAME = NATIVE_PACKAGE;

/** The resource's type token in every language (custom-provider/type.ts). */
export const CUSTOM_PROVIDER_TOKEN = NATIVE_CUSTOM_PROVIDER_TYPE;
export const GET_CUSTOM_PROVIDER_TOKEN = `${PACKAGE_NAME}:index:getCustomProvider`;
export const LIST_CUSTOM_PROVIDERS_TOKEN = `${PACKAGE_NAME}:index:listCustomProviders`;
/** The explicit provider's type token. */
export const PROVIDER_TOKEN = `pulumi:providers:${PACKAGE_NAME}`;

/** Outputs the plugin returns marked secret, whatever the inputs were (see custom-provider/outputs.ts). */
export const SECRET_OUTPUT_KEYS: readonly string[] = SECRET_OUTPUTS;
