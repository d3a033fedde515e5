import { AdoptionRequiredError, ProviderTakenOverError, ScalekitClient, ScalekitNotFoundError } from "../../../src";
import { toCamelCase } from "../../../src/definition/case";
import { describeOwner, OWNER_KEY, markerValue, ownershipOf, parseMarker } from "../../../src/definition/ownership";
import { MarkerNotKeptError } from "../../../src/operations/errors/marker-not-kept-error";
import { markerChanged } from "../../../src/operations/diff";
import { apiCalls, tavily, useEmulator } from "../../support/emulator";
import { implementationFor } from "../../support/provider";

/**
 * The ownership marker's rules (docs/ownership.md), one by one, on the emulator: whose a provider is
 * before every write and delete, what adoption and import write, how renames and two states of one
 * stack are told apart.
 */
const emulator = useEmulator();

const PROJECT = "scalekit-custom-providers";
const STATE_A = "aaaaaaaaaaaaaaaa";
const STATE_B = "bbbbbbbbbbbbbbbb";
const owner = (stack: string, resource: string) => `${PROJECT}/${stack}/${resource}`;
const tavilyInputs = toCamelCase<Record<string, unknown>>(tavily);
/** The inputs the CustomProvider resource passes: the definition, who it is, and its state. */
const inputsOf = (stack: string, resource: string, stateId?: string, extra: Record<string, unknown> = {}) => ({
  ...tavilyInputs,
  managedBy: owner(stack, resource),
  ...(stateId ? { stateId } : {}),
  ...extra,
});
const devA = inputsOf("dev", "my-tavily", STATE_A);
const writes = () => apiCalls(emulator()).filter((c) => !c.startsWith("GET"));
const markerInScalekit = () => emulator().providers()[0].metadata?.[OWNER_KEY];

describe("the marker", () => {
  it("names project/stack/resource and the state, and parses back", () => {
    const value = markerValue(owner("dev", "a/b"), STATE_A);
    expect(value).toBe(`${PROJECT}/dev/a/b@${STATE_A}`);
    expect(parseMarker(value)).toEqual({
      owner: owner("dev", "a/b"),
      stateId: STATE_A,
      project: PROJECT,
      stack: "dev",
      resource: "a/b",
    });
    expect(parseMarker(owner("dev", "r"))).toEqual({ owner: owner("dev", "r"), project: PROJECT, stack: "dev", resource: "r" });
  });

  it.each([
    [undefined, "unmarked"],
    [markerValue(owner("dev", "r"), STATE_A), "ours"],
    [owner("dev", "r"), "ours-legacy"],
    [markerValue(owner("dev", "r"), STATE_B), "another-state"],
    [markerValue(owner("dev", "old"), STATE_A), "same-stack"],
    [owner("dev", "old"), "same-stack"],
    [markerValue(owner("dev", "old"), STATE_B), "another"],
    [markerValue(owner("prod", "r"), STATE_A), "another"],
    [markerValue(owner("dev", "former"), STATE_A), "ours-former"],
  ])("a provider marked %s is %s to dev/r in state A", (marker, expected) => {
    const provider: { metadata: Record<string, string> } = { metadata: marker ? { [OWNER_KEY]: marker } : {} };
    const claimant = { owner: owner("dev", "r"), stateId: STATE_A, former: [markerValue(owner("dev", "former"), STATE_A)] };
    expect(ownershipOf(provider, claimant)).toBe(expected);
  });

  it("a marker with a state id is never a resource's that recorded none (written by another state)", () => {
    const provider = { metadata: { [OWNER_KEY]: markerValue(owner("dev", "r"), STATE_B) } };
    expect(ownershipOf(provider, { owner: owner("dev", "r") })).toBe("another-state");
  });

  it.each([
    [
      "a new resource name (alias)",
      { managedBy: "p/dev/old", stateId: STATE_A },
      { managedBy: "p/dev/new", stateId: STATE_A },
      true,
    ],
    ["a renamed stack", { managedBy: "p/dev/r", stateId: STATE_A }, { managedBy: "p/dev2/r", stateId: STATE_A }, true],
    ["another state id", { managedBy: "p/dev/r", stateId: STATE_A }, { managedBy: "p/dev/r", stateId: STATE_B }, true],
    ["no change", { managedBy: "p/dev/r", stateId: STATE_A }, { managedBy: "p/dev/r", stateId: STATE_A }, false],
    [
      "gaining a state id (an upgrade: no write storm)",
      { managedBy: "p/dev/r" },
      { managedBy: "p/dev/r", stateId: STATE_A },
      false,
    ],
    ["a resource recorded before markers", {}, { managedBy: "p/dev/r", stateId: STATE_A }, false],
  ])("changing the marker is a change: %s", (_what, olds, news, changed) => {
    expect(markerChanged(olds, news)).toBe(changed);
  });
});

