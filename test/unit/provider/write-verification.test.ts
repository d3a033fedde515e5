import { NotAppliedError, ScalekitClient } from "../../../src";
import { toCamelCase } from "../../../src/definition/case";
import { leftovers, managedView } from "../../../src/definition/managed";
import { checkWrite, onlyNotApplied, recordNotApplied, stillNotApplied } from "../../../src/definition/write-check";
import { apiCalls, tavily, useEmulator } from "../../support/emulator";
import { implementationFor } from "../../support/provider";
import { decodeOutputs } from "../../../src/custom-provider";

/**
 * What Scalekit did, not what we sent (docs/update-semantics.md): every write is checked against the
 * provider Scalekit answers with, on an emulator that merges updates as the live server does and on one
 * that replaces them, and the decisions for a removed metadata key, a cleared description and
 * proxy_enabled: false hold without a false success, a perpetual diff or a PUT sent again and again.
 */
const emulator = useEmulator({ updateMode: "merge" });

const STATE = "aaaaaaaaaaaaaaaa";
const base = { ...toCamelCase<Record<string, unknown>>(tavily), managedBy: "p/dev/my-tavily", stateId: STATE };
const puts = () => apiCalls(emulator()).filter((c) => c.startsWith("PUT"));

// Scalekit applies proxy_enabled on every update, and reads it left out as false: every PUT sends it.
afterEach(() => {
  const sent = emulator()
    .requests()
    .filter((r) => r.method === "PUT" && r.path.startsWith("/api/v1/custom-providers/"));
  for (const put of sent) expect(put.bodyKeys).toContain("proxy_enabled");
});

/** create, then update to `next`, as `pulumi up` would; then refresh (read) and diff, as the next cycle would. */
async function createThenUpdate(first: Record<string, unknown>, next: Record<string, unknown>) {
  const { impl, logs } = implementationFor(emulator());
  const created = await impl.create(first);
  const updated = await impl.update(created.id, created.outs, next);
  return { impl, logs, id: created.id, outs: updated.outs };
}

describe("the managed view and the write check (pure)", () => {
  it("manages declared metadata keys only, and description and icon_src only when declared", () => {
    const server = { ...tavily, description: "kept", icon_src: "https://i.example/x.png", metadata: { team: "a", tier: "gold" } };
    const declared = { ...tavily, description: "", metadata: { team: "a" } };
    const { description: _undeclared, ...rest } = tavily as typeof tavily & { description?: string };
    expect(managedView(server, declared)).toEqual({ ...rest, metadata: { team: "a" } });
    expect(leftovers(server, declared)).toEqual([
      { field: "metadata.tier", kept: "gold" },
      { field: "description", kept: "kept" },
      { field: "icon_src", kept: "https://i.example/x.png" },
    ]);
  });

  it("finds what Scalekit did not apply, records it without its values, and recognises a resend of it alone", () => {
    const sent = { ...tavily, proxy_enabled: false, description: "new" };
    const stored = { ...tavily, proxy_enabled: true, description: "new" };
    const { notApplied } = checkWrite(sent, stored);
    expect(notApplied).toEqual([{ path: ["proxy_enabled"], field: "proxy_enabled", sent: false, kept: true }]);
    const recorded = notApplied.map(recordNotApplied);
    expect(JSON.stringify(recorded)).not.toMatch(/true|false/);
    expect(onlyNotApplied(stored, sent, recorded)).toEqual(recorded);
    expect(onlyNotApplied(stored, { ...sent, description: "newer" }, recorded)).toBeUndefined();
    expect(stillNotApplied(recorded, stored)).toEqual(recorded);
    expect(stillNotApplied(recorded, { ...stored, proxy_enabled: false })).toEqual([]);
  });
});

