import type { Emulator } from "../../src/emulator";
import { EnvironmentRegistry } from "../../src/client/environments";
import { CustomProviderImplementation } from "../../src/provider/implementation";

export interface CapturedLogs {
  warnings: string[];
  debug: string[];
}

/**
 * The provider implementation pointed at an emulator through stack-style config, logs captured.
 * `now`: the clock of the environment snapshot (how old a listing is), for tests of the freshness window.
 */
export function implementationFor(
  emulator: Emulator,
  extraConfig: Record<string, string> = {},
  options: { now?: () => number } = {},
) {
  const logs: CapturedLogs = { warnings: [], debug: [] };
  const values: Record<string, string> = {
    "scalekit:environmentUrl": emulator.url,
    "scalekit:clientId": emulator.clientId,
    "scalekit:clientSecret": emulator.clientSecret,
    ...extraConfig,
  };
  const environments = new EnvironmentRegistry(options.now ? { snapshot: { now: options.now } } : {});
  const impl = new CustomProviderImplementation({
    environments,
    config: { get: (key) => values[key] },
    env: {},
    clientOptions: { sleep: async () => undefined },
    logger: { warn: (m) => void logs.warnings.push(m), debug: (m) => void logs.debug.push(m) },
  });
  return { impl, logs, environments };
}