describe("update checks whose provider it is", () => {
  it("refuses when another stack has adopted the provider since, naming it and how to take it back; sends nothing", async () => {
    const { outs } = await implementationFor(emulator()).impl.create(devA);
    const prod = inputsOf("prod", "my-tavily", STATE_B, { adopt: true });
    await implementationFor(emulator()).impl.create(prod); // prod adopts it: its marker now
    emulator().clearRequests();
    const err = await implementationFor(emulator())
      .impl.update(outs.identifier, outs, { ...devA, description: "dev's edit" })
      .catch((e) => e);
    expect(err).toBeInstanceOf(ProviderTakenOverError);
    expect(err.message).toContain(markerValue(owner("prod", "my-tavily"), STATE_B));
    expect(err.message).toContain("adopt: true");
    expect(writes()).toEqual([]);
    expect(emulator().providers()[0].description).not.toBe("dev's edit");
  });

  it("a lingering adopt: true does not take it back: adopt acts once, on a create; the error says how to on purpose", async () => {
    const { outs } = await implementationFor(emulator()).impl.create({ ...devA, adopt: true });
    await implementationFor(emulator()).impl.create(inputsOf("prod", "my-tavily", STATE_B, { adopt: true }));
    emulator().clearRequests();
    const { impl, logs } = implementationFor(emulator());
    const err = await impl.update(outs.identifier, outs, { ...devA, adopt: true, description: "back" }).catch((e) => e);
    expect(err).toBeInstanceOf(ProviderTakenOverError);
    expect(err.message).toContain(`now managed by ${markerValue(owner("prod", "my-tavily"), STATE_B)}`);
    expect(err.message).toContain("adopt: true, still set on this resource, does not take it back");
    expect(err.message).toContain("pulumi state delete");
    expect(writes()).toEqual([]);
    expect(markerInScalekit()).toBe(markerValue(owner("prod", "my-tavily"), STATE_B));
    expect(logs.warnings.join("\n")).not.toMatch(/Adopted/);
  });

  it("taking it back on purpose: forgotten in this state, then created again with adopt: true, it is taken over", async () => {
    const { outs } = await implementationFor(emulator()).impl.create(devA);
    await implementationFor(emulator()).impl.create(inputsOf("prod", "my-tavily", STATE_B, { adopt: true }));
    // `pulumi state delete` then `pulumi up`: the resource enters the state again, by a create.
    const { id } = await implementationFor(emulator()).impl.create({ ...devA, adopt: true, description: "back" });
    expect(id).toBe(outs.identifier);
    expect(markerInScalekit()).toBe(markerValue(owner("dev", "my-tavily"), STATE_A));
  });

  it("updates a provider without a marker as before (made by hand, or by a version before markers)", async () => {
    const seeded = emulator().seedProvider(tavily);
    const { impl } = implementationFor(emulator());
    await impl.update(seeded.identifier, { ...tavilyInputs, identifier: seeded.identifier }, { ...devA, description: "v2" });
    expect(emulator().providers()[0]).toMatchObject({ description: "v2" });
    expect(markerInScalekit()).toBe(markerValue(owner("dev", "my-tavily"), STATE_A));
  });

  it("after a rename (an alias), writes the new marker in place over its own old one", async () => {
    const old = inputsOf("dev", "my-tavily", STATE_A);
    const { outs } = await implementationFor(emulator()).impl.create(old);
    const renamed = inputsOf("dev", "tavily-search", STATE_A);
    const { impl } = implementationFor(emulator());
    expect(await impl.diff(outs.identifier, outs, renamed)).toMatchObject({ changes: true, replaces: [] });
    emulator().clearRequests();
    await impl.update(outs.identifier, outs, renamed);
    expect(writes()).toEqual([`PUT /api/v1/custom-providers/${outs.identifier}`]);
    expect(markerInScalekit()).toBe(markerValue(owner("dev", "tavily-search"), STATE_A));
  });

  it("a legacy marker of its own (written before state ids) is its own", async () => {
    const legacy = inputsOf("dev", "my-tavily");
    const { outs } = await implementationFor(emulator()).impl.create(legacy);
    expect(markerInScalekit()).toBe(owner("dev", "my-tavily"));
    await implementationFor(emulator()).impl.update(outs.identifier, outs, { ...devA, description: "upgraded" });
    expect(markerInScalekit()).toBe(markerValue(owner("dev", "my-tavily"), STATE_A));
  });
});

