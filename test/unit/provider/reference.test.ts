import { isProviderNotFound } from "../../../src";
import { apiCalls, clientFor, tavily, useEmulator } from "../../support/emulator";
import { implementationFor } from "../../support/provider";
import { decodeOutputs } from "../../../src/custom-provider";

/**
 * `CustomProvider.get`: the engine calls `read(identifier, props)` with only what the program sent,
 * `{ reference: true, configNamespace? }`, and on refresh with the reference's last outputs.
 */
const emulator = useEmulator();

const writes = () => apiCalls(emulator()).filter((c) => !c.startsWith("GET"));

describe("read of a reference", () => {
  it("serves the provider's outputs from Scalekit with only the identifier and the flag", async () => {
    const { provider } = await clientFor(emulator()).createProvider({
      ...tavily,
      metadata: { team: "search", managed_by_pulumi: "platform/prod/tavily" },
    });
    const { impl } = implementationFor(emulator());
    emulator().clearRequests();
    const result = await impl.read(provider.identifier, { reference: true });
    expect(result.id).toBe(provider.identifier);
    expect(decodeOutputs(result.props)).toMatchObject({
      reference: true,
      identifier: provider.identifier,
      scalekitId: provider.id,
      environmentUrl: emulator().url,
      displayName: "My Tavily",
      proxyUrl: tavily.proxy_url,
      proxyEnabled: true,
      // The marker is managedBy, not metadata.
      metadata: { team: "search" },
      managedBy: "platform/prod/tavily",
      stored: expect.objectContaining({ display_name: "My Tavily", metadata: { team: "search" } }),
    });
    expect(decodeOutputs(result.props!).authPatterns).toEqual([expect.objectContaining({ type: tavily.auth_patterns[0].type })]);
    expect(result.props).not.toHaveProperty("definition");
    expect(result.props).not.toHaveProperty("configNamespace");
    expect(writes()).toEqual([]);
  });

  it("reads the namespace it names", async () => {
    const { provider } = await clientFor(emulator()).createProvider(tavily);
    const { impl } = implementationFor(emulator(), {
      "scalekit:environmentUrl": "",
      "scalekit:clientId": "",
      "scalekit:clientSecret": "",
      "shared:environmentUrl": emulator().url,
      "shared:clientId": emulator().clientId,
      "shared:clientSecret": emulator().clientSecret,
    });
    const result = await impl.read(provider.identifier, { reference: true, configNamespace: "shared" });
    expect(result.props).toMatchObject({ identifier: provider.identifier, configNamespace: "shared" });
  });

  it("a missing identifier, when the program runs, is an error naming it and the environment", async () => {
    const { impl } = implementationFor(emulator());
    const err = await impl.read("MYASANA:404", { reference: true }).then(
      () => undefined,
      (e: Error) => e,
    );
    expect(isProviderNotFound(err)).toBe(true);
    expect(err!.message).toContain("identifier MYASANA:404");
    expect(err!.message).toContain(emulator().url);
  });

  it("refresh follows the provider and drops one deleted since, as for a managed provider", async () => {
    const client = clientFor(emulator());
    const { provider } = await client.createProvider(tavily);
    const first = await implementationFor(emulator()).impl.read(provider.identifier, { reference: true });
    await client.updateProvider(provider.identifier, { ...tavily, description: "changed by its owner" });
    const refreshed = await implementationFor(emulator()).impl.read(provider.identifier, first.props!);
    expect(refreshed.props).toMatchObject({ reference: true, description: "changed by its owner" });

    await client.deleteProvider(provider.identifier);
    emulator().clearRequests();
    const gone = await implementationFor(emulator()).impl.read(provider.identifier, refreshed.props!);
    expect(gone.id).toBe("");
    expect(writes()).toEqual([]);
  });

  it("delete of a reference sends nothing", async () => {
    const { provider } = await clientFor(emulator()).createProvider(tavily);
    const { impl } = implementationFor(emulator());
    const { props } = await impl.read(provider.identifier, { reference: true });
    emulator().clearRequests();
    await impl.delete(provider.identifier, props!);
    expect(emulator().requests()).toEqual([]);
    expect(emulator().providers()).toHaveLength(1);
  });
});
