import { ownerValue } from "../definition/ownership";

/** The parts of a Pulumi URN: `urn:pulumi:<stack>::<project>::<qualified type>::<name>`. */
export interface UrnParts {
  stack: string;
  project: string;
  type: string;
  name: string;
}

/** The parts of `urn`, or undefined when it is not a Pulumi URN. */
export function parseUrn(urn: string): UrnParts | undefined {
  const m = /^urn:pulumi:([^:]+)::([^:]+)::([^]+?)::([^]*)$/.exec(urn);
  if (!m) return undefined;
  // The qualified type lists parent types first, `$`-separated: the resource's own type is last.
  const type = m[3].split("$").pop()!;
  return { stack: m[1], project: m[2], type, name: m[4] };
}

/**
 * The `project/stack/resource` a resource of this URN writes into its ownership marker: the same value
 * the dynamic resource computes in the program, so a stack moved from the dynamic type keeps its markers.
 */
export function ownerOfUrn(urn: string): string | undefined {
  const parts = parseUrn(urn);
  return parts ? ownerValue(parts.project, parts.stack, parts.name) : undefined;
}
