import * as pulumi from "@pulumi/pulumi";
import { RESOURCE_MODULE } from "../custom-provider";

/**
 * One random id per Pulumi state (stack in one backend), written into every provider's ownership
 * marker (definition/ownership.ts), so two states with the same project, stack and resource names
 * (a CI backend and a laptop's `--local` backend on one environment) never take each other's
 * providers, while a create that a killed run committed is still recovered by the state that made it.
 *
 * It lives in the state itself, as a resource of its own that every CustomProvider depends on: the
 * engine creates it, and records it, before any provider is created. It touches nothing outside the
 * state: create draws the id, and nothing else ever changes it; destroying the stack removes it last.
 */
export const STATE_IDENTITY_TYPE_NAME = "StateIdentity";
export const STATE_IDENTITY_NAME = "scalekit-state-identity";

/**
 * Stored in state by value (a few hundred bytes, once per stack): it must keep working in every later
 * release, so it captures nothing and loads only Node's crypto.
 */
const identityProvider: pulumi.dynamic.ResourceProvider = {
  async create() {
    const stateId: string = require("crypto").randomBytes(8).toString("hex");
    return { id: stateId, outs: { stateId } };
  },
  async diff() {
    return { changes: false };
  },
  async read(id: string, props: Record<string, unknown>) {
    return { id, props: { ...props, stateId: props?.stateId ?? id } };
  },
};

class StateIdentity extends pulumi.dynamic.Resource {
  declare public readonly stateId: pulumi.Output<string>;

  constructor(name: string) {
    super(identityProvider, name, { stateId: undefined }, {}, RESOURCE_MODULE, STATE_IDENTITY_TYPE_NAME);
  }
}

/** The program run's identity resource, made once per run (an Automation API host runs many). */
const perRun = new WeakMap<object, pulumi.Output<string>>();
const NO_STACK = {};

/** This state's id, registering the identity resource on first use in a program run. */
export function stateIdentity(): pulumi.Output<string> {
  const run = pulumi.runtime.getStackResource() ?? NO_STACK;
  let id = perRun.get(run);
  if (!id) {
    id = new StateIdentity(STATE_IDENTITY_NAME).stateId;
    perRun.set(run, id);
  }
  return id;
}
