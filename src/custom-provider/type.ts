/**
 * The Pulumi type of a CustomProvider: `pulumi-nodejs:dynamic/<module>:<type>` for a dynamic
 * resource. Readers of state or preview output (the review command) recognise the resource by it
 * without loading the Pulumi SDK.
 */
export const RESOURCE_MODULE = "scalekit";
export const RESOURCE_TYPE_NAME = "CustomProvider";
export const CUSTOM_PROVIDER_TYPE = `pulumi-nodejs:dynamic/${RESOURCE_MODULE}:${RESOURCE_TYPE_NAME}`;
