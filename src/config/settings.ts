import { ScalekitConfigError } from "../errors";
import { CLIENT_SETTINGS, ClientSettingName } from "./keys";
import { ConfigSource, NamespaceValues, readNamespace } from "./reader";

export { CLIENT_SETTINGS };

/** How long the client waits and how often it tries again: the knobs a stack can turn (keys.ts). */
export type ClientSettings = Record<ClientSettingName, number>;

const NAMES = Object.keys(CLIENT_SETTINGS) as ClientSettingName[];

/** A setting in the client's unit: seconds become milliseconds, counts stay. */
function inClientUnit(name: ClientSettingName, value: number): number {
  return CLIENT_SETTINGS[name].unit === "seconds" ? Math.round(value * 1000) : value;
}

export const DEFAULT_CLIENT_SETTINGS: ClientSettings = Object.fromEntries(
  NAMES.map((name) => [name, inClientUnit(name, CLIENT_SETTINGS[name].default)]),
) as ClientSettings;

/**
 * The settings of one namespace, from values already read (reader.ts): each key from the stack config,
 * else its `SCALEKIT_*` variable, else the default. Every invalid value is reported at once.
 */
export function settingsFrom(values: NamespaceValues): ClientSettings {
  const problems: string[] = [];
  const settings = { ...DEFAULT_CLIENT_SETTINGS };
  for (const name of NAMES) {
    const spec = CLIENT_SETTINGS[name];
    const read = values.get(spec.key);
    if (!read) continue;
    const raw = read.value;
    const value = Number(raw);
    const integer = spec.unit === "count";
    if (!/^\d+(\.\d+)?$/.test(raw) || (integer && !Number.isInteger(value)) || value < spec.min || value > spec.max) {
      const what = integer
        ? `a whole number from ${spec.min} to ${spec.max}`
        : `a number of seconds from ${spec.min} to ${spec.max}`;
      problems.push(`${read.source} is "${raw}": expected ${what} (default ${spec.default})`);
      continue;
    }
    settings[name] = inClientUnit(name, value);
  }
  // Named as the user set them (a config key or a variable); a default is named by its config key.
  const named = (name: ClientSettingName) =>
    values.get(CLIENT_SETTINGS[name].key)?.source ?? `${values.namespace}:${CLIENT_SETTINGS[name].key}`;
  if (problems.length === 0 && settings.operationTimeoutMs < settings.requestTimeoutMs) {
    problems.push(
      `${named("operationTimeoutMs")} (${settings.operationTimeoutMs / 1000} s) is shorter than ${named("requestTimeoutMs")} ` +
        `(${settings.requestTimeoutMs / 1000} s): an operation must leave room for at least one request`,
    );
  }
  if (problems.length) throw new ScalekitConfigError(`Invalid Scalekit client settings:\n  - ${problems.join("\n  - ")}`);
  return settings;
}

/** The settings of one config namespace (see settingsFrom). */
export function resolveClientSettings(
  config: ConfigSource | undefined,
  namespace: string,
  env: NodeJS.ProcessEnv = process.env,
): ClientSettings {
  return settingsFrom(readNamespace(config, namespace, env));
}
