import { toCamelCase } from "../../../src/definition/case";
import { keptMetadata, metadataOverflow } from "../../../src/definition/kept-metadata";
import { OWNER_KEY } from "../../../src/definition/ownership";
import type { UpdateMode } from "../../../src/emulator";
import { MetadataLimitError } from "../../../src/operations/errors/metadata-limit-error";
import { apiCalls, tavily, useEmulator } from "../../support/emulator";
import { client } from "../../support/emulator-api";
import { implementationFor } from "../../support/provider";

/**
 * Metadata that others own (docs/update-semantics.md): every write sends back, as Scalekit stores
 * them, the metadata keys this resource never declared, so they survive whether Scalekit merges an
 * update's metadata or replaces it; only keys the declaration removed are left out. Over Scalekit's
 * 20 pairs is refused at preview, naming the keys.
 */
const emulator = useEmulator();

const STATE = "aaaaaaaaaaaaaaaa";
const base = { ...toCamelCase<Record<string, unknown>>(tavily), managedBy: "p/dev/my-tavily", stateId: STATE };
const dashboard = { owner_team: "payments", cost_center: "cc42" };
const puts = () => apiCalls(emulator()).filter((c) => c.startsWith("PUT"));
const stored = () => emulator().providers()[0].metadata ?? {};

describe("which keys are kept (pure)", () => {
  it("keys in neither the previous nor the new declaration, the marker aside; a removed key is left out", () => {
    const server = { metadata: { team: "a", tier: "gold", owner_team: "payments", [OWNER_KEY]: "p/s/r", odd: 7 } };
    expect(
      keptMetadata(server, { ...tavily, metadata: { team: "a", tier: "gold" } }, { ...tavily, metadata: { team: "b" } }),
    ).toEqual({
      owner_team: "payments",
    });
    expect(keptMetadata(server, undefined, tavily)).toEqual({ team: "a", tier: "gold", owner_team: "payments" });
    expect(keptMetadata({ metadata: "not a map" }, undefined, tavily)).toEqual({});
  });

  it("counts the declaration, the kept keys and the marker against Scalekit's 20 pairs", () => {
    const keys = (n: number, prefix: string) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`${prefix}${i}`, "v"]));
    expect(metadataOverflow({ ...tavily, metadata: keys(9, "mine") }, keys(10, "theirs"), true)).toBeUndefined();
    expect(metadataOverflow({ ...tavily, metadata: keys(10, "mine") }, keys(10, "theirs"), true)).toMatchObject({
      pairs: 21,
      declared: 10,
      kept: Object.keys(keys(10, "theirs")).sort(),
      marked: true,
      limit: 20,
    });
  });
});

describe.each(["merge", "replace"] as UpdateMode[])("on a server that %ss metadata on update", (mode) => {
  beforeEach(() => emulator().setUpdateMode(mode));

  it("an adopt, then updates: keys set in the Dashboard survive every write; a removed declared key goes only on replace", async () => {
    emulator().seedProvider({ ...tavily, metadata: dashboard });
    const { impl, logs } = implementationFor(emulator());
    const { id, outs } = await impl.create({ ...base, adopt: true, metadata: { team: "search", tier: "gold" } });
    expect(stored()).toEqual({ ...dashboard, team: "search", tier: "gold", [OWNER_KEY]: `p/dev/my-tavily@${STATE}` });

    const edited = { ...base, adopt: true, description: "edited", metadata: { team: "search", tier: "gold" } };
    const { outs: after } = await impl.update(id, outs, edited);
    expect(stored()).toMatchObject(dashboard);
    expect(emulator().providers()[0].description).toBe("edited");

    const removed = { ...edited, metadata: { team: "search" } };
    await impl.update(id, after, removed);
    expect(stored()).toMatchObject({ ...dashboard, team: "search" });
    expect("tier" in stored()).toBe(mode === "merge");
    // Others' keys are kept on purpose: never reported as leftovers; a removed key a merge keeps is.
    const warnings = logs.warnings.join("\n");
    expect(warnings).not.toMatch(/owner_team|cost_center/);
    if (mode === "merge") expect(warnings).toMatch(/still holds values its declaration does not have: metadata\.tier/);
    else expect(warnings).not.toMatch(/still holds values/);
  });

  it("an import, then its first update, keeps the keys set in the Dashboard", async () => {
    const seeded = emulator().seedProvider({ ...tavily, metadata: dashboard });
    const { impl } = implementationFor(emulator());
    const { outs } = await impl.create({ ...base, importIdentifier: seeded.identifier });
    expect(stored()).toMatchObject(dashboard);
    await impl.update(seeded.identifier, outs, { ...base, description: "first up after the import" });
    expect(stored()).toEqual({ ...dashboard, [OWNER_KEY]: `p/dev/my-tavily@${STATE}` });
  });

  it("a key added in the Dashboard after the last write is read afresh at the next update, and kept", async () => {
    const { id, outs } = await implementationFor(emulator()).impl.create({ ...base, metadata: { team: "search" } });
    await dashboardPut(id, { owner_team: "payments" });
    // The next `pulumi up`: a new provider process, whose update reads the provider before writing.
    await implementationFor(emulator()).impl.update(id, outs, { ...base, metadata: { team: "search" }, description: "x" });
    expect(stored()).toMatchObject({ team: "search", owner_team: "payments" });
  });
});

