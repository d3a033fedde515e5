import { startEmulator, Emulator } from "../../../src/emulator";
import { useEmulator } from "../../support/emulator";
import { implementationFor } from "../../support/provider";

/**
 * Moving a stack to a new URL of the same environment (a custom domain) with
 * `<namespace>:previousEnvironmentUrl`: accepted only when the new URL lists the recorded identifier.
 * Here the emulator answers at http://127.0.0.1:PORT and, as the "custom domain", http://localhost:PORT.
 */
const emulator = useEmulator();
let other: Emulator;
beforeAll(async () => {
  other = await startEmulator();
});
afterAll(async () => {
  await other.close();
});

const tavilyInputs = {
  displayName: "My Tavily",
  authPatterns: [{ type: "BEARER", fields: [{ fieldName: "token", label: "API Key", inputType: "password" }] }],
  proxyUrl: "https://api.tavily.com",
};

const newUrl = () => emulator().url.replace("127.0.0.1", "localhost");

describe("a new URL of the same environment", () => {
  it("with previousEnvironmentUrl: preview shows an update, up verifies by listing and records the new URL", async () => {
    const { impl } = implementationFor(emulator());
    const { id, outs } = await impl.create(tavilyInputs);
    const moved = implementationFor(emulator(), {
      "scalekit:environmentUrl": newUrl(),
      "scalekit:previousEnvironmentUrl": emulator().url,
    });
    emulator().clearRequests();
    expect(await moved.impl.diff(id, outs, tavilyInputs)).toEqual({ changes: true, replaces: [], deleteBeforeReplace: false });
    expect(emulator().requests()).toEqual([]);
    const { outs: after } = await moved.impl.update(id, outs, tavilyInputs);
    expect(after).toMatchObject({ identifier: id, environmentUrl: newUrl() });
    expect(moved.logs.warnings.join()).toMatch(/now recorded under/);
    // Once recorded, the setting is no longer needed and nothing more changes.
    const settled = implementationFor(emulator(), { "scalekit:environmentUrl": newUrl() });
    expect(await settled.impl.diff(id, after!, tavilyInputs)).toMatchObject({ changes: false });
    const read = await moved.impl.read(id, outs);
    expect(read).toMatchObject({ id, props: { environmentUrl: newUrl() } });
  });

  it("refuses when the new URL does not list the recorded identifier, and writes nothing", async () => {
    const { impl } = implementationFor(emulator());
    const { id, outs } = await impl.create(tavilyInputs);
    const wrong = implementationFor(emulator(), {
      "scalekit:environmentUrl": other.url,
      "scalekit:clientId": other.clientId,
      "scalekit:clientSecret": other.clientSecret,
      "scalekit:previousEnvironmentUrl": emulator().url,
    });
    await expect(wrong.impl.update(id, outs, { ...tavilyInputs, proxyUrl: "https://x.example.com" })).rejects.toThrow(
      /does not list/,
    );
    await expect(wrong.impl.delete(id, outs)).rejects.toThrow(/does not list/);
    await expect(wrong.impl.read(id, outs)).rejects.toThrow(/does not list/);
    expect(other.requests().filter((r) => r.method !== "GET" && r.path !== "/oauth/token")).toEqual([]);
    expect(emulator().providers()).toHaveLength(1);
  });

  it("without the setting, a changed URL is refused as before, naming the setting", async () => {
    const { impl } = implementationFor(emulator());
    const { id, outs } = await impl.create(tavilyInputs);
    const moved = implementationFor(emulator(), { "scalekit:environmentUrl": newUrl() });
    await expect(moved.impl.diff(id, outs, tavilyInputs)).rejects.toThrow(/scalekit:previousEnvironmentUrl/);
  });
});
