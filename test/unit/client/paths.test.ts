import * as errors from "../../../src/client";
import { providerPath, ScalekitApiError } from "../../../src/client";
import { apiCalls, clientFor, tavily, useEmulator } from "../../support/emulator";

const named = (name: string) => (errors as Record<string, unknown>)[name] as new (...a: never[]) => Error;

const emulator = useEmulator();

describe("identifiers in paths, as Scalekit's docs send them", () => {
  it("keeps ':' raw and percent-encodes only what a segment cannot hold", () => {
    expect(providerPath("MYASANA:12345")).toBe("/api/v1/custom-providers/MYASANA:12345");
    expect(providerPath("A@B+C=D;E,F$G&H!I*J'K(L)M~N")).toBe("/api/v1/custom-providers/A@B+C=D;E,F$G&H!I*J'K(L)M~N");
    expect(providerPath("a/b c%d?e#f")).toBe("/api/v1/custom-providers/a%2Fb%20c%25d%3Fe%23f");
    expect(providerPath("..")).toBe("/api/v1/custom-providers/%2E%2E");
  });

  it("sends the raw ':' on update and delete", async () => {
    const client = clientFor(emulator());
    const { provider } = await client.createProvider(tavily);
    await client.updateProvider(provider.identifier, { ...tavily, description: "v2" });
    expect(await client.deleteProvider(provider.identifier)).toBe(true);
    const paths = emulator()
      .requests()
      .filter((r) => r.method === "PUT" || r.method === "DELETE")
      .map((r) => r.path);
    expect(paths).toEqual([`/api/v1/custom-providers/${provider.identifier}`, `/api/v1/custom-providers/${provider.identifier}`]);
    expect(paths.join()).not.toContain("%3A");
  });
});

describe("a 404 on PUT or DELETE means gone only when a listing agrees", () => {
  it("DELETE answered 404 while the provider is listed is an error naming the path sent, not success", async () => {
    const seeded = emulator().seedProvider(tavily);
    const client = clientFor(emulator());
    emulator().injectFault({ status: 404, method: "DELETE" });
    const err = await client.deleteProvider(seeded.identifier).catch((e) => e);
    expect(err).toBeInstanceOf(named("ScalekitRouteError"));
    expect(err.message).toContain(`DELETE /api/v1/custom-providers/${seeded.identifier}`);
    expect(emulator().providers()).toHaveLength(1);
    expect(apiCalls(emulator())).toEqual([`DELETE /api/v1/custom-providers/${seeded.identifier}`, "GET /api/v1/providers"]);
  });

  it("DELETE answered 404 for a provider the listing does not show counts as already deleted", async () => {
    const client = clientFor(emulator());
    expect(await client.deleteProvider("GONE:1")).toBe(false);
    expect(apiCalls(emulator())).toEqual(["DELETE /api/v1/custom-providers/GONE:1", "GET /api/v1/providers"]);
    expect(emulator().requests().at(-1)?.query.identifier).toBe("GONE:1");
  });

  it("a 404 followed by a malformed listing is an error, never 'gone'", async () => {
    const seeded = emulator().seedProvider(tavily);
    const client = clientFor(emulator());
    emulator().injectFault({ status: 404, method: "DELETE" });
    emulator().injectFault({ malformedBody: "nullProviders", method: "GET" });
    await expect(client.deleteProvider(seeded.identifier)).rejects.toBeInstanceOf(named("ScalekitProtocolError"));
  });

  it("PUT answered 404 while the provider is listed is an error naming the path; absent, it stays a 404", async () => {
    const seeded = emulator().seedProvider(tavily);
    const client = clientFor(emulator());
    emulator().injectFault({ status: 404, method: "PUT" });
    const err = await client.updateProvider(seeded.identifier, tavily).catch((e) => e);
    expect(err).toBeInstanceOf(named("ScalekitRouteError"));
    expect(err.message).toContain(`PUT /api/v1/custom-providers/${seeded.identifier}`);
    const gone = await client.updateProvider("GONE:2", tavily).catch((e) => e);
    expect(gone).toBeInstanceOf(ScalekitApiError);
    expect(gone.status).toBe(404);
  });
});
