import * as pulumi from "@pulumi/pulumi";
import { CAMEL_DEFINITION_KEYS, CUSTOM_PROVIDER_TYPE, OUTPUT_PROPERTIES, SECRET_OUTPUTS } from "../custom-provider";
import type { CustomProviderArgs, CustomProviderGetArgs } from "../dynamic/resource";
import { decodeEncodedOutputs, type CustomProviderOutputs } from "../dynamic/outputs";
import { unformattedPromiseStacks } from "../dynamic/debug-stacks";
import { ScalekitDeclarationError } from "../errors";
import { CUSTOM_PROVIDER_TOKEN } from "../plugin/tokens";

/**
 * The CustomProvider resource served by the native `scalekit` plugin (pulumi-resource-scalekit): the
 * same arguments and outputs as the dynamic resource (the package's main export), so that moving a
 * stack is a change of one import line. It carries an alias from the dynamic type, so the engine
 * moves each recorded resource to this type without a change and without a request to Scalekit
 * (docs/languages/typescript-native.md). Its environment is its Pulumi provider's: the default one
 * reads the stack's `scalekit:*` config; an explicit `Provider` serves another environment.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type, @typescript-eslint/no-unsafe-declaration-merging -- the outputs' types, declared once (dynamic/outputs.ts)
export interface CustomProvider extends CustomProviderOutputs {}
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging -- see the interface above
export class CustomProvider extends pulumi.CustomResource {
  /** The engine checks whether an object is one of these by its type token, across copies of the package. */
  static isInstance(obj: unknown): obj is CustomProvider {
    return pulumi.CustomResource.isInstance(obj) && (obj as { __pulumiType?: string }).__pulumiType === CUSTOM_PROVIDER_TOKEN;
  }

  /**
   * A read-only reference to a provider another stack or team manages, read from its Pulumi provider's
   * environment when the program runs and by `pulumi refresh`; destroy only forgets it. `args` is
   * accepted for the dynamic resource's signature: give the environment with `opts.provider` instead.
   */
  static get(
    name: string,
    identifier: pulumi.Input<pulumi.ID>,
    args: CustomProviderGetArgs = {},
    opts?: pulumi.CustomResourceOptions,
  ): CustomProvider {
    refuseNamespace(name, args.configNamespace);
    return new CustomProvider(name, undefined, { ...opts, id: identifier });
  }

  constructor(name: string, args: CustomProviderArgs | undefined, opts?: pulumi.CustomResourceOptions) {
    const reading = opts?.id !== undefined;
    if (!reading) refuseNamespace(name, args?.configNamespace);
    const props: pulumi.Inputs = {};
    for (const key of [...CAMEL_DEFINITION_KEYS, "definition", "adopt"] as const) {
      props[key] = reading ? undefined : (args as Record<string, unknown> | undefined)?.[key];
    }
    for (const key of [...OUTPUT_PROPERTIES, "managedBy"]) props[key] = undefined;
    // The SDK's debug-only stack traces, one per promise and four promises per registered property,
    // are left unformatted while it registers (dynamic/debug-stacks.ts), as for the dynamic resource.
    const restore = unformattedPromiseStacks();
    try {
      super(CUSTOM_PROVIDER_TOKEN, name, props, {
        ...opts,
        // A stack recorded with the dynamic resource moves to this type in place.
        aliases: [...(opts?.aliases ?? []), { type: CUSTOM_PROVIDER_TYPE }],
        additionalSecretOutputs: [...new Set([...(opts?.additionalSecretOutputs ?? []), ...SECRET_OUTPUTS])],
      });
    } finally {
      restore();
    }
    // A stack moved from the dynamic type keeps that type's JSON-text outputs until its next refresh or update.
    decodeEncodedOutputs(this);
  }
}

/** `configNamespace` picks the dynamic resource's environment; the native one takes an explicit provider. */
function refuseNamespace(name: string, namespace: unknown): void {
  if (namespace === undefined) return;
  throw new ScalekitDeclarationError(
    `CustomProvider "${name}": configNamespace chooses the environment of the dynamic resource. With the native type, ` +
      `declare a provider for that environment and pass it: const prod = new Provider("prod", { environmentUrl, clientId, clientSecret }); ` +
      `new CustomProvider("${name}", args, { provider: prod }). See docs/languages/typescript-native.md.`,
  );
}