describe("over Scalekit's 20 metadata pairs", () => {
  const keys = (n: number, prefix: string) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`${prefix}_${i}`, "v"]));

  it("is refused at preview, naming the keys set outside the stack; and before sending when the Dashboard added them since", async () => {
    emulator().seedProvider({ ...tavily, metadata: keys(10, "dash") });
    const { impl } = implementationFor(emulator());
    const { id, outs } = await impl.create({ ...base, adopt: true, metadata: keys(5, "mine") });
    // Preview: the `stored` output holds the 10 Dashboard keys; 10 declared + 10 + the marker = 21.
    const err = await impl.diff(id, outs, { ...base, adopt: true, metadata: keys(10, "mine") }).catch((e) => e);
    expect(err).toBeInstanceOf(MetadataLimitError);
    expect(err.message).toContain("21 metadata pairs, more than Scalekit's 20");
    expect(err.message).toContain("dash_0, dash_1");
    expect(err.keptKeys).toHaveLength(10);
    // 9 declared fits.
    await expect(impl.diff(id, outs, { ...base, metadata: keys(9, "mine") })).resolves.toMatchObject({ changes: true });

    // The Dashboard adds keys after the last refresh: the preview could not see them; the up refuses before any PUT.
    await dashboardPut(id, keys(5, "late"));
    emulator().clearRequests();
    const late = await implementationFor(emulator())
      .impl.update(id, outs, { ...base, metadata: keys(5, "mine"), description: "x" })
      .catch((e) => e);
    expect(late).toBeInstanceOf(MetadataLimitError);
    expect(late.message).toContain("late_0");
    expect(puts()).toEqual([]);
  });

  it("an adopt of a provider holding too many keys is refused before anything is written", async () => {
    emulator().seedProvider({ ...tavily, metadata: keys(15, "dash") });
    emulator().clearRequests();
    const err = await implementationFor(emulator())
      .impl.create({ ...base, adopt: true, metadata: keys(5, "mine") })
      .catch((e) => e);
    expect(err).toBeInstanceOf(MetadataLimitError);
    expect(puts()).toEqual([]);
  });
});

/** Keys added in the Scalekit Dashboard: a merging PUT straight to the emulator, outside any stack. */
async function dashboardPut(identifier: string, metadata: Record<string, string>): Promise<void> {
  const mode = emulator().updateBehaviour();
  emulator().setUpdateMode("merge");
  const p = emulator()
    .providers()
    .find((x) => x.identifier === identifier)!;
  const c = await client(emulator());
  const { display_name, auth_patterns, proxy_url, proxy_enabled } = p;
  const r = await c.update(identifier, { display_name, auth_patterns, proxy_url, proxy_enabled, metadata });
  emulator().setUpdateMode(mode.mode, { metadata: mode.metadata, proxyEnabled: mode.proxyEnabled });
  if (r.status !== 200) throw new Error(`PUT: ${r.status} ${r.text}`);
}
