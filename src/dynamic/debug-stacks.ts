/**
 * `@pulumi/pulumi` registers a resource by creating four promises per registered property (value,
 * known, secret, dependencies: `transferProperties` in runtime/rpc.js), plus a few per resource, and
 * `debuggablePromise` (runtime/debuggable.js) stamps each with `new Error().stack`: ten frames
 * formatted through source-map-support, read back only to print leaked promises when
 * PULUMI_DEBUG_PROMISE_LEAKS is set. A CustomProvider registers nine properties where the engine's
 * minimal dynamic resource registers two, and those stack traces were about a third of the
 * program's CPU per resource (bench/README.md, "Where the time goes").
 *
 * While a CustomProvider registers, the stack of such a promise is not formatted (V8 still records
 * it, cheaply): everything else keeps the formatter installed (source-map-support), including the
 * stack the SDK records for the engine (`Resource.callsites`, stored in state) and the error it
 * prepares for a failed registration. With PULUMI_DEBUG_PROMISE_LEAKS set, nothing changes.
 */

/** What a CustomProvider's registration promises carry instead of their formatted stack trace. */
export const STACK_NOT_KEPT = "(stack trace not kept: set PULUMI_DEBUG_PROMISE_LEAKS=1 to keep it)";

/** The SDK function whose errors are only stamped on promises, matched by name across SDK versions. */
const STAMPING_FUNCTION = "debuggablePromise";

/**
 * Leaves promise stamps unformatted until the returned function is called (synchronously, around a
 * resource's `super(...)`: what the SDK registers synchronously is all that is stamped then).
 */
export function unformattedPromiseStacks(env: NodeJS.ProcessEnv = process.env): () => void {
  const installed = Error.prepareStackTrace;
  // Without a formatter installed, V8 formats natively and cheaply; with leak debugging on, the stacks are wanted.
  if (installed === undefined || env.PULUMI_DEBUG_PROMISE_LEAKS) return () => undefined;
  const ours: typeof installed = (error, callsites) =>
    callsites[0]?.getFunctionName() === STAMPING_FUNCTION ? STACK_NOT_KEPT : installed(error, callsites);
  Error.prepareStackTrace = ours;
  return () => {
    // Put back what was there, unless something else replaced the formatter meanwhile.
    if (Error.prepareStackTrace === ours) Error.prepareStackTrace = installed;
  };
}
