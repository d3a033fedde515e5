import { ScalekitApiError, ScalekitAuthError, ScalekitNetworkError, ScalekitClient } from "../../../src/client";
import { EnvironmentRegistry } from "../../../src/client/environments";
import { resolveConfig } from "../../../src/config";
import { isInUse } from "../../../src/errors";
import { apiCalls, clientFor, numbered, recordingSleep, tavily, tokenCalls, useEmulator } from "../../support/emulator";

const emulator = useEmulator({ maxPageSize: 25 });

describe("listing", () => {
  it("follows next_page_token past the server's maximum page size", async () => {
    for (let i = 0; i < 60; i++) emulator().seedProvider(numbered(i));
    const client = clientFor(emulator(), { pageSize: 1000 });
    const all = await client.listProviders();
    expect(all).toHaveLength(60);
    expect(new Set(all.map((p) => p.identifier)).size).toBe(60);
    expect(apiCalls(emulator()).filter((c) => c.startsWith("GET"))).toHaveLength(3);
    expect(
      emulator()
        .requests()
        .every((r) => r.path === "/oauth/token" || r.query["filter.provider_type"] === "CUSTOM"),
    ).toBe(true);
  });

  it("finds by identifier (which contains ':') and by name through the derived key", async () => {
    const seeded = emulator().seedProvider(tavily);
    expect(seeded.identifier).toContain(":");
    const client = clientFor(emulator());
    expect((await client.findByIdentifier(seeded.identifier))?.id).toBe(seeded.id);
    expect((await client.findByName("MY  tavily"))?.identifier).toBe(seeded.identifier);
    expect(await client.findByIdentifier("NOPE:1")).toBeUndefined();
  });
});

describe("create, update, delete", () => {
  it("creates, updates with the full definition and deletes, the identifier's ':' raw in the path", async () => {
    const client = clientFor(emulator());
    const { provider, recovered } = await client.createProvider({ ...tavily, metadata: { owner: "search" } });
    expect(recovered).toBe(false);
    const updated = await client.updateProvider(provider.identifier, { ...tavily, description: "changed" });
    expect(updated.description).toBe("changed");
    // The answer carries the provider as stored: Scalekit merges metadata, so the key sent before stays.
    expect(updated.metadata).toEqual({ owner: "search" });
    expect(await client.deleteProvider(provider.identifier)).toBe(true);
    expect(await client.deleteProvider(provider.identifier)).toBe(false);
    expect(
      emulator()
        .requests()
        .some((r) => r.path.endsWith(provider.identifier)),
    ).toBe(true);
    expect(emulator().providers()).toHaveLength(0);
  });

  it("accepts 200 as well as 201 on create", async () => {
    const { startEmulator } = await import("../../../src/emulator");
    const plain = await startEmulator({ createStatus: 200 });
    try {
      const { provider } = await clientFor(plain).createProvider(tavily);
      expect(provider.display_name).toBe("My Tavily");
    } finally {
      await plain.close();
    }
  });

  it("carries status, message, error code and field violations of a refused request", async () => {
    const client = clientFor(emulator());
    const err = await client.createProvider({ ...tavily, display_name: "my-tavily" }).catch((e) => e);
    expect(err).toBeInstanceOf(ScalekitApiError);
    expect(err.status).toBe(400);
    // Scalekit's bare message; the detail comes from `details`, and the error shows it all.
    expect(err.serverMessage).toBe("Validation error");
    expect(err.errorCode).toBe("INVALID_ARGUMENT");
    expect(err.fieldViolations.map((v: { field: string }) => v.field)).toContain("display_name");
    expect(err.message).toMatch(
      /HTTP 400 \[INVALID_ARGUMENT\]: Validation error\n {2}- display_name: value does not match regex pattern/,
    );
  });

  it("a bare 'Validation error' without details still reads as a clear refusal", () => {
    const err = new ScalekitApiError({
      status: 400,
      method: "PUT",
      path: "/api/v1/custom-providers/X:1",
      body: { code: 3, message: "Validation error", details: [] },
    });
    expect(err.message).toBe("Scalekit PUT /api/v1/custom-providers/X:1 failed with HTTP 400: Validation error");
    expect(err.fieldViolations).toEqual([]);
  });

  it("reports 404 on update of an unknown identifier and PROVIDER_HAS_EXISTING_CONNECTIONS on delete in use", async () => {
    const client = clientFor(emulator());
    const missing = await client.updateProvider("GONE:1", tavily).catch((e) => e);
    expect(missing).toMatchObject({ status: 404, errorCode: "NOT_FOUND" });
    const { provider } = await client.createProvider(tavily);
    emulator().addConnection(provider.identifier);
    const inUse = await client.deleteProvider(provider.identifier).catch((e) => e);
    expect(inUse).toBeInstanceOf(ScalekitApiError);
    expect(inUse).toMatchObject({
      status: 400,
      errorCode: "PROVIDER_HAS_EXISTING_CONNECTIONS",
      serverMessage: "cannot delete custom provider with existing connections",
    });
    expect(isInUse(inUse)).toBe(true);
    // Recognised by its text alone too (gRPC code 3 without the error code of the Java SDK).
    const bare = new ScalekitApiError({
      status: 400,
      method: "DELETE",
      path: "/api/v1/custom-providers/X:1",
      body: { code: 3, message: "cannot delete custom provider with existing connections", details: [] },
    });
    expect(isInUse(bare)).toBe(true);
    emulator().removeConnections(provider.identifier);
    expect(await client.deleteProvider(provider.identifier)).toBe(true);
  });

  it("a 409 on create is not retried", async () => {
    emulator().seedProvider({ ...tavily, display_name: "MyTavily" });
    const err = await clientFor(emulator())
      .createProvider(tavily)
      .catch((e) => e);
    expect(err).toMatchObject({ status: 409 });
    expect(apiCalls(emulator()).filter((c) => c.startsWith("POST"))).toHaveLength(1);
  });
});

