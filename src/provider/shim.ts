import type * as dynamic from "@pulumi/pulumi/dynamic";

/**
 * The provider that Pulumi serializes into every resource's state (inputs and outputs both). This
 * module's exports ARE the provider object, on purpose: when the package is installed under
 * node_modules, Pulumi's closure serializer recognises a module's exports and stores
 * `require("pulumi-scalekit-providers/dist/src/provider/shim.js")` (about 300 bytes; SHIM_SPECIFIER
 * in stored-provider.ts) instead of the functions' text (about 3.2 KB). The engine rewrites the whole checkpoint after every step, so that size is
 * paid N² times in a large `up` or `destroy`. Where the package is not under node_modules (a program
 * inside this repository, a symlinked install) Pulumi serializes these functions by value instead;
 * both forms load the implementation at call time and behave the same.
 *
 * Refresh, preview and destroy run the copy stored in state, so every text any release has stored
 * must keep working: never remove the "./dist/src/provider/shim.js" export, never rename these functions, and
 * keep all real logic in the implementation, loaded at call time from the installed package, so a
 * fixed library reaches existing resources without an update first. Nothing here captures a
 * credential; `configure` receives them from the engine.
 */

type Provider = Required<dynamic.ResourceProvider>;

export async function configure(...args: Parameters<Provider["configure"]>) {
  return load().configure(...args);
}

export async function check(...args: Parameters<Provider["check"]>) {
  return load().check(...args);
}

export async function diff(...args: Parameters<Provider["diff"]>) {
  return load().diff(...args);
}

export async function create(...args: Parameters<Provider["create"]>) {
  return load().create(...args);
}

export async function read(...args: Parameters<Provider["read"]>) {
  return load().read(...args);
}

export async function update(...args: Parameters<Provider["update"]>) {
  return load().update(...args);
}

// `delete` is a reserved word: it can name an export, not a function.
async function remove(...args: Parameters<Provider["delete"]>) {
  return load().delete(...args);
}
export { remove as delete };

function load(): Provider {
  const name = "pulumi-scalekit-providers/provider-implementation";
  const nodeModule = require("module");
  const nodePath = require("path");
  // Resolve from the program's directory: the installed package there, or this package itself
  // (self-reference through its "exports") when the program lives in this repository.
  const fromProgram = nodeModule.createRequire(nodePath.join(process.cwd(), "__scalekit_provider__.js"));
  try {
    return fromProgram(name).implementation;
  } catch (err) {
    // Declared here, not imported: this text may be stored in state and run where the package is missing.
    class ScalekitProviderLoadError extends Error {
      name = "ScalekitProviderLoadError";
    }
    throw new ScalekitProviderLoadError(
      `Cannot load ${name} from ${process.cwd()}: install pulumi-scalekit-providers in the Pulumi program's directory (npm install). ${err}`,
    );
  }
}
