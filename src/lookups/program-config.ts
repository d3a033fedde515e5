import * as pulumi from "@pulumi/pulumi";
import type { ConfigSource } from "../config";

/**
 * The stack config as the program sees it, for the one config reader (src/config/reader.ts). Read
 * through `pulumi.runtime.getConfig`, which returns the raw value: `pulumi.Config#get` would print a
 * warning for a secret key (the client secret), and `getSecret` would wrap it in an Output. The value
 * stays in this process; the client registers it for redaction.
 */
export const programConfig: ConfigSource = {
  get: (key) => pulumi.runtime.getConfig(key),
};