describe("delete checks whose provider it is", () => {
  it("forgets a provider another stack has adopted since: no DELETE, a warning naming the new owner", async () => {
    const { outs } = await implementationFor(emulator()).impl.create(devA);
    await implementationFor(emulator()).impl.create(inputsOf("prod", "my-tavily", STATE_B, { adopt: true }));
    emulator().clearRequests();
    const { impl, logs } = implementationFor(emulator());
    await impl.delete(outs.identifier, outs);
    expect(writes()).toEqual([]);
    expect(emulator().providers()).toHaveLength(1);
    expect(logs.warnings.join("\n")).toContain(`now managed by ${markerValue(owner("prod", "my-tavily"), STATE_B)}`);
  });

  it("forgets a provider another state of the same names has adopted", async () => {
    const { outs } = await implementationFor(emulator()).impl.create(devA);
    await implementationFor(emulator()).impl.create(inputsOf("dev", "my-tavily", STATE_B, { adopt: true }));
    emulator().clearRequests();
    await implementationFor(emulator()).impl.delete(outs.identifier, outs);
    expect(writes()).toEqual([]);
    expect(emulator().providers()).toHaveLength(1);
  });

  it.each([
    ["its own marker", () => devA],
    ["a legacy marker of its own", () => inputsOf("dev", "my-tavily")],
  ])("deletes a provider carrying %s", async (_what, inputs) => {
    const { outs } = await implementationFor(emulator()).impl.create(inputs());
    await implementationFor(emulator()).impl.delete(outs.identifier, outs);
    expect(emulator().providers()).toHaveLength(0);
  });

  it("deletes a provider without a marker as before", async () => {
    const seeded = emulator().seedProvider(tavily);
    await implementationFor(emulator()).impl.delete(seeded.identifier, { ...devA, identifier: seeded.identifier });
    expect(emulator().providers()).toHaveLength(0);
  });
});

describe("adoption and recovery write the marker whenever it differs", () => {
  it("adopting a matching provider of another stack writes only the marker, so that stack's delete then leaves it alone", async () => {
    const { outs: prodOuts } = await implementationFor(emulator()).impl.create(inputsOf("prod", "my-tavily", STATE_B));
    emulator().clearRequests();
    const { outs } = await implementationFor(emulator()).impl.create({ ...devA, adopt: true });
    expect(writes()).toEqual([`PUT /api/v1/custom-providers/${outs.identifier}`]);
    expect(markerInScalekit()).toBe(markerValue(owner("dev", "my-tavily"), STATE_A));
    await implementationFor(emulator()).impl.delete(prodOuts.identifier, prodOuts);
    expect(emulator().providers()).toHaveLength(1);
  });

  it("adopting a matching hand-made provider writes the marker", async () => {
    emulator().seedProvider(tavily);
    await implementationFor(emulator()).impl.create({ ...devA, adopt: true });
    expect(markerInScalekit()).toBe(markerValue(owner("dev", "my-tavily"), STATE_A));
  });

  it("recovers its own interrupted create (this state's marker) with no write", async () => {
    const first = await implementationFor(emulator()).impl.create(devA);
    emulator().clearRequests();
    const again = await implementationFor(emulator()).impl.create(devA);
    expect(again.id).toBe(first.id);
    expect(writes()).toEqual([]);
  });
});

