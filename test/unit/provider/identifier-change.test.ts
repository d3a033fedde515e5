import { ProviderSnapshot } from "../../../src/client/provider-snapshot";
import { ScalekitClient } from "../../../src";
import { useEmulator } from "../../support/emulator";
import { implementationFor } from "../../support/provider";

/**
 * Scalekit derives the identifier from the display name. Whether a rename changes it is not
 * documented; if an update answers with another identifier, it is warned about and recorded, and
 * later calls use it, so the provider is not silently orphaned.
 */
const emulator = useEmulator();
afterEach(() => jest.restoreAllMocks());

const inputs = {
  displayName: "My Tavily",
  authPatterns: [{ type: "BEARER", fields: [{ fieldName: "token", label: "API Key", inputType: "password" }] }],
  proxyUrl: "https://api.tavily.com",
};

it("an identifier changed by a rename is warned about, recorded, and used by later calls", async () => {
  const { impl, logs } = implementationFor(emulator());
  const { id, outs } = await impl.create(inputs);
  const realUpdate = ScalekitClient.prototype.updateProvider;
  jest.spyOn(ScalekitClient.prototype, "updateProvider").mockImplementationOnce(async function (
    this: ScalekitClient,
    identifier,
    def,
  ) {
    const provider = await realUpdate.call(this, identifier, def);
    return { ...provider, identifier: "MYSEARCH:99" };
  });
  const { outs: after } = await impl.update(id, outs, { ...inputs, displayName: "My Search" });
  expect(after!.identifier).toBe("MYSEARCH:99");
  expect(logs.warnings.join()).toMatch(new RegExp(`identifier changed from ${id} to MYSEARCH:99`));

  const update = jest.spyOn(ScalekitClient.prototype, "updateProvider");
  update.mockClear();
  await impl
    .update(id, after!, { ...inputs, displayName: "My Search", proxyUrl: "https://api.tavily.com/v2" })
    .catch(() => undefined);
  expect(update.mock.calls[0][0]).toBe("MYSEARCH:99");
  const find = jest.spyOn(ProviderSnapshot.prototype, "findByIdentifier");
  await impl.read(id, after!).catch(() => undefined);
  expect(find.mock.calls[0][0]).toBe("MYSEARCH:99");
  const del = jest.spyOn(ScalekitClient.prototype, "deleteProvider").mockResolvedValue(true);
  await impl.delete(id, after!);
  expect(del).toHaveBeenCalledWith("MYSEARCH:99");
});
