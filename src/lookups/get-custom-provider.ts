import * as pulumi from "@pulumi/pulumi";
import type { CustomProviderInfo, CustomProviderQuery } from "../custom-provider/info";
import { checkQuery, findCustomProvider } from "../operations/lookups";
import { environmentFor, LookupOptions } from "./environment";
import { programLogger } from "./program-logger";
import { errorForEngine } from "../engine/engine-text";

/** The query of `getCustomProviderOutput`, whose values may be other resources' outputs. */
export type CustomProviderQueryInput = { identifier: pulumi.Input<string> } | { displayName: pulumi.Input<string> };

/** The options of the Output variants, whose namespace may be an output too. */
export interface LookupOutputOptions {
  configNamespace?: pulumi.Input<string>;
}

/**
 * One custom provider of the environment the stack config points at, by identifier or by display
 * name (matched as Scalekit matches names: letters and digits, any case). It runs in the program,
 * during preview too, and writes nothing. Fails with ScalekitNotFoundError, ScalekitDuplicateNameError
 * (two providers hold the name) or ScalekitConfigError (no credentials: it names the keys to set).
 *
 * `definition` may hold values that were secret where the provider is declared: wrap it in
 * `pulumi.secret` before exporting it, or use `getCustomProviderOutput`, whose result is secret.
 */
export async function getCustomProvider(query: CustomProviderQuery, options?: LookupOptions): Promise<CustomProviderInfo> {
  const context = `getCustomProvider(${JSON.stringify(query)})`;
  try {
    // The query is checked before any configuration is read: a wrong call is named as such.
    checkQuery(query, context);
    return await findCustomProvider(environmentFor(options, context, programLogger), query, context);
  } catch (err) {
    // The program prints what it does not catch: names from Scalekit are shown, never obeyed.
    throw errorForEngine(err);
  }
}

/**
 * `getCustomProvider` as an Output, for queries that are other resources' outputs. The whole result is
 * a secret: Pulumi keeps secrecy per Output, not per property, and `definition` may hold secrets. For
 * a plain identifier, use `CustomProvider.get` or the Promise variant, or `pulumi.unsecret`.
 */
export function getCustomProviderOutput(
  query: CustomProviderQueryInput,
  options?: LookupOutputOptions,
): pulumi.Output<CustomProviderInfo> {
  return pulumi.secret(
    pulumi
      .all([pulumi.output(query), pulumi.output(options ?? {})])
      .apply(([q, o]) => getCustomProvider(q as CustomProviderQuery, o as LookupOptions)),
  );
}