describe("create refuses what it cannot tell is its own", () => {
  it("a provider of another resource of this stack (a rename): the error shows the aliases option; nothing is written", async () => {
    await implementationFor(emulator()).impl.create(devA);
    emulator().clearRequests();
    const err = await implementationFor(emulator())
      .impl.create(inputsOf("dev", "tavily-search", STATE_A))
      .catch((e) => e);
    expect(err).toBeInstanceOf(AdoptionRequiredError);
    expect(err.message).toContain('aliases: [{ name: "my-tavily" }]');
    expect(err.message).toContain("renamed.tavily-search");
    expect(writes()).toEqual([]);
  });

  it("a provider of the same project/stack/resource written by another state: nothing is written", async () => {
    await implementationFor(emulator()).impl.create(inputsOf("dev", "my-tavily", STATE_B));
    emulator().clearRequests();
    const err = await implementationFor(emulator())
      .impl.create(devA)
      .catch((e) => e);
    expect(err).toBeInstanceOf(AdoptionRequiredError);
    expect(err.message).toMatch(/another Pulumi state \(state id bbbbbbbbbbbbbbbb\)/);
    expect(writes()).toEqual([]);
  });

  it("a legacy marker of this very resource: another state could have written it, so adopt once", async () => {
    await implementationFor(emulator()).impl.create(inputsOf("dev", "my-tavily"));
    const err = await implementationFor(emulator())
      .impl.create(devA)
      .catch((e) => e);
    expect(err).toBeInstanceOf(AdoptionRequiredError);
    expect(err.message).toMatch(/before state ids.*set adopt: true on this resource once/);
  });
});

describe("Pulumi's import option (importIdentifier)", () => {
  it("takes over a matching hand-made provider by writing its marker: one PUT that changes only the metadata, named by the step", async () => {
    const seeded = emulator().seedProvider(tavily);
    emulator().clearRequests();
    const { impl, logs } = implementationFor(emulator());
    const { id } = await impl.create({ ...devA, importIdentifier: seeded.identifier });
    expect(id).toBe(seeded.identifier);
    expect(writes()).toEqual([`PUT /api/v1/custom-providers/${seeded.identifier}`]);
    expect(markerInScalekit()).toBe(markerValue(owner("dev", "my-tavily"), STATE_A));
    const { metadata: _marked, ...after } = emulator().providers()[0];
    const { metadata: _none, ...before } = seeded;
    expect(after).toEqual(before);
    expect(logs.warnings.join("\n")).toContain(
      `Imported the existing custom provider "My Tavily" (${seeded.identifier}): it already matched this declaration; wrote this resource's ownership marker (an update of its metadata only).`,
    );
  });

  it("two imports of one hand-made provider cannot co-own it: the second takes it over, and the first's delete forgets it", async () => {
    const seeded = emulator().seedProvider(tavily);
    const { outs: first } = await implementationFor(emulator()).impl.create({ ...devA, importIdentifier: seeded.identifier });
    const prod = inputsOf("prod", "my-tavily", STATE_B, { importIdentifier: seeded.identifier });
    const { outs: second } = await implementationFor(emulator()).impl.create(prod);
    expect(markerInScalekit()).toBe(markerValue(owner("prod", "my-tavily"), STATE_B));
    emulator().clearRequests();
    await implementationFor(emulator()).impl.delete(first.identifier, first);
    expect(writes()).toEqual([]);
    await implementationFor(emulator()).impl.delete(second.identifier, second);
    expect(emulator().providers()).toEqual([]);
  });

  it("an import of a provider already carrying this resource's marker writes nothing, and says so", async () => {
    const seeded = emulator().seedProvider({
      ...tavily,
      metadata: { [OWNER_KEY]: markerValue(owner("dev", "my-tavily"), STATE_A) },
    });
    emulator().clearRequests();
    const { impl, logs } = implementationFor(emulator());
    await impl.create({ ...devA, importIdentifier: seeded.identifier });
    expect(writes()).toEqual([]);
    expect(logs.warnings.join("\n")).toMatch(
      /Custom provider "My Tavily" .* was created by this resource in an interrupted earlier run/,
    );
  });

  it("updates it to the declaration when it differs", async () => {
    const seeded = emulator().seedProvider(tavily);
    await implementationFor(emulator()).impl.create({ ...devA, description: "declared", importIdentifier: seeded.identifier });
    expect(emulator().providers()[0].description).toBe("declared");
  });

  it("takes it from another stack's marker by writing its own", async () => {
    const { outs } = await implementationFor(emulator()).impl.create(inputsOf("prod", "my-tavily", STATE_B));
    await implementationFor(emulator()).impl.create({ ...devA, importIdentifier: outs.identifier });
    expect(markerInScalekit()).toBe(markerValue(owner("dev", "my-tavily"), STATE_A));
  });

  it("fails naming the identifier when there is no such provider, and creates nothing", async () => {
    const err = await implementationFor(emulator())
      .impl.create({ ...devA, importIdentifier: "MYTAVILY:404" })
      .catch((e) => e);
    expect(err).toBeInstanceOf(ScalekitNotFoundError);
    expect(err.message).toContain("MYTAVILY:404");
    expect(writes()).toEqual([]);
  });

  it("is a control input: removing it later is no change", async () => {
    const { impl } = implementationFor(emulator());
    const olds = { ...devA, importIdentifier: "MYTAVILY:1", identifier: "MYTAVILY:1" };
    expect(await impl.diff("MYTAVILY:1", olds, devA)).toMatchObject({ changes: false });
  });
});

