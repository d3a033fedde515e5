import * as pulumi from "@pulumi/pulumi";
import { EnvironmentRegistry } from "../client/environments";

/**
 * What a program knows of each environment (token, request cap, listing), for its lookups: one
 * registry per program run, so every lookup of a run shares one token and one listing. A program
 * process usually runs once per `pulumi` command, but an Automation API host runs inline programs
 * many times in one process: a listing must not outlive its run, or a lookup after an `up` would miss
 * what that `up` created. A run is told apart by its stack resource, new for every run.
 */
const byRun = new WeakMap<object, EnvironmentRegistry>();
const outsideRun = {};

export function registryForRun(): EnvironmentRegistry {
  const getStackResource = (pulumi.runtime as { getStackResource?: () => object | undefined }).getStackResource;
  const run = (typeof getStackResource === "function" ? getStackResource() : undefined) ?? outsideRun;
  let registry = byRun.get(run);
  if (!registry) {
    registry = new EnvironmentRegistry();
    byRun.set(run, registry);
  }
  return registry;
}
