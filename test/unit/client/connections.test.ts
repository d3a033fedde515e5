import { isPermissionDenied, isProtocolError, ScalekitClient } from "../../../src/client";
import { apiCalls, clientFor, numbered, tavily, useEmulator } from "../../support/emulator";
import { json, startFakeScalekit } from "../../support/fake-scalekit";

/**
 * ListAppConnections through the client: pages of at most 30, the `provider` filter only for
 * identifiers the server takes (1 to 50 characters), every answer matched on provider_key, and
 * every failure or unexpected answer thrown (the caller reads it as "unknown", never as none).
 */
const emulator = useEmulator();

const connectionsRequests = () =>
  emulator()
    .requests()
    .filter((r) => r.path === "/api/v1/connections/app");

async function failure(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (err) {
    return err;
  }
  throw new Error("expected the look-up to fail");
}

describe("listConnections", () => {
  it("follows next_page_token in pages of 30, filtered by the identifier, and names each connection", async () => {
    const asana = emulator().seedProvider(numbered(1));
    const other = emulator().seedProvider(numbered(2));
    for (let i = 0; i < 65; i++) emulator().addConnection(asana.identifier, { name: `asana-${i}` });
    for (let i = 0; i < 3; i++) emulator().addConnection(other.identifier);

    const connections = await clientFor(emulator()).listConnections(asana.identifier);
    expect(connections).toHaveLength(65);
    expect(connections.map((c) => c.key_id)).toEqual(Array.from({ length: 65 }, (_, i) => `asana-${i}`));
    expect(connections.every((c) => c.provider_key === asana.identifier)).toBe(true);
    const requests = connectionsRequests();
    expect(requests).toHaveLength(3);
    expect(requests.every((r) => r.query.page_size === "30" && r.query.provider === asana.identifier)).toBe(true);
    expect(requests.map((r) => r.query.page_token ?? "")[0]).toBe("");
    expect(requests.slice(1).every((r) => r.query.page_token)).toBe(true);
    expect(await clientFor(emulator()).listConnections(numbered(3).display_name)).toEqual([]);
  });

  it("lists without the filter for an identifier longer than 50 characters, and matches provider_key", async () => {
    const long = emulator().seedProvider({ ...tavily, display_name: `Tavily ${"x".repeat(60)}` });
    expect(long.identifier.length).toBeGreaterThan(50);
    const other = emulator().seedProvider(numbered(1));
    for (let i = 0; i < 40; i++) emulator().addConnection(other.identifier);
    emulator().addConnection(long.identifier, { name: "long-1" });
    emulator().addConnection(long.identifier, { name: "long-2" });

    const connections = await clientFor(emulator()).listConnections(long.identifier);
    expect(connections.map((c) => c.key_id)).toEqual(["long-1", "long-2"]);
    const requests = connectionsRequests();
    expect(requests).toHaveLength(2); // 42 connections in pages of 30
    expect(requests.every((r) => r.query.provider === undefined && r.query.page_size === "30")).toBe(true);
  });

  it("a 403 names the permission agent_connectors:read", async () => {
    const p = emulator().seedProvider(numbered(1));
    emulator().injectFault({ status: 403, pathPrefix: "/api/v1/connections/app" });
    const err = await failure(clientFor(emulator()).listConnections(p.identifier));
    expect(isPermissionDenied(err)).toBe(true);
    expect((err as { permission: string }).permission).toBe("agent_connectors:read");
    expect((err as Error).message).toContain("needs the permission agent_connectors:read");
  });

  it.each(["nullConnections", "empty", "html", "truncated"] as const)(
    "a malformed answer (%s) throws a protocol error, never an empty list",
    async (malformedBody) => {
      const p = emulator().seedProvider(numbered(1));
      emulator().addConnection(p.identifier);
      emulator().injectFault({ malformedBody, pathPrefix: "/api/v1/connections/app" });
      const err = await failure(clientFor(emulator()).listConnections(p.identifier));
      expect(isProtocolError(err)).toBe(true);
      expect((err as Error).message).toContain("GET /api/v1/connections/app");
    },
  );

  it("a listing longer than the page cap throws instead of counting part of it", async () => {
    const p = emulator().seedProvider(numbered(1));
    for (let i = 0; i < 65; i++) emulator().addConnection(p.identifier);
    const err = await failure(clientFor(emulator(), { maxConnectionPages: 2 }).listConnections(p.identifier));
    expect(isProtocolError(err)).toBe(true);
    expect((err as Error).message).toContain("more than 2 pages");
    expect(apiCalls(emulator())).toHaveLength(2);
  });
});

describe("answers the emulator never gives", () => {
  const client = (url: string) =>
    new ScalekitClient({ environmentUrl: url, clientId: "id", clientSecret: "secret" }, { sleep: async () => undefined });

  it("counts only the provider's connections when a server ignores the filter", async () => {
    const fake = await startFakeScalekit((_req, res) =>
      json(res, {
        connections: [
          { id: "conn_1", key_id: "mine", provider_key: "MINE:1" },
          { id: "conn_2", key_id: "theirs", provider_key: "THEIRS:1" },
          { id: "conn_3", provider_key: "MINE:1" },
        ],
        next_page_token: "",
      }),
    );
    try {
      const found = await client(fake.url).listConnections("MINE:1");
      expect(found.map((c) => c.key_id ?? c.id)).toEqual(["mine", "conn_3"]);
    } finally {
      await fake.close();
    }
  });

  it.each([
    ["a connection without provider_key", { connections: [{ id: "conn_1", key_id: "x" }], next_page_token: "" }],
    ["connections that are not a list", { connections: { id: "conn_1" } }],
    ["a page token of another type", { connections: [], next_page_token: 7 }],
  ])("%s is a protocol error", async (_what, body) => {
    const fake = await startFakeScalekit((_req, res) => json(res, body));
    try {
      expect(isProtocolError(await failure(client(fake.url).listConnections("MINE:1")))).toBe(true);
    } finally {
      await fake.close();
    }
  });

  it("a page token sent twice ends the listing with a protocol error", async () => {
    const fake = await startFakeScalekit((_req, res) =>
      json(res, { connections: [{ provider_key: "MINE:1" }], next_page_token: "again" }),
    );
    try {
      const err = await failure(client(fake.url).listConnections("MINE:1"));
      expect((err as Error).message).toContain("a page token it had already sent");
      expect(fake.requests.filter((r) => r.startsWith("GET /api/v1/connections/app"))).toHaveLength(2);
    } finally {
      await fake.close();
    }
  });
});
