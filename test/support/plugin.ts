import type { Emulator } from "../../src/emulator";
import { ScalekitPlugin } from "../../src/plugin/plugin";
import { packageSchema, PLUGIN_VERSION } from "../../src/plugin/package-schema";
import type { CapturedLogs } from "./provider";

/** The state id a test's provider carries (drawn by CheckConfig in a real run). */
export const PLUGIN_STATE_ID = "0123456789abcdef";

/** URNs as the engine sends them for a native resource of this project and stack. */
export const urnOf = (name: string, stack = "dev", project = "acme") =>
  `urn:pulumi:${stack}::${project}::scalekit:index:CustomProvider::${name}`;

/** The native plugin's behaviour (no gRPC), configured for an emulator as the engine would, logs captured. */
export function pluginFor(emulator: Emulator, extraArgs: Record<string, unknown> = {}) {
  const logs: CapturedLogs & { urns: (string | undefined)[] } = { warnings: [], debug: [], urns: [] };
  const plugin = new ScalekitPlugin({
    version: PLUGIN_VERSION,
    schema: JSON.stringify(packageSchema()),
    env: {},
    clientOptions: { sleep: async () => undefined },
    drawStateId: () => PLUGIN_STATE_ID,
    loggerFor: (urn) => ({
      logger: {
        warn: (m) => void (logs.warnings.push(m), logs.urns.push(urn)),
        debug: (m) => void logs.debug.push(m),
      },
      flush: async () => undefined,
    }),
  });
  const args = {
    environmentUrl: emulator.url,
    clientId: emulator.clientId,
    clientSecret: emulator.clientSecret,
    ...extraArgs,
  };
  const checked = plugin.checkConfig({}, args);
  plugin.configure(checked.inputs);
  return { plugin, logs, args: checked.inputs };
}
