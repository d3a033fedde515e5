/**
 * `npm run bench:micro`: where a CustomProvider's own time goes per resource, outside the engine:
 * loading the implementation (once per provider process), `check` (zod parsing and cross-key rules),
 * `diff` (normalisation and comparison), and serializing the shim into state.
 */
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { installLibrary } from "../scripts/lib/install-library";
import { REPO_ROOT } from "./workspace";

const ITERATIONS = Number(process.env.MICRO_ITERATIONS ?? 3000);

function definition(i: number) {
  return {
    display_name: `Bench Provider ${i}`,
    description: `benchmark provider ${i}`,
    auth_patterns: [
      {
        type: "BEARER",
        display_name: "API Key",
        fields: [{ field_name: "token", label: "API Key", input_type: "password", required: true }],
      },
    ],
    proxy_url: `https://api.example.com/${i}`,
    proxy_enabled: true,
  };
}

const oauth = {
  display_name: "My Asana",
  auth_patterns: [
    {
      type: "OAUTH",
      fields: [],
      oauth_config: {
        authorize_uri: "https://app.asana.com/-/oauth_authorize",
        token_uri: "https://app.asana.com/-/oauth_token",
        user_info_uri: "https://app.asana.com/api/1.0/users/me",
        available_scopes: [
          { scope: "profile", required: true },
          { scope: "email", required: true },
        ],
      },
    },
  ],
  proxy_url: "https://app.asana.com/api",
  proxy_enabled: true,
};

/** Microseconds per call of `fn`, after a warm-up. */
async function perCall(fn: (i: number) => unknown): Promise<number> {
  for (let i = 0; i < 200; i++) await fn(i);
  const started = process.hrtime.bigint();
  for (let i = 0; i < ITERATIONS; i++) await fn(i);
  return Number(process.hrtime.bigint() - started) / 1e3 / ITERATIONS;
}

/** Loading the implementation in a fresh node process, as the provider process does on first use. */
function coldLoad(): { ms: number; rssMb: number; baseRssMb: number } {
  const script = `
    const base = process.memoryUsage().rss;
    const t = process.hrtime.bigint();
    require(${JSON.stringify(path.join(REPO_ROOT, "dist/src/provider/implementation.js"))});
    const ms = Number(process.hrtime.bigint() - t) / 1e6;
    process.stdout.write(JSON.stringify({ ms, rssMb: process.memoryUsage().rss / 2 ** 20, baseRssMb: base / 2 ** 20 }));`;
  const runs = [0, 1, 2].map(() => JSON.parse(execFileSync(process.execPath, ["-e", script], { encoding: "utf8" })));
  runs.sort((a, b) => a.ms - b.ms);
  return runs[1];
}

async function main(): Promise<void> {
  const load = coldLoad();
  const { CustomProviderImplementation } = await import("../src/provider/implementation");
  const impl = new CustomProviderImplementation({
    config: { get: () => undefined },
    env: { SCALEKIT_ENVIRONMENT_URL: "http://127.0.0.1:9", SCALEKIT_CLIENT_ID: "bench", SCALEKIT_CLIENT_SECRET: "bench-secret" },
    logger: { warn: () => undefined, debug: () => undefined },
  });
  const inputs = (i: number) => ({ definition: definition(i) });
  const outputsOf = (i: number) => ({
    ...inputs(i),
    identifier: `BENCHPROVIDER${i}:1`,
    scalekitId: "x",
    isCustomMcp: false,
    environmentUrl: "http://127.0.0.1:9",
    stored: { ...definition(i), icon_src: "", metadata: {} },
  });
  const checkUs = await perCall((i) => impl.check({}, inputs(i)));
  const checkOauthUs = await perCall(() => impl.check({}, { definition: oauth }));
  const diffUs = await perCall((i) => impl.diff(`BENCHPROVIDER${i}:1`, outputsOf(i), inputs(i)));

  const pulumi = await import("@pulumi/pulumi");
  const { providerForState } = await import("../src/provider/stored-provider");
  // The serializer's first use loads its parser: the engine's fixed cost, paid by the floor too.
  const trivial = { create: async () => ({ id: "x" }) };
  const firstStarted = process.hrtime.bigint();
  const trivialText = (await pulumi.runtime.serializeFunction(() => trivial)).text;
  const firstMs = Number(process.hrtime.bigint() - firstStarted) / 1e6;
  const byValue = providerForState(REPO_ROOT);
  const serializeStarted = process.hrtime.bigint();
  const serialized = await pulumi.runtime.serializeFunction(() => byValue);
  const serializeMs = Number(process.hrtime.bigint() - serializeStarted) / 1e6;
  const installedText = await serializeInstalledShim(pulumi);

  const rows: [string, string][] = [
    [
      "load provider-implementation (cold, once per provider process)",
      `${load.ms.toFixed(1)} ms, RSS ${load.baseRssMb.toFixed(0)} -> ${load.rssMb.toFixed(0)} MB`,
    ],
    ["check, BEARER definition (per resource, every preview/up)", `${checkUs.toFixed(1)} µs`],
    ["check, OAUTH definition with scopes", `${checkOauthUs.toFixed(1)} µs`],
    ["diff, no change (per resource, every preview/up)", `${diffUs.toFixed(1)} µs`],
    [
      "first closure serialization of a program run (a trivial provider: the engine's cost)",
      `${firstMs.toFixed(1)} ms, ${trivialText.length} bytes`,
    ],
    [
      "serialize the shim by value (a program in this repository or a linked install; once per program run)",
      `${serializeMs.toFixed(1)} ms, ${serialized.text.length} bytes, twice in state per resource`,
    ],
    [
      "the shim of an installed package (stored as a require of the installed module)",
      `${installedText.length} bytes, twice in state per resource`,
    ],
  ];
  process.stdout.write(`| what | cost |\n|---|---|\n${rows.map(([k, v]) => `| ${k} | ${v} |`).join("\n")}\n`);
  process.stdout.write(
    `(${ITERATIONS} iterations; at N=300 check+diff cost ${(((checkUs + diffUs) * 300) / 1000).toFixed(1)} ms in all)\n`,
  );
}

main().catch((err) => {
  process.stderr.write(`${err instanceof Error ? err.stack : err}\n`);
  process.exitCode = 1;
});

/** What Pulumi stores for a program whose node_modules holds the package as `npm install` lays it out. */
async function serializeInstalledShim(pulumi: typeof import("@pulumi/pulumi")): Promise<string> {
  const project = fs.mkdtempSync(path.join(os.tmpdir(), "scalekit-micro-"));
  const cwd = process.cwd();
  try {
    installLibrary(REPO_ROOT, project);
    process.chdir(project);
    const installed = path.join(project, "node_modules/pulumi-scalekit-providers/dist/src/provider/stored-provider.js");
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the installed copy, by path, as the program would load it
    const provider = require(installed).providerForState();
    return (await pulumi.runtime.serializeFunction(() => provider)).text;
  } finally {
    process.chdir(cwd);
    fs.rmSync(project, { recursive: true, force: true });
  }
}
