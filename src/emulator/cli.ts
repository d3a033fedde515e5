#!/usr/bin/env node
/**
 * scalekit-emulator: run the local Scalekit emulator until SIGINT/SIGTERM.
 *
 *   node dist/src/emulator/cli.js --port 8787 [--host 127.0.0.1] [--client-id X --client-secret Y]
 *                                  [--max-page-size N] [--token-ttl SECONDS]
 *                                  [--update-mode merge|replace] [--metadata-on-update merge|replace|clear-if-empty]
 *                                  [--proxy-enabled-on-update always|true-only]
 *
 * Prints one line, `scalekit emulator listening on http://HOST:PORT`, once it accepts requests.
 */
import { startEmulator, type Emulator, type EmulatorOptions } from "./index";
import {
  DEFAULT_PROXY_ENABLED_ON_UPDATE,
  DEFAULT_UPDATE_MODE,
  isMetadataOnUpdate,
  isProxyEnabledOnUpdate,
  isUpdateMode,
  METADATA_ON_UPDATE,
  PROXY_ENABLED_ON_UPDATE,
  UPDATE_MODES,
} from "./update-mode";

export const USAGE = [
  "usage: scalekit-emulator [--port N] [--host 127.0.0.1] [--client-id ID --client-secret SECRET] [--max-page-size N] [--token-ttl SECONDS]",
  `         [--update-mode ${UPDATE_MODES.join("|")} (default ${DEFAULT_UPDATE_MODE})]`,
  `         [--metadata-on-update ${METADATA_ON_UPDATE.join("|")} (default: the update mode's own)]`,
  `         [--proxy-enabled-on-update ${PROXY_ENABLED_ON_UPDATE.join("|")} (default ${DEFAULT_PROXY_ENABLED_ON_UPDATE}; true-only is contradicted, for tests)]`,
].join("\n");

const FLAGS: Record<string, keyof EmulatorOptions> = {
  "--port": "port",
  "--host": "host",
  "--client-id": "clientId",
  "--client-secret": "clientSecret",
  "--max-page-size": "maxPageSize",
  "--token-ttl": "tokenTtlSeconds",
  "--update-mode": "updateMode",
  "--metadata-on-update": "metadataOnUpdate",
  "--proxy-enabled-on-update": "proxyEnabledOnUpdate",
};
const NUMERIC = new Set<keyof EmulatorOptions>(["port", "maxPageSize", "tokenTtlSeconds"]);
/** Flags with a fixed set of values: checked here so that a typo is a usage error. */
const CHOICES: Partial<Record<keyof EmulatorOptions, { valid: (v: string) => boolean; values: readonly string[] }>> = {
  updateMode: { valid: isUpdateMode, values: UPDATE_MODES },
  metadataOnUpdate: { valid: isMetadataOnUpdate, values: METADATA_ON_UPDATE },
  proxyEnabledOnUpdate: { valid: isProxyEnabledOnUpdate, values: PROXY_ENABLED_ON_UPDATE },
};

export class UsageError extends Error {}

/** Parse the command line (without `node` and the script). Default port: 8787. */
export function parseArgs(argv: string[]): EmulatorOptions {
  const opts: Record<string, string | number> = { port: 8787 };
  for (let i = 0; i < argv.length; i++) {
    let flag = argv[i];
    let value: string | undefined;
    const eq = flag.indexOf("=");
    if (flag.startsWith("--") && eq > 0) {
      value = flag.slice(eq + 1);
      flag = flag.slice(0, eq);
    }
    const key = FLAGS[flag];
    if (key === undefined) throw new UsageError(`unknown argument "${argv[i]}"`);
    if (value === undefined) {
      value = argv[++i];
      if (value === undefined) throw new UsageError(`${flag} needs a value`);
    }
    const choice = CHOICES[key];
    if (NUMERIC.has(key)) {
      if (!/^\d+$/.test(value)) throw new UsageError(`${flag} must be a non-negative integer, got "${value}"`);
      opts[key] = Number(value);
    } else if (choice !== undefined && !choice.valid(value)) {
      throw new UsageError(`${flag} must be one of ${choice.values.join(", ")}, got "${value}"`);
    } else {
      opts[key] = value;
    }
  }
  if ((opts.clientId === undefined) !== (opts.clientSecret === undefined)) {
    throw new UsageError("--client-id and --client-secret go together");
  }
  return opts as EmulatorOptions;
}

export async function main(argv: string[]): Promise<Emulator | undefined> {
  if (argv.includes("--help") || argv.includes("-h")) {
    process.stdout.write(`${USAGE}\n`);
    return undefined;
  }
  let emulator: Emulator;
  try {
    emulator = await startEmulator(parseArgs(argv));
  } catch (e) {
    process.stderr.write(`scalekit emulator: ${(e as Error).message}\n${e instanceof UsageError ? `${USAGE}\n` : ""}`);
    process.exitCode = 2;
    return undefined;
  }
  process.stdout.write(`scalekit emulator listening on ${emulator.url}\n`);
  const stop = () => {
    emulator.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
  return emulator;
}

if (require.main === module) {
  void main(process.argv.slice(2));
}
