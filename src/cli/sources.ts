import { execFileSync } from "child_process";
import * as path from "path";
import { ClientOptions, isConfigError, ScalekitClient, ScalekitConfigError, ScalekitEnvironment } from "../client";
import { UsageError } from "./usage-error";
import { namedProviders } from "../client/answers";
import { serverDefinition } from "../definition/ownership";
import type { ApiDefinition, ApiProvider } from "../definition/types";
import { loadDefinitions } from "../definition-files/load";
import { ConfigSource, DEFAULT_NAMESPACE, resolveEnvironment } from "../config";

/**
 * One side of a comparison or an export:
 *   env[:NAMESPACE]     a live environment, credentials from SCALEKIT_* variables (or NAMESPACE_* ones)
 *   stack:NAME          a live environment, credentials from that Pulumi stack's scalekit:* config
 *   dir:PATH            declarations: a folder of definition files, as a stack declares them
 */
export interface Source {
  label: string;
  /** Where it is: an environment URL or a folder. */
  location: string;
  /** Set for a live environment: the normalised URL, so two sources naming one environment can be told apart. */
  environmentUrl?: string;
  load(): Promise<{ definitions: ApiDefinition[]; providers?: ApiProvider[]; warnings?: string[] }>;
  /** Set for a live environment: a client of it (the credentials stay inside). */
  client?: (options?: ClientOptions) => ScalekitClient;
}

export interface SourceContext {
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** Reads a stack's config (decrypted); injectable for tests. */
  stackConfig?: (stack: string, cwd: string) => Record<string, string>;
}

export function parseSource(spec: string, ctx: SourceContext): Source {
  const [kind, ...rest] = spec.split(":");
  const arg = rest.join(":");
  if (kind === "dir") {
    const dir = path.resolve(ctx.cwd, arg || "definitions");
    return {
      label: arg || "definitions",
      location: dir,
      load: async () => ({ definitions: loadDefinitions(dir).map((d) => d.definition) }),
    };
  }
  if (kind === "stack") {
    if (!arg) throw new UsageError("stack: needs a stack name, e.g. stack:prod");
    const values = (ctx.stackConfig ?? readStackConfig)(arg, ctx.cwd);
    // That stack's config only: another environment's exported SCALEKIT_* variables must not fill its gaps.
    const label = `stack ${arg}`;
    try {
      return live(label, resolveEnvironment(mapConfig(values), DEFAULT_NAMESPACE, {}));
    } catch (err) {
      if (isConfigError(err)) throw new ScalekitConfigError(`${label}: ${err.message}`, { cause: err });
      throw err;
    }
  }
  if (kind === "env") {
    return live(arg ? `env ${arg}` : "env", resolveEnvironment(undefined, DEFAULT_NAMESPACE, prefixed(ctx.env, arg)));
  }
  throw new UsageError(`unknown source "${spec}": use env[:PREFIX], stack:NAME or dir:PATH`);
}

function live(label: string, environment: ScalekitEnvironment): Source {
  return {
    label,
    location: environment.environmentUrl,
    environmentUrl: environment.environmentUrl,
    load: async () => {
      // A provider without a name cannot be written or compared by name: skipped, with a warning.
      const warnings: string[] = [];
      const providers = namedProviders(await new ScalekitClient(environment).listProviders(), (m) => warnings.push(m));
      return { definitions: providers.map((p) => serverDefinition(p)), providers, warnings };
    },
    client: (options) => new ScalekitClient(environment, options),
  };
}

function mapConfig(values: Record<string, string>): ConfigSource {
  return { get: (key) => values[key] };
}

/** env:PROD reads PROD_ENVIRONMENT_URL, PROD_CLIENT_ID and PROD_CLIENT_SECRET. */
function prefixed(env: NodeJS.ProcessEnv, prefix: string): NodeJS.ProcessEnv {
  if (!prefix) return env;
  const p = prefix.toUpperCase();
  const missing = ["ENVIRONMENT_URL", "CLIENT_ID", "CLIENT_SECRET"].map((k) => `${p}_${k}`).filter((k) => !env[k]);
  if (missing.length) throw new ScalekitConfigError(`env:${prefix} needs the environment variables ${missing.join(", ")}`);
  return {
    SCALEKIT_ENVIRONMENT_URL: env[`${p}_ENVIRONMENT_URL`],
    SCALEKIT_CLIENT_ID: env[`${p}_CLIENT_ID`],
    SCALEKIT_CLIENT_SECRET: env[`${p}_CLIENT_SECRET`],
  };
}

/** `pulumi config --json --show-secrets`: the secret stays in this process and is never printed. */
function readStackConfig(stack: string, cwd: string): Record<string, string> {
  const out = execFileSync("pulumi", ["config", "--json", "--show-secrets", "--stack", stack, "--non-interactive"], {
    cwd,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
  });
  const parsed = JSON.parse(out) as Record<string, { value?: string }>;
  return Object.fromEntries(Object.entries(parsed).map(([k, v]) => [k, String(v.value ?? "")]));
}