describe("tokens", () => {
  it("makes one token request per environment per process, shared by concurrent calls and clients", async () => {
    // The process's clients of one environment come from its registry (client/environments.ts).
    const registry = new EnvironmentRegistry({ clientOptions: { sleep: async () => undefined } });
    const values: Record<string, string> = {
      environmentUrl: emulator().url,
      clientId: emulator().clientId,
      clientSecret: emulator().clientSecret,
    };
    const config = (namespace: string, extra: Record<string, string> = {}) =>
      resolveConfig({ get: (k) => ({ ...values, ...extra })[k.split(":")[1]] }, namespace, {});
    const a = registry.entryFor(config("scalekit")).client;
    // Another namespace naming the same environment with other settings: another client, the same token.
    const b = registry.entryFor(config("other", { requestTimeout: "5" })).client;
    expect(b).not.toBe(a);
    await Promise.all([a.listProviders(), a.listProviders(), b.listProviders(), b.findByName("x")]);
    await a.createProvider(tavily);
    expect(tokenCalls(emulator())).toBe(1);
  });

  it("renews once on a 401 and retries the call", async () => {
    const client = clientFor(emulator());
    await client.listProviders();
    emulator().revokeTokens();
    await client.listProviders();
    expect(tokenCalls(emulator())).toBe(2);
    expect(
      emulator()
        .requests()
        .filter((r) => r.status === 401),
    ).toHaveLength(1);
  });

  it("renews a token that expired", async () => {
    const { startEmulator } = await import("../../../src/emulator");
    // A lifetime shorter than the renewal margin: every call must fetch a fresh token.
    const shortLived = await startEmulator({ tokenTtlSeconds: 1 });
    try {
      const client = clientFor(shortLived);
      await client.listProviders();
      await new Promise((r) => setTimeout(r, 1100));
      await client.listProviders();
      expect(shortLived.requests().filter((r) => r.status === 401)).toHaveLength(0);
      expect(tokenCalls(shortLived)).toBe(2);
    } finally {
      await shortLived.close();
    }
  });

  it("reports refused credentials without the secret", async () => {
    const client = new ScalekitClient(
      { environmentUrl: emulator().url, clientId: "wrong", clientSecret: "very-secret-value-123" },
      { sleep: async () => undefined },
    );
    const err = await client.listProviders().catch((e) => e);
    expect(err).toBeInstanceOf(ScalekitAuthError);
    expect(err.status).toBe(401);
    expect(JSON.stringify({ m: err.message, s: err.stack })).not.toContain("very-secret-value-123");
  });
});

