/**
 * This repository as a Pulumi project: every definition in definitions/*.json becomes one
 * CustomProvider in the Scalekit environment that the selected stack's config points at. The dev and
 * prod stacks declare the same definitions; only their environment settings differ.
 */
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { CustomProvider, loadDefinitions } from "pulumi-scalekit-providers";

const config = new pulumi.Config();
const definitionsDir = path.resolve(__dirname, config.get("definitionsDir") ?? "definitions");
// Names (file names without .json) of providers made by hand that this stack should take over, or true for all.
const adopt = config.getObject<string[] | boolean>("adopt") ?? [];
// Renamed definition files, new name -> old name: the resource keeps its provider (an alias), not a new one.
const renamed = config.getObject<Record<string, string>>("renamed") ?? {};

const providers = loadDefinitions(definitionsDir).map(
  ({ name, definition }) =>
    new CustomProvider(
      name,
      { definition, adopt: adopt === true || (Array.isArray(adopt) && adopt.includes(name)) },
      renamed[name] ? { aliases: [{ name: renamed[name] }] } : {},
    ),
);

/** Each provider's identifier in this stack's environment, by resource name. */
export const identifiers = pulumi
  .all(providers.map((p) => pulumi.all([p.urn, p.identifier])))
  .apply((pairs) => Object.fromEntries(pairs.map(([urn, id]) => [urn.split("::").pop(), id])));
