import * as pulumi from "@pulumi/pulumi";
import { PACKAGE_NAME } from "../plugin/tokens";

/**
 * A Scalekit environment for the native plugin: each CustomProvider given `{ provider }` is managed in
 * this environment. Without one, resources use the default provider, which reads the stack's
 * `scalekit:*` config (else the SCALEKIT_* variables). Its settings are the library's (docs/reference).
 */
export interface ProviderArgs {
  environmentUrl?: pulumi.Input<string>;
  clientId?: pulumi.Input<string>;
  /** Stored in state encrypted, like any secret. */
  clientSecret?: pulumi.Input<string>;
  previousEnvironmentUrl?: pulumi.Input<string>;
  /** Seconds. */
  requestTimeout?: pulumi.Input<number>;
  maxRetries?: pulumi.Input<number>;
  /** Seconds. */
  operationTimeout?: pulumi.Input<number>;
  maxConcurrentRequests?: pulumi.Input<number>;
}

export class Provider extends pulumi.ProviderResource {
  declare public readonly environmentUrl: pulumi.Output<string | undefined>;
  declare public readonly clientId: pulumi.Output<string | undefined>;

  constructor(name: string, args: ProviderArgs = {}, opts?: pulumi.ResourceOptions) {
    const props: pulumi.Inputs = { ...args };
    if (args.clientSecret !== undefined) props.clientSecret = pulumi.secret(args.clientSecret);
    super(PACKAGE_NAME, name, props, opts);
  }
}
