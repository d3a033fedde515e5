import * as pulumi from "@pulumi/pulumi";
import { CustomProvider } from "../../../src/dynamic/resource";
import { STACK_NOT_KEPT, unformattedPromiseStacks } from "../../../src/dynamic/debug-stacks";

/**
 * The SDK stamps every promise it makes while registering with `new Error().stack` (debuggablePromise),
 * read only when PULUMI_DEBUG_PROMISE_LEAKS is set: while a CustomProvider registers, those stamps are
 * left unformatted, and every other stack keeps the installed formatter (source-map-support's, in a program).
 */
const installed = Error.prepareStackTrace;
const formatter: NonNullable<typeof Error.prepareStackTrace> = (error, callsites) =>
  `formatted ${callsites.length > 0 ? callsites[0].getFunctionName() : "none"}`;

beforeEach(() => {
  Error.prepareStackTrace = formatter;
});
afterEach(() => {
  Error.prepareStackTrace = installed;
});

function debuggablePromise(): string | undefined {
  return new Error().stack;
}
function somethingElse(): string | undefined {
  return new Error().stack;
}

it("leaves a promise's stamp unformatted, formats every other stack as before, and restores the formatter", () => {
  const restore = unformattedPromiseStacks({});
  expect(debuggablePromise()).toBe(STACK_NOT_KEPT);
  expect(somethingElse()).toBe("formatted somethingElse");
  restore();
  expect(Error.prepareStackTrace).toBe(formatter);
  expect(debuggablePromise()).toBe("formatted debuggablePromise");
});

it("changes nothing when leak debugging is on, or when no formatter is installed", () => {
  unformattedPromiseStacks({ PULUMI_DEBUG_PROMISE_LEAKS: "1" })();
  expect(Error.prepareStackTrace).toBe(formatter);
  const restore = unformattedPromiseStacks({ PULUMI_DEBUG_PROMISE_LEAKS: "1" });
  expect(debuggablePromise()).toBe("formatted debuggablePromise");
  restore();
  (Error as { prepareStackTrace?: unknown }).prepareStackTrace = undefined;
  unformattedPromiseStacks({})();
  expect(Error.prepareStackTrace).toBeUndefined();
});

it("does not put its own formatter back over one installed meanwhile", () => {
  const restore = unformattedPromiseStacks({});
  const other: typeof formatter = () => "other";
  Error.prepareStackTrace = other;
  restore();
  expect(Error.prepareStackTrace).toBe(other);
});

describe("a CustomProvider registering", () => {
  beforeAll(async () => {
    await pulumi.runtime.setMocks(
      { newResource: (args) => ({ id: `${args.name}-id`, state: args.inputs }), call: () => ({}) },
      "shop",
      "dev",
      true,
    );
  });

  it("gives the SDK's promise stamps no formatted stack, and leaves the formatter as it was", async () => {
    const definition = (name: string) => ({ display_name: name, auth_patterns: [], proxy_url: "https://stamps.example.com" });
    // The first one also registers the stack's state identity resource, whose stamps are formatted as any other resource's.
    new CustomProvider("first", { definition: definition("First") });
    const seen: string[] = [];
    Error.prepareStackTrace = (error, callsites) => {
      seen.push(callsites[0]?.getFunctionName() ?? "");
      return formatter(error, callsites);
    };
    const before = Error.prepareStackTrace;
    const p = new CustomProvider("stamps", { definition: definition("Stamps") });
    const duringRegistration = [...seen];
    expect(Error.prepareStackTrace).toBe(before);
    await new Promise<void>((resolve) => p.urn.apply(() => resolve()));
    // The stack the SDK records for the engine is still formatted; no promise stamped while it registered was.
    expect(duringRegistration).toEqual(["callsites"]);
  });
});