describe("on a server that merges updates (the live behaviour)", () => {
  it("a removed metadata key is reported as kept, and settles: no drift, no second PUT", async () => {
    const { impl, logs, id, outs } = await createThenUpdate(
      { ...base, metadata: { team: "search", tier: "gold" } },
      { ...base, metadata: { team: "search" } },
    );
    expect(emulator().providers()[0].metadata).toMatchObject({ team: "search", tier: "gold" });
    expect(logs.warnings.join("\n")).toMatch(/still holds values its declaration does not have: metadata\.tier/);
    expect(decodeOutputs(outs).stored.metadata).toEqual({ team: "search", tier: "gold" });
    // Two refresh + up cycles: the declaration manages `team` only, so nothing is left to do.
    for (let cycle = 0; cycle < 2; cycle++) {
      const read = await impl.read(id, outs);
      expect(read.inputs).toMatchObject({ metadata: { team: "search" } });
      expect(await impl.diff(id, read.props!, { ...base, metadata: { team: "search" } })).toMatchObject({ changes: false });
    }
  });

  it("a cleared description is reported as kept, and settles", async () => {
    const { impl, logs, id, outs } = await createThenUpdate({ ...base, description: "old words" }, { ...base, description: "" });
    expect(emulator().providers()[0].description).toBe("old words");
    expect(logs.warnings.join("\n")).toMatch(/still holds values .*description \(a value of 9 characters \(not shown\)\)/);
    const read = await impl.read(id, outs);
    expect(await impl.diff(id, read.props!, { ...base, description: "" })).toMatchObject({ changes: false });
  });

  it("proxy_enabled: false that Scalekit keeps true is reported, shown as a remaining difference, and never resent alone", async () => {
    emulator().setUpdateMode("merge", { proxyEnabled: "true-only" });
    const declared = { ...base, proxyEnabled: false };
    const { impl, logs, id, outs } = await createThenUpdate(base, declared);
    expect(emulator().providers()[0].proxy_enabled).toBe(true);
    expect(logs.warnings.join("\n")).toContain("Scalekit did not apply all of the write");
    expect(logs.warnings.join("\n")).toContain("proxy_enabled: sent false, Scalekit kept true");
    // The outputs record what Scalekit holds: the next preview shows the remaining difference...
    expect(outs.proxyEnabled ?? true).toBe(true);
    expect(await impl.diff(id, outs, declared)).toMatchObject({ changes: true });
    expect(logs.warnings.join("\n")).toContain("Scalekit did not apply proxy_enabled at the last write");
    expect(logs.warnings.join("\n")).toContain("An up will fail on it without sending anything");
    // ... and the next up fails naming the field, sending nothing; so does the one after a refresh.
    emulator().clearRequests();
    const again = await impl.update(id, outs, declared).catch((e) => e);
    expect(again).toBeInstanceOf(NotAppliedError);
    expect(again.fields).toEqual(["proxy_enabled"]);
    const read = await impl.read(id, outs);
    const afterRefresh = await impl.update(id, read.props!, declared).catch((e) => e);
    expect(afterRefresh).toBeInstanceOf(NotAppliedError);
    expect(puts()).toEqual([]);
    // Another change alongside it is sent (with the refused part again).
    await impl.update(id, read.props!, { ...declared, description: "also this" });
    expect(puts()).toHaveLength(1);
  });

  it("proxy_enabled: false is applied when the server takes it", async () => {
    emulator().setUpdateMode("merge");
    const { logs, outs } = await createThenUpdate(base, { ...base, proxyEnabled: false });
    expect(emulator().providers()[0].proxy_enabled).toBe(false);
    expect(logs.warnings.join("\n")).not.toContain("did not apply");
    expect(outs.notApplied).toBeUndefined();
  });
});

