#!/usr/bin/env node
/**
 * `pulumi-resource-scalekit`: the native plugin the Pulumi engine starts for package `scalekit`.
 * The engine passes `[flags] <engine address>`; the plugin serves the ResourceProvider service on a
 * loopback port and prints that port on the first line of stdout, as every Pulumi plugin does.
 */
import { connectEngine, ENGINE_ADDRESS } from "../engine/connection";
import { createEngineLogger } from "../engine/log";
import { exitWhenGone } from "../engine/watch";
import { ScalekitPlugin } from "./plugin";
import { packageSchema, PLUGIN_VERSION } from "./package-schema";
import { serve } from "./server";

async function main(argv: string[]): Promise<void> {
  if (argv.includes("--version") || argv.includes("-version")) {
    process.stdout.write(`${PLUGIN_VERSION}\n`);
    return;
  }
  // The engine's address is the last argument that is not a flag.
  const address = [...argv].reverse().find((a) => ENGINE_ADDRESS.test(a));
  const engine = address ? connectEngine(address) : null;
  const plugin = new ScalekitPlugin({
    version: PLUGIN_VERSION,
    schema: JSON.stringify(packageSchema()),
    loggerFor: (urn) => createEngineLogger(() => engine, undefined, urn),
  });
  const { port } = await serve(plugin, PLUGIN_VERSION);
  process.stdout.write(`${port}\n`);
  // Killed with its engine (kill -9 of `pulumi up`), the plugin must not finish work for a deployment that has ended.
  if (engine && address) exitWhenGone(engine, address);
}

main(process.argv.slice(2)).catch((err) => {
  process.stderr.write(`pulumi-resource-scalekit: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
