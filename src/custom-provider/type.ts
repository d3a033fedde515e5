/**
 * The Pulumi type of a CustomProvider: `pulumi-nodejs:dynamic/<module>:<type>` for a dynamic
 * resource. Kept apart from resource.ts so readers of state or preview output (the review command)
 * can recognise the resource without loading the Pulumi SDK.
 */
export const RESOURCE_MODULE = "scalekit";
export const RESOURCE_TYPE_NAME = "CustomProvider";
/**
 * The properties a CustomProvider registers that only the provider sets (its outputs besides the
 * inputs echoed back). Each one registered costs the SDK work per resource, so the bench's floor
 * registers the same list to price that cost.
 */
export const OUTPUT_PROPERTIES = ["identifier", "scalekitId", "isCustomMcp", "environmentUrl", "stored"] as const;
export const CUSTOM_PROVIDER_TYPE = `pulumi-nodejs:dynamic/${RESOURCE_MODULE}:${RESOURCE_TYPE_NAME}`;
