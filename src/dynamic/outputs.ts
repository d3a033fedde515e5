import type * as pulumi from "@pulumi/pulumi";
import type { Definition } from "../definition/camel-types";
import type { ApiDefinition } from "../definition/types";

/**
 * What a CustomProvider exposes to a program, once for both classes (the dynamic one in resource.ts,
 * the native one in native/custom-provider.ts): each merges this interface, so the outputs are typed
 * without class fields (a field would overwrite the value the SDK resolves, pulumi/pulumi#12160).
 * What each output means is in custom-provider/notes.ts.
 */
export interface CustomProviderOutputs {
  /** The provider's identifier (also the Pulumi id): the key Scalekit uses for update and delete. */
  readonly identifier: pulumi.Output<string>;
  /** Scalekit's internal id of the provider. */
  readonly scalekitId: pulumi.Output<string>;
  readonly isCustomMcp: pulumi.Output<boolean>;
  readonly environmentUrl: pulumi.Output<string>;
  /** The definition as Scalekit stores it (snake_case, with the server's empty defaults). Secret. */
  readonly stored: pulumi.Output<ApiDefinition>;
  /** Who manages the provider, as written into its metadata: project/stack/resource (see docs/ownership.md). */
  readonly managedBy: pulumi.Output<string>;

  readonly displayName: pulumi.Output<string | undefined>;
  readonly description: pulumi.Output<string | undefined>;
  readonly authPatterns: pulumi.Output<Definition["authPatterns"] | undefined>;
  readonly proxyUrl: pulumi.Output<string | undefined>;
  readonly proxyEnabled: pulumi.Output<boolean | undefined>;
  readonly iconSrc: pulumi.Output<string | undefined>;
  readonly metadata: pulumi.Output<Record<string, string> | undefined>;
  readonly definition: pulumi.Output<ApiDefinition | undefined>;
}
