import * as errors from "../../../src/client";
import { ScalekitClient } from "../../../src/client";
import { apiCalls, clientFor, tavily, useEmulator } from "../../support/emulator";
import { FakeScalekit, json, startFakeScalekit } from "../../support/fake-scalekit";
import { implementationFor } from "../../support/provider";
import { MAX_DEFINITION_DEPTH } from "../../../src/definition/depth";

/** Looked up by name so that the tests compile (and fail) against a client without the class. */
const ProtocolError = (errors as Record<string, unknown>).ScalekitProtocolError as new (...a: never[]) => Error;

const emulator = useEmulator();

describe("list answers are validated before they are believed", () => {
  it.each(["empty", "nullProviders", "html", "truncated"] as const)(
    "a 200 list with a %s body is an error, never 'no providers'",
    async (kind) => {
      const seeded = emulator().seedProvider(tavily);
      const client = clientFor(emulator());
      emulator().injectFault({ malformedBody: kind, method: "GET", count: 2 });
      const listed = await client.listProviders().catch((e) => e);
      expect(listed).toBeInstanceOf(ProtocolError);
      expect(listed.message).toMatch(/GET \/api\/v1\/providers/);
      const found = await client.findByIdentifier(seeded.identifier).catch((e) => e);
      expect(found).toBeInstanceOf(ProtocolError);
    },
  );

  it("refresh (read) fails on a malformed list instead of returning a blank id that drops the provider from state", async () => {
    const seeded = emulator().seedProvider(tavily);
    const { impl } = implementationFor(emulator());
    emulator().injectFault({ malformedBody: "empty", method: "GET" });
    await expect(impl.read(seeded.identifier, {} as never)).rejects.toBeInstanceOf(ProtocolError);
    await expect(impl.read("GONE:1", {} as never)).resolves.toEqual({ id: "", props: {} });
  });

  it("findByIdentifier answers 'absent' after a well-formed empty answer", async () => {
    await expect(clientFor(emulator()).findByIdentifier("NOPE:1")).resolves.toBeUndefined();
  });

  describe("against a server that answers wrongly", () => {
    let fake: FakeScalekit | undefined;
    afterEach(async () => {
      await fake?.close();
      fake = undefined;
    });
    const start = async (handle: Parameters<typeof startFakeScalekit>[0]) => {
      fake = await startFakeScalekit(handle);
      return new ScalekitClient(
        { environmentUrl: fake.url, clientId: "id", clientSecret: "answers-secret" },
        { sleep: async () => undefined, maxPages: 5, maxResponseBytes: 64 * 1024 },
      );
    };

    it.each([
      ["a provider without an identifier", { providers: [{ display_name: "X" }], next_page_token: "" }],
      ["a provider that is not an object", { providers: ["X:1"] }],
      ["a numeric page token", { providers: [], next_page_token: 7 }],
      ["a JSON array", [{ identifier: "X:1" }]],
    ])("refuses %s", async (_what, body) => {
      const client = await start((_req, res) => json(res, body));
      await expect(client.listProviders()).rejects.toBeInstanceOf(ProtocolError);
    });

    it("caps the pages of one listing", async () => {
      let n = 0;
      const client = await start((_req, res) => json(res, { providers: [], next_page_token: `page-${++n}` }));
      const err = await client.listProviders().catch((e) => e);
      expect(err).toBeInstanceOf(ProtocolError);
      expect(err.message).toMatch(/more than 5 pages/);
      expect(fake!.requests.filter((r) => r.startsWith("GET"))).toHaveLength(5);
    });

    it("bounds the size of an answer", async () => {
      const big = Array.from({ length: 2000 }, (_, i) => ({
        identifier: `P:${i}`,
        display_name: `Provider ${i}`,
        description: "x".repeat(40),
      }));
      const client = await start((_req, res) => json(res, { providers: big, next_page_token: "" }));
      const err = await client.listProviders().catch((e) => e);
      expect(err).toBeInstanceOf(ProtocolError);
      expect(err.message).toMatch(/larger than 65536 bytes/);
    });

    it("refuses an absurdly deep answer as a protocol error, not a stack overflow", async () => {
      const depth = 30_000;
      const deep = `{"providers":[{"identifier":"X:1","display_name":"X","auth_patterns":${"[".repeat(depth)}${"]".repeat(depth)}}],"next_page_token":""}`;
      const client = await start((_req, res) => {
        res.writeHead(200, { "Content-Type": "application/json" });
        res.end(deep);
      });
      const err = await client.listProviders().catch((e) => e);
      expect(err).toBeInstanceOf(ProtocolError);
      expect(err.message).toMatch(/GET \/api\/v1\/providers \(HTTP 200\) with an answer nested more than 64 levels deep/);
      await expect(client.updateProvider("X:1", tavily)).rejects.toBeInstanceOf(ProtocolError);
    });

    it("reads an absurdly deep error body as an error of its status, without reading the body", async () => {
      const depth = 30_000;
      const client = await start((_req, res) => {
        res.writeHead(400, { "Content-Type": "application/json" });
        res.end(`{"message":${"[".repeat(depth)}${"]".repeat(depth)}}`);
      });
      const err = await client.updateProvider("X:1", tavily).catch((e) => e);
      expect(err).toMatchObject({ status: 400 });
      expect(err.message).toContain("nested more than 64 levels deep, not read");
    });

    it("accepts an answer nested as deep as a definition is", async () => {
      let nested: unknown = "leaf";
      for (let i = 0; i < 50; i++) nested = { x: nested };
      const client = await start((_req, res) =>
        json(res, { providers: [{ identifier: "X:1", display_name: "X", extra: nested }], next_page_token: "" }),
      );
      await expect(client.listProviders()).resolves.toHaveLength(1);
    });

    it("lists a provider without a display_name (or with null) for look-ups by identifier; a non-string name is refused", async () => {
      let name: unknown = undefined;
      const client = await start((_req, res) =>
        json(res, {
          providers: [{ identifier: "X:1", ...(name === undefined ? {} : { display_name: name }) }],
          next_page_token: "",
        }),
      );
      await expect(client.findByIdentifier("X:1")).resolves.toMatchObject({ identifier: "X:1" });
      name = null;
      await expect(client.findByIdentifier("X:1")).resolves.toMatchObject({ identifier: "X:1" });
      name = 42;
      await expect(client.findByIdentifier("X:1")).rejects.toBeInstanceOf(ProtocolError);
    });

    it("refuses an update answer without a provider object", async () => {
      const client = await start((_req, res) => json(res, { ok: true }));
      await expect(client.updateProvider("X:1", tavily)).rejects.toBeInstanceOf(ProtocolError);
    });
  });
});

