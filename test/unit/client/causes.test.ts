import * as errors from "../../../src/client";
import { ScalekitApiError, ScalekitAuthError } from "../../../src/client";
import { apiCalls, clientFor, tavily, tokenCalls, useEmulator } from "../../support/emulator";
import { fakeTime } from "../../support/fake-time";

const named = (name: string) => (errors as Record<string, unknown>)[name] as new (...a: never[]) => Error;

const emulator = useEmulator();

describe("errors name the real cause", () => {
  it("a 429 from the token endpoint is a rate limit, not refused credentials, retried until the deadline", async () => {
    const time = fakeTime();
    const client = clientFor(emulator(), { ...time, random: () => 0, retry: { limit: 1 }, operationTimeoutMs: 2_000 });
    emulator().injectFault({ status: 429, pathPrefix: "/oauth/token", count: 10 });
    const err = await client.listProviders().catch((e) => e);
    expect(err).toBeInstanceOf(named("ScalekitDeadlineError"));
    expect(err.lastError).not.toBeInstanceOf(ScalekitAuthError);
    expect(err.lastError).toBeInstanceOf(named("ScalekitRateLimitError"));
    expect(err.message).toMatch(/rate-limited the token request/);
    expect(err.message).not.toMatch(/refused the client credentials/);
    // Waits of 150, 300 and 600 ms fit in the 2 s (the retry limit of 1 does not apply); 1200 ms more would not.
    expect(time.delays).toEqual([150, 300, 600]);
    expect(tokenCalls(emulator())).toBe(4);
  });

  it("a 503 from the token endpoint during a create is 'unavailable', not an unknown outcome: no POST, no look-up", async () => {
    const client = clientFor(emulator(), { retry: { limit: 2 } });
    emulator().injectFault({ status: 503, pathPrefix: "/oauth/token", count: 10 });
    const err = await client.createProvider(tavily).catch((e) => e);
    expect(err).toBeInstanceOf(named("ScalekitUnavailableError"));
    expect(err.message).toMatch(/token endpoint .* is unavailable \(HTTP 503/);
    expect(err.message).not.toMatch(/outcome/);
    expect(apiCalls(emulator())).toEqual([]);
    expect(tokenCalls(emulator())).toBe(3);
  });

  it("refused credentials are still reported as such", async () => {
    const client = new errors.ScalekitClient(
      { environmentUrl: emulator().url, clientId: "wrong", clientSecret: "wrong-secret-xyz" },
      { sleep: async () => undefined },
    );
    await expect(client.listProviders()).rejects.toBeInstanceOf(ScalekitAuthError);
    expect(tokenCalls(emulator())).toBe(1);
  });

  describe("a 403 names the missing permission", () => {
    it.each([
      ["list", "GET", "/api/v1/providers", "agent_connectors:read"],
      ["create", "POST", "/api/v1/custom-providers", "agent_connectors:write"],
      ["update", "PUT", "/api/v1/custom-providers/", "agent_connectors:write"],
      ["delete", "DELETE", "/api/v1/custom-providers/", "agent_connectors:write"],
    ])("%s (%s %s): %s", async (operation, method, pathPrefix, permission) => {
      const existing = emulator().seedProvider(tavily);
      const client = clientFor(emulator());
      emulator().injectFault({ status: 403, method, pathPrefix, count: 10 });
      const run: Record<string, () => Promise<unknown>> = {
        list: () => client.listProviders(),
        create: () => client.createProvider({ ...tavily, display_name: "Other" }),
        update: () => client.updateProvider(existing.identifier, tavily),
        delete: () => client.deleteProvider(existing.identifier),
      };
      const err = (await run[operation]().catch((e: Error) => e)) as Error;
      expect(err).toBeInstanceOf(ScalekitApiError);
      expect(err).toBeInstanceOf(named("ScalekitPermissionError"));
      expect(err).toMatchObject({ status: 403, permission });
      expect(err.message).toContain(`needs the permission ${permission}`);
      expect(err.message).toContain("permission denied"); // the server's own message is kept
      expect(apiCalls(emulator()).filter((c) => c.startsWith(method))).toHaveLength(1);
    });
  });

  it("a 409 on the resend of a create whose outcome was unknown means it exists: recovered, through a lagging list", async () => {
    const client = clientFor(emulator());
    emulator().injectFault({ dropAfterCommit: true, method: "POST", pathPrefix: "/api/v1/custom-providers" });
    // The list lags one write behind for the first two look-ups.
    emulator().injectFault({ listLagWrites: 1, count: 2, method: "GET", pathPrefix: "/api/v1/providers" });
    const { provider, recovered } = await client.createProvider(tavily);
    expect(recovered).toBe(true);
    expect(
      emulator()
        .providers()
        .map((p) => p.identifier),
    ).toEqual([provider.identifier]);
    expect(
      emulator()
        .requests()
        .filter((r) => r.path.startsWith("/api/"))
        .map((r) => `${r.method} ${r.status}${r.fault ? ` ${r.fault}` : ""}`),
    ).toEqual(["POST 201 dropAfterCommit", "GET 200 listLagWrites", "POST 409", "GET 200 listLagWrites", "GET 200"]);
  });

  it("a 409 on a first POST is not a recovery", async () => {
    emulator().seedProvider(tavily);
    const err = await clientFor(emulator())
      .createProvider(tavily)
      .catch((e) => e);
    expect(err).toMatchObject({ status: 409 });
    expect(apiCalls(emulator()).map((c) => c.split(" ")[0])).toEqual(["POST"]);
  });
});
