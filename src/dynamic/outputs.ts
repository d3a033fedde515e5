import * as pulumi from "@pulumi/pulumi";
import { decodeOutput, ENCODED_OUTPUTS } from "../custom-provider";
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

/**
 * The outputs the dynamic provider keeps in state as JSON text (custom-provider/state-encoding.ts),
 * read back decoded: each registered one becomes an enumerable property that decodes on first read
 * (a program that never reads it pays nothing), so a program, and a stack output of the whole
 * resource, see the same values as before. Secret and unknown values stay so through `apply`. The
 * native class does the same: a stack moved from the dynamic type keeps those outputs, as text, until
 * its next refresh or update (a step without change keeps the recorded outputs).
 */
export function decodeEncodedOutputs(resource: pulumi.CustomResource): void {
  const own = resource as unknown as Record<string, unknown>;
  for (const key of ENCODED_OUTPUTS) {
    const raw = own[key];
    if (!pulumi.Output.isInstance(raw)) continue;
    let decoded: pulumi.Output<unknown> | undefined;
    Object.defineProperty(resource, key, {
      enumerable: true,
      configurable: true,
      get: () => (decoded ??= raw.apply((value) => decodeOutput(key, value))),
    });
  }
}
