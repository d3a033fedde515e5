import type * as dynamic from "@pulumi/pulumi/dynamic";

/**
 * The provider object that Pulumi serializes into every resource's state. It must stay small and
 * never change: refresh, preview and destroy run the copy stored in state, so all real logic is
 * loaded at call time from the installed package, and a fixed library reaches existing resources
 * without an update first. It captures no credential; `configure` receives them from the engine.
 *
 * Do not edit casually: a change to this text is a change to every stack's state.
 */
export const providerShim: dynamic.ResourceProvider = {
  async configure(req) {
    return load().configure(req);
  },
  async check(olds, news) {
    return load().check(olds, news);
  },
  async diff(id, olds, news) {
    return load().diff(id, olds, news);
  },
  async create(inputs) {
    return load().create(inputs);
  },
  async read(id, props) {
    return load().read(id, props);
  },
  async update(id, olds, news) {
    return load().update(id, olds, news);
  },
  async delete(id, props) {
    return load().delete(id, props);
  },
};

function load() {
  const name = "pulumi-scalekit-providers/provider-implementation";
  const nodeModule = require("module");
  const nodePath = require("path");
  // Resolve from the program's directory: the installed package there, or this package itself
  // (self-reference through its "exports") when the program lives in this repository.
  const fromProgram = nodeModule.createRequire(nodePath.join(process.cwd(), "__scalekit_provider__.js"));
  try {
    return fromProgram(name).implementation;
  } catch (err) {
    throw new Error(
      `Cannot load ${name} from ${process.cwd()}: install pulumi-scalekit-providers in the Pulumi program's directory (npm install). ${err}`,
    );
  }
}
