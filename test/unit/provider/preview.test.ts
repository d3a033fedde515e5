import { CustomProviderImplementation } from "../../../src/provider/implementation";
import { useEmulator } from "../../support/emulator";
import { implementationFor } from "../../support/provider";

/** Preview (check and diff) resolves nothing remote and needs no client secret. */
const emulator = useEmulator();

const tavilyInputs = {
  displayName: "My Tavily",
  authPatterns: [{ type: "BEARER", fields: [{ fieldName: "token", label: "API Key", inputType: "password" }] }],
  proxyUrl: "https://api.tavily.com",
};

/** A reviewer's machine: the stack's URL and client id, no client secret, no SCALEKIT_* variables. */
function reviewer(values: Record<string, string>) {
  return new CustomProviderImplementation({
    config: { get: (k) => values[k] },
    env: {},
    logger: { warn: () => undefined, debug: () => undefined },
  });
}

describe("preview needs no secret", () => {
  it("check and diff run without clientSecret and make no request", async () => {
    const { impl } = implementationFor(emulator());
    const { id, outs } = await impl.create(tavilyInputs);
    emulator().clearRequests();
    const r = reviewer({ "scalekit:environmentUrl": emulator().url, "scalekit:clientId": emulator().clientId });
    expect((await r.check({}, tavilyInputs)).failures).toEqual([]);
    expect(await r.diff(id, outs, tavilyInputs)).toMatchObject({ changes: false });
    expect(await r.diff(id, outs, { ...tavilyInputs, proxyUrl: "https://api.tavily.com/v2" })).toMatchObject({
      changes: true,
      replaces: [],
    });
    expect(emulator().requests()).toEqual([]);
  });

  it("an unknown configNamespace does not break preview", async () => {
    const { impl } = implementationFor(emulator());
    const { id, outs } = await impl.create(tavilyInputs);
    const r = reviewer({});
    await expect(r.diff(id, outs, { ...tavilyInputs, configNamespace: "neverConfigured" })).resolves.toMatchObject({
      replaces: [],
    });
    await expect(r.diff(id, outs, tavilyInputs)).resolves.toMatchObject({ changes: false });
  });

  it("renaming configNamespace to one pointing at the same environment is an update, not a replacement", async () => {
    const { impl } = implementationFor(emulator(), {
      "scalekitDev:environmentUrl": `${emulator().url}/`,
      "scalekitDev:clientId": emulator().clientId,
      "scalekitDev:clientSecret": emulator().clientSecret,
    });
    const { id, outs } = await impl.create(tavilyInputs);
    const diff = await impl.diff(id, outs, { ...tavilyInputs, configNamespace: "scalekitDev" });
    expect(diff).toEqual({ changes: true, replaces: [], deleteBeforeReplace: false });
    const { outs: after } = await impl.update(id, outs, { ...tavilyInputs, configNamespace: "scalekitDev" });
    expect(after).toMatchObject({ identifier: id, configNamespace: "scalekitDev", environmentUrl: emulator().url });
    expect(emulator().providers()).toHaveLength(1);
  });

  it("renaming configNamespace to one pointing at another environment is still refused", async () => {
    const { impl } = implementationFor(emulator(), {
      "other:environmentUrl": "https://other.scalekit.dev",
      "other:clientId": "x",
    });
    const { id, outs } = await impl.create(tavilyInputs);
    await expect(impl.diff(id, outs, { ...tavilyInputs, configNamespace: "other" })).rejects.toThrow(/would orphan/);
  });
});
