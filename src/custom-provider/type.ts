/**
 * The Pulumi types of a CustomProvider. Readers of state or preview output (the review command)
 * recognise the resource by them without loading the Pulumi SDK.
 * - The dynamic resource (the package's main export): `pulumi-nodejs:dynamic/<module>:<type>`.
 * - The native plugin's resource (every language, and `pulumi-scalekit-providers/native`):
 *   `scalekit:index:<type>`, aliased from the dynamic one.
 */
export const RESOURCE_MODULE = "scalekit";
export const RESOURCE_TYPE_NAME = "CustomProvider";
export const CUSTOM_PROVIDER_TYPE = `pulumi-nodejs:dynamic/${RESOURCE_MODULE}:${RESOURCE_TYPE_NAME}`;
/** The native plugin's package name: `pulumi-resource-scalekit`, tokens `scalekit:index:<Name>`. */
export const NATIVE_PACKAGE = "scalekit";
export const NATIVE_CUSTOM_PROVIDER_TYPE = `${NATIVE_PACKAGE}:index:${RESOURCE_TYPE_NAME}`;

/** Both types of a CustomProvider: a stack may hold either, or move from the first to the second. */
export const CUSTOM_PROVIDER_TYPES: readonly string[] = [CUSTOM_PROVIDER_TYPE, NATIVE_CUSTOM_PROVIDER_TYPE];
export const isCustomProviderType = (type: string): boolean => CUSTOM_PROVIDER_TYPES.includes(type);