describe("review mends: the import option after creation, taking a provider back", () => {
  it("once the resource exists, check drops the import option, so a replacement creates a new provider", async () => {
    const seeded = emulator().seedProvider(tavily);
    const { impl } = implementationFor(emulator());
    const imported = { ...devA, importIdentifier: seeded.identifier };
    const { outs } = await impl.create(imported);
    const checked = await impl.check(outs, {
      ...imported,
      authPatterns: [{ type: "API_KEY", fields: [{ fieldName: "api_key" }] }],
    });
    expect(checked.inputs).not.toHaveProperty("importIdentifier");
    // The replacement: delete, then create with the checked inputs, which look for no identifier.
    await impl.delete(outs.identifier, outs);
    const replaced = await impl.create(checked.inputs!);
    expect(replaced.id).not.toBe(seeded.identifier);
    expect(emulator().providers()).toHaveLength(1);
    // On the first create the option stays.
    expect((await impl.check({}, imported)).inputs).toHaveProperty("importIdentifier", seeded.identifier);
  });
});

describe("fail closed: a marker of an unexpected shape is another owner's", () => {
  afterEach(() => jest.restoreAllMocks());

  it.each([
    ["a number", { [OWNER_KEY]: 42 }, 'a "managed_by_pulumi" that is a number'],
    ["an empty string", { [OWNER_KEY]: "" }, 'a "managed_by_pulumi" that is an empty string'],
    ["null", { [OWNER_KEY]: null }, 'a "managed_by_pulumi" that is null'],
    ["an object", { [OWNER_KEY]: { owner: "x" } }, 'a "managed_by_pulumi" that is an object'],
    ["metadata that is not a map", "managed_by_pulumi=me", "metadata that is a string, not a map"],
  ])("%s", (_what, metadata, described) => {
    const provider = { metadata } as never;
    expect(ownershipOf(provider, { owner: owner("dev", "r"), stateId: STATE_A })).toBe("unreadable");
    expect(describeOwner(provider)).toBe(`an unknown owner (its metadata holds ${described})`);
  });

  it("no metadata, or metadata without the key, is unmarked as before", () => {
    expect(ownershipOf({}, undefined)).toBe("unmarked");
    expect(ownershipOf({ metadata: { team: "x" } }, undefined)).toBe("unmarked");
  });

  /** Scalekit's listings and look-ups answer every provider with this metadata (the emulator itself refuses such values). */
  function listedWithMetadata(metadata: unknown) {
    type Lists = { list: (...args: unknown[]) => Promise<Record<string, unknown>[]> };
    const proto = ScalekitClient.prototype as unknown as Lists;
    const real = proto.list;
    jest.spyOn(proto, "list").mockImplementation(async function (this: unknown, ...args: unknown[]) {
      return (await real.apply(this, args)).map((p) => ({ ...p, metadata }));
    });
  }

  it("update refuses, delete forgets, create refuses unless adopt: nothing is written", async () => {
    const { outs } = await implementationFor(emulator()).impl.create(devA);
    listedWithMetadata({ [OWNER_KEY]: 7 });
    emulator().clearRequests();
    const update = await implementationFor(emulator())
      .impl.update(outs.identifier, outs, { ...devA, description: "x" })
      .catch((e) => e);
    expect(update).toBeInstanceOf(ProviderTakenOverError);
    expect(update.message).toContain(
      'now managed by an unknown owner (its metadata holds a "managed_by_pulumi" that is a number)',
    );
    // The cause named is the one known: an unreadable marker, not a take-over by another stack.
    expect(update.message).toContain("its ownership marker is not one this version can read");
    expect(update.message).not.toContain("another stack took it over");
    const { impl, logs } = implementationFor(emulator());
    await impl.delete(outs.identifier, outs);
    expect(logs.warnings.join("\n")).toContain("an unknown owner");
    const create = await implementationFor(emulator())
      .impl.create(inputsOf("prod", "my-tavily", STATE_B))
      .catch((e) => e);
    expect(create).toBeInstanceOf(AdoptionRequiredError);
    expect(create.message).toMatch(/carries an ownership marker of an unexpected shape: whose it is cannot be read/);
    expect(writes()).toEqual([]);
    expect(emulator().providers()).toHaveLength(1);
  });

  it("adopt: true takes it over, writing a readable marker", async () => {
    emulator().seedProvider(tavily);
    listedWithMetadata("garbage");
    const { impl, logs } = implementationFor(emulator());
    await impl.create({ ...devA, adopt: true });
    expect(markerInScalekit()).toBe(markerValue(owner("dev", "my-tavily"), STATE_A));
    expect(logs.warnings.join("\n")).toContain("wrote this resource's ownership marker");
  });
});

