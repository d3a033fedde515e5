import { ProviderSnapshot } from "../../../src/client/provider-snapshot";
import { isProtocolError, ScalekitClient, ScalekitIdentifierMismatchError, ScalekitProtocolError } from "../../../src";
import { clientFor, tavily, useEmulator } from "../../support/emulator";
import { json, startFakeScalekit } from "../../support/fake-scalekit";
import { implementationFor } from "../../support/provider";

/**
 * Scalekit derives the identifier from the display name; the identifier returned at creation is
 * treated as stable (the contract: "keep using it"). A PUT answered with another identifier is a
 * protocol error naming both, never a new target: the state keeps pointing at the recorded one.
 */
const emulator = useEmulator();
afterEach(() => jest.restoreAllMocks());

const inputs = {
  displayName: "My Tavily",
  authPatterns: [{ type: "BEARER", fields: [{ fieldName: "token", label: "API Key", inputType: "password" }] }],
  proxyUrl: "https://api.tavily.com",
};

it("the client refuses a PUT answered with another identifier: a typed protocol error naming both", async () => {
  const fake = await startFakeScalekit((_req, res) => json(res, { provider: { ...tavily, identifier: "MYSEARCH:99" } }));
  try {
    const client = new ScalekitClient(
      { environmentUrl: fake.url, clientId: "id", clientSecret: "mismatch-secret" },
      { sleep: async () => undefined },
    );
    const err = await client.updateProvider("MYTAVILY:1", tavily).catch((e) => e);
    expect(err).toBeInstanceOf(ScalekitIdentifierMismatchError);
    expect(err).toBeInstanceOf(ScalekitProtocolError);
    expect(isProtocolError(err)).toBe(true);
    expect(err).toMatchObject({ identifier: "MYTAVILY:1", answeredIdentifier: "MYSEARCH:99", method: "PUT" });
    expect(err.message).toContain("MYTAVILY:1");
    expect(err.message).toContain("MYSEARCH:99");
    expect(err.message).not.toContain("mismatch-secret");
    // One PUT: not retried, not re-sent to the new identifier.
    expect(fake.requests.filter((r) => r.startsWith("PUT"))).toEqual(["PUT /api/v1/custom-providers/MYTAVILY:1"]);
  } finally {
    await fake.close();
  }
});

it("an update answered with another identifier fails; later calls still use the recorded identifier", async () => {
  const { impl } = implementationFor(emulator());
  const { id, outs } = await impl.create(inputs);
  const realUpdate = ScalekitClient.prototype.updateProvider;
  // The emulator answers correctly: the wrong identifier is put in the parsed answer's place.
  jest.spyOn(ScalekitClient.prototype, "updateProvider").mockImplementationOnce(async function (
    this: ScalekitClient,
    identifier,
    def,
  ) {
    await realUpdate.call(this, identifier, def);
    throw new ScalekitIdentifierMismatchError(
      { method: "PUT", path: `/api/v1/custom-providers/${identifier}` },
      identifier,
      "MYSEARCH:99",
    );
  });
  const err = await impl.update(id, outs, { ...inputs, displayName: "My Search" }).catch((e) => e);
  expect(err).toBeInstanceOf(ScalekitIdentifierMismatchError);
  expect(err.message).toMatch(new RegExp(`MYSEARCH:99.*${id}`));

  // The engine keeps the previous outputs after a failed update: every later call addresses `id`.
  const update = jest.spyOn(ScalekitClient.prototype, "updateProvider");
  update.mockClear();
  await impl.update(id, outs, { ...inputs, proxyUrl: "https://api.tavily.com/v2" });
  expect(update.mock.calls[0][0]).toBe(id);
  const del = jest.spyOn(ScalekitClient.prototype, "deleteProvider");
  await impl.delete(id, outs);
  expect(del).toHaveBeenCalledWith(id);
});

it("state recorded by an older version with a changed `identifier` output keeps using that identifier", async () => {
  const { impl } = implementationFor(emulator());
  const { id, outs } = await impl.create(inputs);
  const find = jest.spyOn(ProviderSnapshot.prototype, "findByIdentifier");
  await impl.read(id, { ...outs, identifier: "MYSEARCH:99" }).catch(() => undefined);
  expect(find.mock.calls[0][0]).toBe("MYSEARCH:99");
  const del = jest.spyOn(ScalekitClient.prototype, "deleteProvider").mockResolvedValue(true);
  await impl.delete(id, { ...outs, identifier: "MYSEARCH:99" });
  expect(del).toHaveBeenCalledWith("MYSEARCH:99");
});

it("the emulator's own answer to a PUT names the identifier it was sent to", async () => {
  const seeded = emulator().seedProvider(tavily);
  await expect(clientFor(emulator()).updateProvider(seeded.identifier, tavily)).resolves.toMatchObject({
    identifier: seeded.identifier,
  });
});
