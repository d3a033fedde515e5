import * as pulumi from "@pulumi/pulumi";
import { decodeOutput, decodeOutputs, encodeOutputs, ENCODED_OUTPUTS } from "../../../src/custom-provider";
import { toCamelCase } from "../../../src/definition/case";
import { CustomProvider } from "../../../src/dynamic/resource";
import { CustomProvider as NativeCustomProvider } from "../../../src/native/custom-provider";
import { tavily, useEmulator } from "../../support/emulator";
import { implementationFor } from "../../support/provider";

/**
 * The dynamic provider keeps its nested outputs in state as JSON text (custom-provider/state-encoding.ts):
 * the engine rewrites and walks every value of the checkpoint after each step, so the definition's tree,
 * echoed and stored, was most of what it walked. What operations compare and programs read is unchanged.
 */
const emulator = useEmulator();

const camel: any = { ...toCamelCase(tavily), metadata: { team: "search" } };
const snake = { definition: tavily };

describe("the dynamic provider", () => {
  it("returns nested outputs as JSON text with sorted keys, and a refresh without drift returns the same text", async () => {
    const { impl } = implementationFor(emulator());
    const { id, outs } = await impl.create(snake);
    expect(typeof outs.definition).toBe("string");
    expect(typeof outs.stored).toBe("string");
    expect(JSON.parse(outs.definition)).toEqual(tavily);
    expect(Object.keys(JSON.parse(outs.stored))).toEqual(Object.keys(JSON.parse(outs.stored)).sort());
    const read = await implementationFor(emulator()).impl.read(id, outs);
    expect(read.props).toEqual(outs);
    // The inputs a refresh records stay a tree: the engine shows them in diffs.
    expect(read.inputs).toEqual(snake);
    expect((await impl.diff(id, outs, snake)).changes).toBe(false);
  });

  it("encodes a camelCase declaration's nested keys (authPatterns, metadata) and leaves scalars alone", async () => {
    const { impl } = implementationFor(emulator());
    const { outs } = await impl.create(camel);
    expect(typeof outs.authPatterns).toBe("string");
    expect(typeof outs.metadata).toBe("string");
    expect(outs.displayName).toBe("My Tavily");
    expect(decodeOutputs(outs)).toMatchObject({ authPatterns: camel.authPatterns, metadata: { team: "search" } });
  });

  it("reads state written before (trees): diff, refresh and destroy work, and refresh writes the text form", async () => {
    const { impl } = implementationFor(emulator());
    const { id, outs } = await impl.create(snake);
    const before = decodeOutputs(outs);
    expect(typeof before.definition).toBe("object");
    expect((await impl.diff(id, before, snake)).changes).toBe(false);
    const read = await impl.read(id, before);
    expect(read.props).toEqual(outs);
    await impl.delete(id, before);
    expect(emulator().providers()).toEqual([]);
  });
});

describe("the encoding", () => {
  it("round-trips, leaves what is not encoded as it is, and never reads a string output as anything else", () => {
    const outs = { definition: { b: 1, a: [{ d: 2, c: 3 }] }, stored: { x: null }, identifier: "X:1", isCustomMcp: false };
    const encoded = encodeOutputs(outs);
    expect(encoded.definition).toBe('{"a":[{"c":3,"d":2}],"b":1}');
    expect(encoded.identifier).toBe("X:1");
    expect(decodeOutputs(encoded)).toEqual(outs);
    expect(decodeOutputs(outs)).toBe(outs);
    expect(decodeOutput("identifier", '{"a":1}')).toBe('{"a":1}');
    expect(decodeOutput("stored", "[secret]")).toBe("[secret]");
    expect(ENCODED_OUTPUTS).toEqual(["definition", "stored", "authPatterns", "metadata"]);
  });
});

describe("the resource", () => {
  let state: Record<string, unknown> = {};
  beforeAll(async () => {
    await pulumi.runtime.setMocks(
      { newResource: (args) => ({ id: `${args.name}-id`, state: { ...args.inputs, ...state } }), call: () => ({}) },
      "shop",
      "dev",
      false,
    );
  });

  const value = <T>(o: pulumi.Output<T>) => new Promise<T>((resolve) => o.apply(resolve));

  it("reads the outputs decoded, and lists them among its properties", async () => {
    state = encodeOutputs({ ...snake, stored: { ...tavily, icon_src: "" }, identifier: "MYTAVILY:1" });
    const p = new CustomProvider("decoded", snake);
    expect(await value(p.definition)).toEqual(tavily);
    expect(await value(p.stored)).toEqual({ ...tavily, icon_src: "" });
    expect(await value(p.identifier)).toBe("MYTAVILY:1");
    // A stack output of the whole resource lists its own enumerable properties.
    expect(Object.keys(p)).toEqual(expect.arrayContaining(["definition", "stored", "identifier"]));
    expect(p.definition).toBe(p.definition);
  });

  it("the native class reads a moved stack's JSON-text outputs decoded too, and its own trees as they are", async () => {
    state = encodeOutputs({ ...snake, stored: { ...tavily, icon_src: "" }, identifier: "MYTAVILY:1" });
    const moved = new NativeCustomProvider("moved", snake);
    expect(await value(moved.stored)).toEqual({ ...tavily, icon_src: "" });
    expect(await value(moved.definition)).toEqual(tavily);
    expect(await value(moved.identifier)).toBe("MYTAVILY:1");
    state = { stored: { ...tavily, icon_src: "" } };
    const native = new NativeCustomProvider("native", snake);
    expect(await value(native.stored)).toEqual({ ...tavily, icon_src: "" });
  });

  it("reads state written before (trees) as it is", async () => {
    state = { stored: { ...tavily, icon_src: "" } };
    const p = new CustomProvider("trees", { definition: { ...tavily, display_name: "Trees" } });
    expect(await value(p.stored)).toEqual({ ...tavily, icon_src: "" });
    expect((await value(p.definition))?.display_name).toBe("Trees");
  });
});
