import * as pulumi from "@pulumi/pulumi";
import type { ApiDefinition } from "./definition/types";
import type { AuthPattern } from "./definition/camel-types";
import { providerShim } from "./provider/shim";
import { RESOURCE_MODULE, RESOURCE_TYPE_NAME } from "./resource-type";

interface ControlArgs {
  /**
   * Take over an existing provider of the same name (made by hand or by another tool) and update it
   * to this declaration. Without it, `pulumi up` refuses to touch a provider it did not create.
   */
  adopt?: pulumi.Input<boolean>;
  /**
   * The config namespace holding `environmentUrl`, `clientId` and `clientSecret` (default
   * "scalekit"). Use one namespace per Scalekit environment to manage several from one program.
   */
  configNamespace?: pulumi.Input<string>;
}

/** A custom provider declared with camelCase keys. */
export interface CustomProviderDefinitionArgs extends ControlArgs {
  displayName: pulumi.Input<string>;
  description?: pulumi.Input<string>;
  /** Exactly one auth pattern. */
  authPatterns: pulumi.Input<pulumi.Input<AuthPattern>[]>;
  /** https:// base URL; may hold {{domain}}, {{version}} and {{pathParam}} placeholders. */
  proxyUrl: pulumi.Input<string>;
  /** Defaults to true: Scalekit's tool calling works only through the proxy. */
  proxyEnabled?: pulumi.Input<boolean>;
  iconSrc?: pulumi.Input<string>;
  metadata?: pulumi.Input<Record<string, pulumi.Input<string>>>;
}

/** A custom provider declared with the API's own snake_case JSON, exactly as Scalekit's docs print it. */
export interface CustomProviderJsonArgs extends ControlArgs {
  definition: pulumi.Input<ApiDefinition>;
}

export type CustomProviderArgs = CustomProviderDefinitionArgs | CustomProviderJsonArgs;

/**
 * A Scalekit custom provider ("bring your own provider"), created, updated and deleted in the
 * Scalekit environment that the stack's config points at. Its Pulumi id is the provider's identifier.
 */
export class CustomProvider extends pulumi.dynamic.Resource {
  /** The provider's identifier (also the Pulumi id): the key Scalekit uses for update and delete. */
  declare public readonly identifier: pulumi.Output<string>;
  /** Scalekit's internal id of the provider. */
  declare public readonly scalekitId: pulumi.Output<string>;
  declare public readonly isCustomMcp: pulumi.Output<boolean>;
  declare public readonly environmentUrl: pulumi.Output<string>;
  /** The definition as Scalekit stores it (snake_case, with the server's empty defaults). */
  declare public readonly stored: pulumi.Output<ApiDefinition>;

  declare public readonly displayName: pulumi.Output<string | undefined>;
  declare public readonly proxyUrl: pulumi.Output<string | undefined>;
  declare public readonly definition: pulumi.Output<ApiDefinition | undefined>;

  constructor(name: string, args: CustomProviderArgs, opts?: pulumi.CustomResourceOptions) {
    super(
      providerShim,
      name,
      { ...args, identifier: undefined, scalekitId: undefined, isCustomMcp: undefined, environmentUrl: undefined, stored: undefined },
      opts,
      RESOURCE_MODULE,
      RESOURCE_TYPE_NAME,
    );
  }
}
