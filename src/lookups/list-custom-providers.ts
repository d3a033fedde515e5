import * as pulumi from "@pulumi/pulumi";
import { environmentFor, LookupOptions } from "./environment";
import type { LookupOutputOptions } from "./get-custom-provider";
import { programLogger } from "./program-logger";
import type { CustomProviderInfo } from "../custom-provider/info";
import { listCustomProviderInfos } from "../operations/lookups";
import { errorForEngine } from "../engine/engine-text";

/**
 * Every custom provider of the environment the stack config points at, sorted by display name: e.g.
 * to check in a program that prod holds what dev holds. One listing per environment per program run,
 * shared with `getCustomProvider`. See `getCustomProvider` about `definition` and secrets.
 */
export async function listCustomProviders(options?: LookupOptions): Promise<CustomProviderInfo[]> {
  const context = `listCustomProviders(${options?.configNamespace ? JSON.stringify(options) : ""})`;
  try {
    return await listCustomProviderInfos(environmentFor(options, context, programLogger));
  } catch (err) {
    throw errorForEngine(err);
  }
}

/** `listCustomProviders` as an Output; the whole list is a secret, as for `getCustomProviderOutput`. */
export function listCustomProvidersOutput(options?: LookupOutputOptions): pulumi.Output<CustomProviderInfo[]> {
  return pulumi.secret(pulumi.output(options ?? {}).apply((o) => listCustomProviders(o as LookupOptions)));
}