describe("retries", () => {
  it("retries GET on 429, 502, 503 and 504 with backoff, honouring Retry-After", async () => {
    const { sleep, delays } = recordingSleep();
    const client = clientFor(emulator(), { sleep, retry: { limit: 4 }, random: () => 0.5 });
    await client.listProviders(); // token first, so faults hit the API call
    emulator().clearRequests();
    emulator().injectFault({ status: 429, retryAfterSeconds: 7, method: "GET", pathPrefix: "/api" });
    emulator().injectFault({ status: 502, method: "GET", pathPrefix: "/api" });
    emulator().injectFault({ status: 503, method: "GET", pathPrefix: "/api" });
    emulator().injectFault({ status: 504, method: "GET", pathPrefix: "/api" });
    await client.listProviders();
    expect(apiCalls(emulator())).toHaveLength(5);
    expect(delays[0]).toBe(7000 + 0.5 * 7000 * 0.2); // Retry-After plus jitter
    expect(delays.slice(1).every((d) => d > 0 && d <= 8000)).toBe(true);
  });

  it("gives up after the retry limit with the last error", async () => {
    const client = clientFor(emulator(), { retry: { limit: 2 } });
    await client.listProviders();
    emulator().clearRequests();
    emulator().injectFault({ status: 503, count: 10, method: "GET" });
    const err = await client.listProviders().catch((e) => e);
    expect(err).toMatchObject({ status: 503 });
    expect(apiCalls(emulator())).toHaveLength(3);
  });

  it("does not retry a 400 or a 500", async () => {
    const client = clientFor(emulator());
    await client.listProviders();
    emulator().clearRequests();
    emulator().injectFault({ status: 500, method: "GET" });
    await expect(client.listProviders()).rejects.toMatchObject({ status: 500 });
    expect(apiCalls(emulator())).toHaveLength(1);
  });

  it("retries a POST refused with 429 (the server did not act)", async () => {
    const client = clientFor(emulator());
    emulator().injectFault({ status: 429, method: "POST", pathPrefix: "/api" });
    await client.createProvider(tavily);
    expect(apiCalls(emulator()).filter((c) => c.startsWith("POST"))).toHaveLength(2);
    expect(emulator().providers()).toHaveLength(1);
  });

  it("a create whose connection drops after commit is looked up, not re-sent: no duplicate", async () => {
    const client = clientFor(emulator());
    emulator().injectFault({ dropAfterCommit: true, method: "POST", pathPrefix: "/api/v1/custom-providers" });
    const { provider, recovered } = await client.createProvider(tavily);
    expect(recovered).toBe(true);
    expect(emulator().providers()).toHaveLength(1);
    expect(emulator().providers()[0].identifier).toBe(provider.identifier);
    const calls = apiCalls(emulator());
    expect(calls.filter((c) => c.startsWith("POST"))).toHaveLength(1);
    expect(calls[calls.length - 1]).toMatch(/^GET \/api\/v1\/providers/);
  });

  it("a create that never reached the server is sent again after the look-up finds nothing", async () => {
    const client = clientFor(emulator());
    emulator().injectFault({ dropBeforeCommit: true, method: "POST", pathPrefix: "/api/v1/custom-providers" });
    const { recovered } = await client.createProvider(tavily);
    expect(recovered).toBe(false);
    expect(emulator().providers()).toHaveLength(1);
    expect(apiCalls(emulator()).map((c) => c.split(" ")[0])).toEqual(["POST", "GET", "POST"]);
  });

  it("a create answered 503 by a gateway is looked up before any resend", async () => {
    const client = clientFor(emulator());
    emulator().injectFault({ status: 503, method: "POST", pathPrefix: "/api" });
    await client.createProvider(tavily);
    expect(apiCalls(emulator()).map((c) => c.split(" ")[0])).toEqual(["POST", "GET", "POST"]);
    expect(emulator().providers()).toHaveLength(1);
  });

  it("a timed-out create is recovered by look-up, and the late original cannot duplicate", async () => {
    const client = clientFor(emulator(), { requestTimeoutMs: 150 });
    await client.listProviders();
    emulator().injectFault({ latencyMs: 600, method: "POST", pathPrefix: "/api" });
    emulator().clearRequests();
    const { recovered } = await client.createProvider(tavily);
    await new Promise((r) => setTimeout(r, 700));
    expect(recovered).toBe(false);
    expect(emulator().providers()).toHaveLength(1);
    // The late original is refused by the name rule; in between, the client looked the name up.
    const calls = emulator()
      .requests()
      .filter((r) => r.path.startsWith("/api/"))
      .sort((a, b) => a.seq - b.seq)
      .map((r) => `${r.method} ${r.status}`);
    expect(calls).toEqual(["POST 409", "GET 200", "POST 201"]);
  });

  it("retries an update and a delete whose connection dropped after commit (both idempotent)", async () => {
    const client = clientFor(emulator());
    const { provider } = await client.createProvider(tavily);
    emulator().injectFault({ dropAfterCommit: true, method: "PUT" });
    const updated = await client.updateProvider(provider.identifier, { ...tavily, description: "v2" });
    expect(updated.description).toBe("v2");
    emulator().injectFault({ dropAfterCommit: true, method: "DELETE" });
    await client.deleteProvider(provider.identifier);
    expect(emulator().providers()).toHaveLength(0);
  });

  it("reports a network failure as a ScalekitNetworkError", async () => {
    const client = new ScalekitClient(
      { environmentUrl: "http://127.0.0.1:9", clientId: "a", clientSecret: "b-secret" },
      { sleep: async () => undefined, retry: { limit: 1 } },
    );
    const err = await client.listProviders().catch((e) => e);
    expect(err).toBeInstanceOf(ScalekitNetworkError);
    expect(err.code).toBe("ECONNREFUSED");
    expect(err.outcomeUnknown).toBe(false);
  });
});
