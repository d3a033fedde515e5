import type { ApiProvider } from "../../../src/definition/types";
import { ProviderSnapshot, SnapshotSource } from "../../../src/client/provider-snapshot";
import { EnvironmentRegistry } from "../../../src/client/environments";
import { resolveConfig } from "../../../src/config";

function provider(identifier: string, displayName: string, description = ""): ApiProvider {
  return {
    identifier,
    display_name: displayName,
    description,
    auth_patterns: [],
    proxy_url: "https://x.example",
  } as unknown as ApiProvider;
}

/** A fake environment whose listing can be held open, counting what the snapshot asks. */
class FakeSource implements SnapshotSource {
  server = new Map<string, ApiProvider>();
  listings = 0;
  lookups: string[] = [];
  private gate: Promise<void> | undefined;
  failNextListing = false;

  constructor(...initial: ApiProvider[]) {
    for (const p of initial) this.server.set(p.identifier, p);
  }

  /** The next listing reads the server now but answers only on release(). */
  holdNextListing(): () => void {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    this.gate = gate;
    return release;
  }

  async listProviders(): Promise<ApiProvider[]> {
    this.listings++;
    if (this.failNextListing) {
      this.failNextListing = false;
      throw new Error("listing failed");
    }
    const seen = [...this.server.values()];
    const gate = this.gate;
    this.gate = undefined;
    if (gate) await gate;
    return seen;
  }

  async findByIdentifier(identifier: string): Promise<ApiProvider | undefined> {
    this.lookups.push(identifier);
    return this.server.get(identifier);
  }
}