describe.each([
  // mode, metadata reading, a removed key kept?, a cleared description kept?
  ["merge", "merge", true, true],
  ["merge", "replace", false, true],
  ["merge", "clear-if-empty", true, true],
  ["replace", "replace", false, false],
  ["replace", "merge", true, false],
  ["replace", "clear-if-empty", true, false],
] as const)("update semantics: mode %s, metadata %s", (mode, metadata, keyKept, descriptionKept) => {
  beforeEach(() => emulator().setUpdateMode(mode, { metadata }));

  it("a removed metadata key and a cleared description: reported when kept, settled either way, proxy_enabled kept", async () => {
    const { impl, logs, id, outs } = await createThenUpdate(
      { ...base, description: "old words", metadata: { team: "search", tier: "gold" } },
      { ...base, description: "", metadata: { team: "search" } },
    );
    const [stored] = emulator().providers();
    const { managed_by_pulumi: marker, ...metadataOfTheirs } = stored.metadata;
    expect(marker).toBe("p/dev/my-tavily@aaaaaaaaaaaaaaaa");
    expect(metadataOfTheirs).toEqual(keyKept ? { team: "search", tier: "gold" } : { team: "search" });
    expect(stored.description).toBe(descriptionKept ? "old words" : "");
    // proxy_enabled is always sent, so an update never switches proxying off by leaving it out.
    expect(stored.proxy_enabled).toBe(true);
    const warnings = logs.warnings.join("\n");
    expect(/does not have: .*\bmetadata\.tier \(a value/.test(warnings)).toBe(keyKept);
    expect(/does not have: .*\bdescription \(a value/.test(warnings)).toBe(descriptionKept);
    expect(warnings).not.toContain("did not apply");
    expect(outs.notApplied).toBeUndefined();
    const read = await impl.read(id, outs);
    expect(await impl.diff(id, read.props!, { ...base, description: "", metadata: { team: "search" } })).toMatchObject({
      changes: false,
    });
    expect(puts()).toHaveLength(1);
  });
});

describe("on a server that replaces the whole provider", () => {
  beforeEach(() => emulator().setUpdateMode("replace"));

  it("a removed metadata key and a cleared description are gone, with nothing to report", async () => {
    const { logs, outs } = await createThenUpdate(
      { ...base, description: "old", metadata: { team: "search", tier: "gold" } },
      { ...base, description: "", metadata: { team: "search" } },
    );
    expect(emulator().providers()[0]).toMatchObject({ description: "", metadata: { team: "search" } });
    expect(logs.warnings.join("\n")).not.toMatch(/still holds|did not apply/);
    expect(outs.notApplied).toBeUndefined();
  });
});

describe("a write answered with something else than was sent", () => {
  afterEach(() => jest.restoreAllMocks());

  it("is reported, and the outputs record what Scalekit answered", async () => {
    const real = ScalekitClient.prototype.updateProvider;
    jest.spyOn(ScalekitClient.prototype, "updateProvider").mockImplementation(async function (this: ScalekitClient, id, def) {
      const stored = await real.call(this, id, def);
      return { ...stored, display_name: "Renamed By Server" };
    });
    const { logs, outs } = await createThenUpdate(base, { ...base, description: "edited" });
    expect(logs.warnings.join("\n")).toContain('display_name: sent "My Tavily", Scalekit kept "Renamed By Server"');
    expect(outs.displayName).toBe("Renamed By Server");
    expect(decodeOutputs(outs).stored.display_name).toBe("Renamed By Server");
  });
});

describe("review mends: what a write's answer and a recorded refusal mean", () => {
  afterEach(() => jest.restoreAllMocks());

  it("a create answered with something else than was sent is reported too", async () => {
    const real = ScalekitClient.prototype.createProvider;
    jest.spyOn(ScalekitClient.prototype, "createProvider").mockImplementation(async function (this: ScalekitClient, def) {
      const created = await real.call(this, def);
      return { ...created, provider: { ...created.provider, proxy_url: "https://elsewhere.example.com" } };
    });
    const { impl, logs } = implementationFor(emulator());
    const { outs } = await impl.create(base);
    // A proxy_url may be a secret, which the provider cannot tell: told by its size only.
    expect(logs.warnings.join("\n")).toContain(
      "proxy_url: sent a value of 22 characters (not shown), Scalekit kept a value of 29 characters (not shown)",
    );
    expect(logs.warnings.join("\n")).not.toContain("elsewhere");
    expect(outs.proxyUrl).toBe("https://elsewhere.example.com");
  });

  it("a value Scalekit adds that was not sent is reported as held, not recorded as a refusal", async () => {
    const real = ScalekitClient.prototype.updateProvider;
    jest.spyOn(ScalekitClient.prototype, "updateProvider").mockImplementation(async function (this: ScalekitClient, id, def) {
      const stored = await real.call(this, id, def);
      return { ...stored, icon_src: "https://icons.example.com/default.png" };
    });
    const { logs, outs } = await createThenUpdate(base, { ...base, description: "edited" });
    expect(outs.notApplied).toBeUndefined();
    expect(logs.warnings.join("\n")).toMatch(/still holds values its declaration does not have: icon_src/);
    expect(logs.warnings.join("\n")).not.toContain("did not apply");
  });

  it("an answer without the ownership marker that was sent is reported", async () => {
    const real = ScalekitClient.prototype.updateProvider;
    jest.spyOn(ScalekitClient.prototype, "updateProvider").mockImplementation(async function (this: ScalekitClient, id, def) {
      const stored = await real.call(this, id, def);
      return { ...stored, metadata: {} };
    });
    const { logs } = await createThenUpdate(base, { ...base, description: "edited" });
    expect(logs.warnings.join("\n")).toContain(
      "does not carry this resource's ownership marker (sent p/dev/my-tavily@aaaaaaaaaaaaaaaa, found none)",
    );
  });

  it("a recorded refusal does not block an update that records something else (a renamed namespace)", async () => {
    emulator().setUpdateMode("merge", { proxyEnabled: "true-only" });
    const declared = { ...base, proxyEnabled: false };
    const { impl, id, outs } = await createThenUpdate(base, declared);
    expect(outs.notApplied).toBeDefined();
    const config = {
      "scalekitDev:environmentUrl": emulator().url,
      "scalekitDev:clientId": emulator().clientId,
      "scalekitDev:clientSecret": emulator().clientSecret,
    };
    const renamed = implementationFor(emulator(), config).impl;
    emulator().clearRequests();
    const result = await renamed.update(id, outs, { ...declared, configNamespace: "scalekitDev" });
    expect(puts()).toHaveLength(1);
    expect(result.outs!.configNamespace).toBe("scalekitDev");
    void impl;
  });
});
