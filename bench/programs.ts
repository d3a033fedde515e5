/**
 * The Pulumi programs the bench runs, as plain JavaScript so that none pays for TypeScript: N
 * CustomProviders (the dynamic resource, or the native plugin's), and the engine's floors, N dynamic
 * resources whose provider answers at once and makes no request.
 */
import { OUTPUT_PROPERTIES } from "../src/custom-provider";

/** The definition each resource declares (the i-th one): a small BEARER provider. */
export const DEFINITION_SOURCE = `
function definition(i) {
  return {
    display_name: "Bench Provider " + i,
    description: "benchmark provider " + i,
    auth_patterns: [
      {
        type: "BEARER",
        display_name: "API Key",
        fields: [{ field_name: "token", label: "API Key", input_type: "password", required: true }],
      },
    ],
    proxy_url: "https://api.example.com/" + i,
    proxy_enabled: true,
  };
}
const count = Number(process.env.BENCH_COUNT);
if (!Number.isInteger(count) || count < 1) throw new Error("BENCH_COUNT must be set");
`;

export const CUSTOM_PROGRAM = `"use strict";
const { CustomProvider } = require("pulumi-scalekit-providers");
${DEFINITION_SOURCE}
for (let i = 0; i < count; i++) new CustomProvider("p" + i, { definition: definition(i) });
`;

/** The same N providers through the native plugin (pulumi-resource-scalekit): no serialized provider in state. */
export const NATIVE_PROGRAM = `"use strict";
const { CustomProvider } = require("pulumi-scalekit-providers/native");
${DEFINITION_SOURCE}
for (let i = 0; i < count; i++) new CustomProvider("p" + i, { definition: definition(i) });
`;

export const FLOOR_PROGRAM = `"use strict";
const pulumi = require("@pulumi/pulumi");
${DEFINITION_SOURCE}
// Answers at once: the engine's own cost per resource, with the same inputs as a CustomProvider.
const provider = {
  async check(olds, news) { return { inputs: news }; },
  async diff(id, olds, news) { return { changes: JSON.stringify(olds.definition) !== JSON.stringify(news.definition) }; },
  async create(inputs) { return { id: inputs.definition.display_name, outs: inputs }; },
  async read(id, props) { return { id, props }; },
  async update(id, olds, news) { return { outs: news }; },
  async delete() {},
};
class Floor extends pulumi.dynamic.Resource {
  constructor(name, args) { super(provider, name, args, undefined, "bench", "Floor"); }
}
// BENCH_PAD adds that many bytes to each resource's inputs (so to its state twice): how much does
// the state's size alone cost the engine?
const pad = "x".repeat(Number(process.env.BENCH_PAD || 0));
// BENCH_FLOOR_PROPS=1 gives each resource the properties a CustomProvider registers besides its
// definition (the hidden input managedBy and OUTPUT_PROPERTIES): the SDK's own cost per registered property.
const props =
  process.env.BENCH_FLOOR_PROPS === "1"
    ? { managedBy: "bench", ...Object.fromEntries(${JSON.stringify(OUTPUT_PROPERTIES)}.map((key) => [key, undefined])) }
    : {};
for (let i = 0; i < count; i++) new Floor("p" + i, pad ? { definition: definition(i), pad, ...props } : { definition: definition(i), ...props });
`;

/**
 * The engine's minimal floor, exactly the shape issue 25 compares against: N dynamic resources with
 * one input (`name`), a provider without `check`, whose `create` echoes the inputs, `diff` says "no
 * change" and `read` echoes the state. The reference column of the report: its state entry is the
 * smallest a dynamic resource can have, so it prices the engine's own work per resource.
 */
export const MINIMAL_PROGRAM = `"use strict";
const pulumi = require("@pulumi/pulumi");
const count = Number(process.env.BENCH_COUNT);
if (!Number.isInteger(count) || count < 1) throw new Error("BENCH_COUNT must be set");
const provider = {
  async create(inputs) { return { id: \`id-\${inputs.name}\`, outs: inputs }; },
  async diff() { return { changes: false }; },
  async read(id, props) { return { id, props }; },
};
class Thing extends pulumi.dynamic.Resource {
  constructor(name) { super(provider, name, { name }, {}, "floor", "Thing"); }
}
for (let i = 0; i < count; i++) new Thing("p" + i);
`;

export function pulumiYaml(name: string, nativePlugin = false): string {
  // The native program names the plugin the packed package installs, as a user's project does.
  const plugins = nativePlugin ? "plugins:\n  providers:\n    - name: scalekit\n      path: ./node_modules/.bin\n" : "";
  return `name: ${name}\nmain: index.js\nruntime:\n  name: nodejs\n  options:\n    typescript: false\n${plugins}`;
}