describe("create answers are validated", () => {
  it("a garbled 2xx on create is an unknown outcome: looked up, never duplicated", async () => {
    const client = clientFor(emulator());
    // The emulator garbles the answer without creating anything: the look-up finds nothing, so it resends.
    emulator().injectFault({ malformedBody: "empty", method: "POST", pathPrefix: "/api/v1/custom-providers" });
    const { recovered } = await client.createProvider(tavily);
    expect(recovered).toBe(false);
    expect(apiCalls(emulator()).map((c) => c.split(" ")[0])).toEqual(["POST", "GET", "POST"]);
    expect(emulator().providers()).toHaveLength(1);
  });
});

describe("a declaration's depth", () => {
  /** Tavily with one extra key in its auth pattern, nesting the definition `depth` levels in all. */
  const nestedTo = (depth: number) => {
    // definition > auth_patterns > pattern > extra: three levels before the chain of objects.
    let nested: unknown = "leaf";
    for (let i = 0; i < depth - 3; i++) nested = { x: nested };
    return { ...tavily, auth_patterns: [{ ...tavily.auth_patterns[0], extra: nested }] };
  };

  it("is refused at preview past MAX_DEFINITION_DEPTH, with no request; at the limit it is written and read back", async () => {
    const { impl } = implementationFor(emulator());
    emulator().clearRequests();
    const refused = await impl.check({}, { definition: nestedTo(MAX_DEFINITION_DEPTH + 1), managedBy: "p/dev/deep" });
    expect(refused.failures.map((f) => f.reason)).toEqual([
      expect.stringMatching(new RegExp(`^the definition nests objects and arrays more than ${MAX_DEFINITION_DEPTH} levels deep`)),
    ]);
    expect(apiCalls(emulator())).toEqual([]);

    const deepest = { definition: nestedTo(MAX_DEFINITION_DEPTH), managedBy: "p/dev/deep" };
    expect((await impl.check({}, deepest)).failures).toEqual([]);
    const { id, outs } = await impl.create(deepest);
    // Every later listing of the environment still reads: the answer's envelope fits MAX_ANSWER_DEPTH.
    await expect(clientFor(emulator()).listProviders()).resolves.toHaveLength(1);
    expect((await impl.read(id, outs)).id).toBe(id);
  });
});