describe("ProviderSnapshot", () => {
  it("lists once for any number of concurrent name and identifier look-ups", async () => {
    const source = new FakeSource(provider("A:1", "Alpha"), provider("B:1", "Beta"));
    const snapshot = new ProviderSnapshot(source);
    const results = await Promise.all([
      snapshot.findByName("Gamma"),
      snapshot.findByName("Delta"),
      snapshot.findByIdentifier("A:1"),
      snapshot.findByIdentifier("B:1"),
    ]);
    expect(results.map((p) => p?.identifier)).toEqual([undefined, undefined, "A:1", "B:1"]);
    expect(source.listings).toBe(1);
    expect(source.lookups).toEqual([]);
  });

  it("confirms a name it holds by identifier, matching names on Scalekit's derived key", async () => {
    const source = new FakeSource(provider("MYASANA:1", "My Asana"));
    const snapshot = new ProviderSnapshot(source);
    expect((await snapshot.findByName("myasana"))?.identifier).toBe("MYASANA:1");
    expect(source.lookups).toEqual(["MYASANA:1"]);
  });

  it("reports a name free when the provider it listed was deleted or renamed since", async () => {
    const source = new FakeSource(provider("A:1", "Alpha"), provider("B:1", "Beta"));
    const snapshot = new ProviderSnapshot(source);
    await snapshot.findByIdentifier("A:1");
    source.server.delete("A:1");
    source.server.set("B:1", provider("B:1", "Renamed"));
    expect(await snapshot.findByName("Alpha")).toBeUndefined();
    expect(await snapshot.findByName("Beta")).toBeUndefined();
    expect(source.listings).toBe(1);
  });

  it("reports a provider gone only after a direct look-up by identifier says so", async () => {
    const source = new FakeSource(provider("A:1", "Alpha"));
    const snapshot = new ProviderSnapshot(source);
    expect(await snapshot.findByIdentifier("Z:9")).toBeUndefined();
    expect(source.lookups).toEqual(["Z:9"]);
    // Made behind our back after the listing: the direct look-up finds it, and it is kept.
    source.server.set("N:1", provider("N:1", "New"));
    expect((await snapshot.findByIdentifier("N:1"))?.identifier).toBe("N:1");
    expect((await snapshot.findByIdentifier("N:1"))?.identifier).toBe("N:1");
    expect(source.lookups).toEqual(["Z:9", "N:1"]);
    expect(source.listings).toBe(1);
  });

  it("serves our own writes, even those answered while the listing was in flight", async () => {
    const source = new FakeSource(provider("OLD:1", "Old"), provider("GONE:1", "Gone"));
    const snapshot = new ProviderSnapshot(source);
    const release = source.holdNextListing();
    const listing = snapshot.findByIdentifier("OLD:1");
    // The listing has read the server; these writes are answered before it returns.
    snapshot.record(provider("NEW:1", "New"));
    snapshot.record(provider("OLD:1", "Old", "updated"));
    snapshot.forget("GONE:1");
    release();
    expect((await listing)?.description).toBe("updated");
    expect((await snapshot.findByIdentifier("NEW:1"))?.display_name).toBe("New");
    source.server.delete("GONE:1");
    expect(await snapshot.findByIdentifier("GONE:1")).toBeUndefined();
    expect(source.lookups).toEqual(["GONE:1"]);
    expect(source.listings).toBe(1);
  });

  it("after a 409, looks the name up in a fresh listing", async () => {
    const source = new FakeSource();
    const snapshot = new ProviderSnapshot(source);
    expect(await snapshot.findByName("Alpha")).toBeUndefined();
    source.server.set("ALPHA:1", provider("ALPHA:1", "Alpha"));
    expect((await snapshot.refreshName("Alpha"))?.identifier).toBe("ALPHA:1");
    expect(source.listings).toBe(2);
  });

  it("does not keep a failed listing: the next look-up lists again", async () => {
    const source = new FakeSource(provider("A:1", "Alpha"));
    source.failNextListing = true;
    const snapshot = new ProviderSnapshot(source);
    await expect(snapshot.findByIdentifier("A:1")).rejects.toThrow("listing failed");
    expect((await snapshot.findByIdentifier("A:1"))?.identifier).toBe("A:1");
    expect(source.listings).toBe(2);
  });

  it("lists again once the listing is older than maxAgeMs (a long-lived host)", async () => {
    let now = 1_000;
    const source = new FakeSource(provider("A:1", "Alpha"));
    const snapshot = new ProviderSnapshot(source, { maxAgeMs: 100, now: () => now });
    await snapshot.findByIdentifier("A:1");
    now += 100;
    await snapshot.findByIdentifier("A:1");
    expect(source.listings).toBe(1);
    now += 1;
    await snapshot.findByIdentifier("A:1");
    expect(source.listings).toBe(2);
  });

  describe("findFresh: whose a provider is, read afresh before an update or a delete", () => {
    const marked = (identifier: string, owner: string) =>
      ({ ...provider(identifier, identifier), metadata: { managed_by_pulumi: owner } }) as unknown as ApiProvider;

    it("serves a listing started within the window; an older one is listed again, so another stack's adopt is seen", async () => {
      let now = 10_000;
      const source = new FakeSource(marked("A:1", "p/a/r@aaaaaaaaaaaaaaaa"));
      const snapshot = new ProviderSnapshot(source, { now: () => now });
      await snapshot.findByIdentifier("A:1"); // the run's first listing
      source.server.set("A:1", marked("A:1", "p/b/r@bbbbbbbbbbbbbbbb")); // stack B adopts it
      now += 5_000;
      expect((await snapshot.findFresh("A:1", 5_000))?.metadata).toEqual({ managed_by_pulumi: "p/a/r@aaaaaaaaaaaaaaaa" });
      expect(source.listings).toBe(1);
      now += 1;
      expect((await snapshot.findFresh("A:1", 5_000))?.metadata).toEqual({ managed_by_pulumi: "p/b/r@bbbbbbbbbbbbbbbb" });
      expect(source.listings).toBe(2);
      // The fresh listing now serves everything else too.
      expect((await snapshot.findByIdentifier("A:1"))?.metadata).toEqual({ managed_by_pulumi: "p/b/r@bbbbbbbbbbbbbbbb" });
      expect(source.listings).toBe(2);
      expect(source.lookups).toEqual([]);
    });

    it("concurrent callers of one window share one new listing (a destroy of M providers: one listing per window, not M look-ups)", async () => {
      let now = 0;
      const ids = Array.from({ length: 50 }, (_, i) => `P:${i}`);
      const source = new FakeSource(...ids.map((id) => provider(id, id)));
      const snapshot = new ProviderSnapshot(source, { now: () => now });
      await snapshot.list();
      now += 60_000;
      const found = await Promise.all(ids.map((id) => snapshot.findFresh(id, 5_000)));
      expect(found.every(Boolean)).toBe(true);
      expect(source.listings).toBe(2);
      // Later callers in the same window, and callers while a listing started in the window is in flight, share it too.
      now += 4_000;
      const release = source.holdNextListing();
      now += 2_000; // past the window of the stored listing: a new one starts, and is held
      const first = snapshot.findFresh("P:1", 5_000);
      now += 1_000;
      const second = snapshot.findFresh("P:2", 5_000);
      release();
      await Promise.all([first, second]);
      expect(source.listings).toBe(3);
      expect(source.lookups).toEqual([]);
    });

    it("a window of 0 lists again for every decision asked after the last listing started", async () => {
      let now = 0;
      const source = new FakeSource(provider("A:1", "Alpha"));
      const snapshot = new ProviderSnapshot(source, { now: () => now });
      await snapshot.findFresh("A:1", 0);
      await snapshot.findFresh("A:1", 0); // same instant: the listing is no older than asked
      expect(source.listings).toBe(1);
      now += 1;
      await snapshot.findFresh("A:1", 0);
      expect(source.listings).toBe(2);
    });

    it("keeps our own writes answered while the fresh listing was in flight, and confirms a miss by identifier", async () => {
      let now = 0;
      const source = new FakeSource(provider("A:1", "Alpha"), provider("B:1", "Beta"));
      const snapshot = new ProviderSnapshot(source, { now: () => now });
      await snapshot.list();
      now += 10_000;
      const release = source.holdNextListing();
      const fresh = snapshot.findFresh("A:1", 5_000);
      snapshot.record(provider("A:1", "Alpha", "our update"));
      snapshot.forget("B:1");
      source.server.delete("B:1"); // our delete, answered while the listing was in flight
      release();
      expect((await fresh)?.description).toBe("our update");
      expect(await snapshot.findFresh("B:1", 5_000)).toBeUndefined();
      expect(source.lookups).toEqual(["B:1"]);
      expect(await snapshot.findFresh("Z:9", 5_000)).toBeUndefined();
      expect(source.lookups).toEqual(["B:1", "Z:9"]);
    });
  });

  it("skips a listed provider without a name where names are read, with one warning; look-ups by identifier keep it", async () => {
    const warnings: string[] = [];
    const unnamed = { identifier: "NONAME:1", auth_patterns: [], proxy_url: "https://x.example" } as unknown as ApiProvider;
    const nullName = { ...unnamed, identifier: "NULLNAME:1", display_name: null } as unknown as ApiProvider;
    const source = new FakeSource(unnamed, nullName, provider("A:1", "Alpha"));
    const snapshot = new ProviderSnapshot(source, { warn: (m) => warnings.push(m) });
    expect((await snapshot.list()).map((p) => p.identifier)).toEqual(["A:1"]);
    expect(await snapshot.findByName("Alpha")).toMatchObject({ identifier: "A:1" });
    expect(await snapshot.findByName("Nothing")).toBeUndefined();
    expect((await snapshot.findByIdentifier("NONAME:1"))?.identifier).toBe("NONAME:1");
    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toMatch(/NONAME:1 without a display_name: it is skipped/);
  });

  it("is one per environment in a registry", () => {
    const registry = new EnvironmentRegistry();
    const config = (url: string, ns = "scalekit") =>
      resolveConfig(
        { get: (k) => ({ [`${ns}:environmentUrl`]: url, [`${ns}:clientId`]: "id", [`${ns}:clientSecret`]: "s3cret-value" })[k] },
        ns,
        {},
      );
    const a = registry.entryFor(config("https://a.example")).snapshot;
    expect(registry.entryFor(config("https://a.example", "other")).snapshot).toBe(a);
    expect(registry.entryFor(config("https://b.example")).snapshot).not.toBe(a);
  });
});
