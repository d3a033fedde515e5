import type * as dynamic from "@pulumi/pulumi/dynamic";
import * as path from "path";
import * as shim from "./shim";

/**
 * The one specifier under which an installed shim is stored in state. It is also an entry of the
 * package's "exports", so Node lets it be required, and it must stay valid in every later release.
 */
export const SHIM_SPECIFIER = "pulumi-scalekit-providers/dist/src/provider/shim.js";

/**
 * Whether Pulumi's closure serializer will store the shim as `require(SHIM_SPECIFIER)` rather than
 * by value. It names a module by the part of its path (relative to the program's directory) after
 * the first `node_modules`, and the provider process requires that name from the same directory.
 * That name is stable and resolvable only for a plain install in the program's directory or above
 * it; a nested or versioned location (pnpm's `.pnpm/<name>@<version>/…`) would store a path that a
 * later upgrade removes, leaving refresh and destroy unable to load the provider.
 */
export function storedByReference(shimFile: string, cwd: string): boolean {
  const parts = path.relative(cwd, shimFile).split(path.sep);
  const at = parts.indexOf("node_modules");
  return at >= 0 && parts.slice(0, at).every((p) => p === "..") && parts.slice(at + 1).join("/") === SHIM_SPECIFIER;
}

/**
 * The provider object handed to Pulumi, chosen for what Pulumi will store in every resource's state
 * (twice: inputs and outputs). The shim module's own exports are stored as a ~300-byte reference;
 * a plain copy of them is stored by value (~3 KB of function text) and works wherever the package
 * sits. The engine rewrites the checkpoint after every step, so this size is paid N² times.
 */
export function providerForState(cwd: string = process.cwd()): dynamic.ResourceProvider {
  return storedByReference(require.resolve("./shim"), cwd) ? shim : byValue;
}

// One object for every resource: Pulumi caches the serialized text per provider object, and
// serializing costs tens of milliseconds.
const byValue: dynamic.ResourceProvider = { ...shim };