describe("after a write, the marker is checked like every other field", () => {
  afterEach(() => jest.restoreAllMocks());

  /** Scalekit answers PUTs without the marker (it did not keep it). */
  function answersWithoutMarker() {
    const real = ScalekitClient.prototype.updateProvider;
    jest.spyOn(ScalekitClient.prototype, "updateProvider").mockImplementation(async function (this: ScalekitClient, id, def) {
      const answer = await real.call(this, id, def);
      const { [OWNER_KEY]: _dropped, ...metadata } = answer.metadata ?? {};
      return { ...answer, metadata };
    });
  }

  it("a take-over (adopt or import) whose answer lacks the marker fails and is not recorded: no co-ownership", async () => {
    await implementationFor(emulator()).impl.create(inputsOf("prod", "my-tavily", STATE_B));
    answersWithoutMarker();
    const adopt = await implementationFor(emulator())
      .impl.create({ ...devA, adopt: true })
      .catch((e) => e);
    expect(adopt).toBeInstanceOf(MarkerNotKeptError);
    expect(adopt.message).toContain(`sent ${markerValue(owner("dev", "my-tavily"), STATE_A)}`);
    expect(adopt.message).toContain("this stack did not record it");
    // (The PUT itself went through: Scalekit holds dev's marker; only the answer lacks it.)
    expect(markerInScalekit()).toBe(markerValue(owner("dev", "my-tavily"), STATE_A));
    emulator().reset();
    const handMade = emulator().seedProvider(tavily);
    const imported = await implementationFor(emulator())
      .impl.create({ ...devA, importIdentifier: handMade.identifier })
      .catch((e) => e);
    expect(imported).toBeInstanceOf(MarkerNotKeptError);
    expect(imported.message).toContain("found no one (it carries no ownership marker)");
  });

  it("an update of its own provider whose answer lacks the marker is reported, naming what was sent and found", async () => {
    const { outs } = await implementationFor(emulator()).impl.create(devA);
    answersWithoutMarker();
    const { impl, logs } = implementationFor(emulator());
    const { outs: after } = await impl.update(outs.identifier, outs, { ...devA, description: "v2" });
    expect(after.notApplied).toBeUndefined();
    expect(logs.warnings.join("\n")).toContain(
      `does not carry this resource's ownership marker (sent ${markerValue(owner("dev", "my-tavily"), STATE_A)}, found none)`,
    );
  });
});
