import { AdoptionRequiredError } from "../../../src";
import { apiCalls, clientFor, numbered, tavily, tokenCalls, useEmulator } from "../../support/emulator";
import { implementationFor } from "../../support/provider";
import { decodeOutputs } from "../../../src/custom-provider";

/** A small page, so that listings span several pages. */
const PAGE = 10;
const emulator = useEmulator({ maxPageSize: PAGE });

const inputs = (i: number) => ({ definition: numbered(i) });
const count = (method: string) => apiCalls(emulator()).filter((c) => c.startsWith(`${method} `)).length;

function seed(from: number, to: number): void {
  for (let i = from; i < to; i++) emulator().seedProvider(numbered(i));
}

describe("one listing per process, shared by every resource", () => {
  it("creating N into an environment of M costs N POSTs, ⌈M/page⌉ listings and 1 token", async () => {
    const M = 25;
    const N = 7;
    seed(0, M);
    const { impl } = implementationFor(emulator());
    await Promise.all(Array.from({ length: N }, (_, i) => impl.create(inputs(100 + i))));
    expect(count("POST")).toBe(N);
    expect(count("GET")).toBe(Math.ceil(M / PAGE));
    expect(tokenCalls(emulator())).toBe(1);
    expect(emulator().providers()).toHaveLength(M + N);
  });

  it("a refresh of N costs ⌈M/page⌉ listings, and reports each provider's current state", async () => {
    seed(0, 20);
    const creator = implementationFor(emulator()).impl;
    const made = await Promise.all([0, 1, 2].map((i) => creator.create(inputs(100 + i))));
    await clientFor(emulator()).updateProvider(made[1].id, { ...numbered(101), description: "edited in the dashboard" });
    emulator().clearRequests();

    const { impl } = implementationFor(emulator());
    const reads = await Promise.all(made.map(({ id, outs }) => impl.read(id, outs)));
    expect(reads.map((r) => r.id)).toEqual(made.map((m) => m.id));
    expect(decodeOutputs(reads[1].props!).stored.description).toBe("edited in the dashboard");
    expect(apiCalls(emulator())).toHaveLength(Math.ceil(23 / PAGE));
    expect(count("GET")).toBe(3);
  });

  it("reports a provider gone only after a direct look-up by identifier", async () => {
    const { impl: creator } = implementationFor(emulator());
    const kept = await creator.create(inputs(1));
    const gone = await creator.create(inputs(2));
    await clientFor(emulator()).deleteProvider(gone.id);
    emulator().clearRequests();

    const { impl } = implementationFor(emulator());
    expect((await impl.read(kept.id, kept.outs)).id).toBe(kept.id);
    expect((await impl.read(gone.id, gone.outs)).id).toBe("");
    const lookUps = emulator()
      .requests()
      .filter((r) => r.path !== "/oauth/token");
    expect(lookUps).toHaveLength(2);
    expect(lookUps[1].query.identifier).toBe(gone.id);
  });

  it("a name made behind our back after the listing: the 409 leads to a direct look-up, then the usual refusal", async () => {
    const { impl } = implementationFor(emulator());
    await impl.create(inputs(1)); // the listing is taken here
    const handMade = emulator().seedProvider({ ...tavily, description: "made by hand" });
    const err = await impl.create({ definition: tavily }).catch((e) => e);
    expect(err).toBeInstanceOf(AdoptionRequiredError);
    expect(err.identifier).toBe(handMade.identifier);
    expect(emulator().providers()).toHaveLength(2);
  });

  it("... or the adoption, when adopt is set", async () => {
    const { impl } = implementationFor(emulator());
    await impl.create(inputs(1));
    const handMade = emulator().seedProvider({ ...tavily, description: "made by hand" });
    emulator().clearRequests();
    const { id } = await impl.create({ definition: tavily, adopt: true });
    expect(id).toBe(handMade.identifier);
    expect(apiCalls(emulator()).filter((c) => !c.startsWith("GET"))).toEqual([
      "POST /api/v1/custom-providers",
      `PUT /api/v1/custom-providers/${handMade.identifier}`,
    ]);
  });

  it("a name listed but deleted behind our back since is created, not resumed", async () => {
    const handMade = emulator().seedProvider(tavily);
    const { impl } = implementationFor(emulator());
    await impl.create(inputs(1)); // the listing is taken here, with "My Tavily" in it
    await clientFor(emulator()).deleteProvider(handMade.identifier);
    const { id } = await impl.create({ definition: tavily });
    expect(id).not.toBe(handMade.identifier);
    expect(
      emulator()
        .providers()
        .map((p) => p.display_name),
    ).toEqual([numbered(1).display_name, "My Tavily"]);
  });
});
