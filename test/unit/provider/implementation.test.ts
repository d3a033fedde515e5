import { toCamelCase } from "../../../src/definition/case";
import { buildPayload } from "../../../src/definition/normalize";
import { withOwner } from "../../../src/definition/ownership";
import { copy, EVERY_NEW_KEY } from "../../fixtures/definitions";
import { UNKNOWN } from "../../../src/definition/unknown";
import { AdoptionRequiredError, ProviderInUseError } from "../../../src";
import { apiCalls, asanaWithScopes, tavily, tokenCalls, useEmulator } from "../../support/emulator";
import { implementationFor } from "../../support/provider";
import { decodeOutputs } from "../../../src/custom-provider";

const emulator = useEmulator();

/** camelCase inputs, as a Pulumi program would declare Tavily (the shared example, renamed by rule). */

const tavilyInputs: any = toCamelCase(tavily);

const writes = () => apiCalls(emulator()).filter((c) => !c.startsWith("GET"));

describe("check and diff make no request", () => {
  it("accepts a valid declaration and reports every problem of an invalid one with its path", async () => {
    const { impl } = implementationFor(emulator());
    expect((await impl.check({}, tavilyInputs)).failures).toEqual([]);
    const bad = await impl.check({}, { ...tavilyInputs, displayName: "my-tavily", proxyUrl: "http://x", adopt: "yes" });
    const reasons = bad.failures!.map((f) => f.reason);
    expect(reasons).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^displayName may contain only letters, digits and spaces/),
        expect.stringMatching(/^proxyUrl must start with https:\/\//),
        expect.stringMatching(/^adopt must be true or false/),
      ]),
    );
    expect(emulator().requests()).toHaveLength(0);
  });

  it("names snake_case paths under definition for the API-JSON form, and refuses mixing both forms", async () => {
    const { impl } = implementationFor(emulator());
    const res = await impl.check(
      {},
      {
        definition: { ...tavily, auth_patterns: [{ type: "BEARER", fields: [{ field_name: "token" }], is_mpc: false }] },
        proxyUrl: "https://x",
      },
    );
    const reasons = res.failures!.map((f) => f.reason);
    expect(reasons).toContain("definition.auth_patterns[0].is_mpc is not a known property: did you mean is_mcp?");
    expect(reasons.some((r) => r.startsWith("proxyUrl cannot be combined with definition"))).toBe(true);
  });

  it("lets unknown preview values through", async () => {
    const { impl } = implementationFor(emulator());
    const res = await impl.check({}, { ...tavilyInputs, displayName: UNKNOWN, proxyUrl: UNKNOWN });
    expect(res.failures).toEqual([]);
    const diff = await impl.diff("X:1", tavilyInputs, { ...tavilyInputs, proxyUrl: UNKNOWN });
    expect(diff).toMatchObject({ changes: true, replaces: [] });
    const typeUnknown = await impl.diff("X:1", tavilyInputs, {
      ...tavilyInputs,
      authPatterns: [{ ...tavilyInputs.authPatterns[0], type: UNKNOWN }],
    });
    expect(typeUnknown.replaces).toEqual(["authPatterns"]);
    expect(emulator().requests()).toHaveLength(0);
  });

  it("warns, without failing, when proxyEnabled is false", async () => {
    const { impl, logs } = implementationFor(emulator());
    const res = await impl.check({}, { ...tavilyInputs, proxyEnabled: false });
    expect(res.failures).toEqual([]);
    expect(logs.warnings.join("\n")).toMatch(/tool calling works only through the proxy/);
  });

  it("sees no change where the server normalises, an update for editable keys, a replacement for the auth type", async () => {
    const { impl } = implementationFor(emulator());
    const withDefaults = {
      ...tavilyInputs,
      iconSrc: "",
      metadata: {},
      proxyEnabled: true,
      authPatterns: [{ ...tavilyInputs.authPatterns[0], accountFields: [], isMcp: false, authFieldMutations: {} }],
    };
    expect(await impl.diff("X:1", tavilyInputs, withDefaults)).toMatchObject({ changes: false });
    expect(await impl.diff("X:1", tavilyInputs, { definition: tavily })).toMatchObject({ changes: false });
    expect(await impl.diff("X:1", tavilyInputs, { ...tavilyInputs, adopt: true })).toMatchObject({ changes: false });
    expect(await impl.diff("X:1", tavilyInputs, { ...tavilyInputs, description: "new" })).toEqual({
      changes: true,
      replaces: [],
      deleteBeforeReplace: false,
    });
    const apiKey = { ...tavilyInputs, authPatterns: [{ type: "API_KEY", fields: [{ fieldName: "api_key" }] }] };
    expect(await impl.diff("X:1", tavilyInputs, apiKey)).toEqual({
      changes: true,
      replaces: ["authPatterns"],
      deleteBeforeReplace: true,
    });
    const mcp = { ...tavilyInputs, authPatterns: [{ ...tavilyInputs.authPatterns[0], isMcp: true }] };
    expect((await impl.diff("X:1", tavilyInputs, mcp)).replaces).toEqual(["authPatterns"]);
    expect(emulator().requests()).toHaveLength(0);
  });
});

describe("create", () => {
  it("creates with one token request, one look-up and one POST, and returns the identifier as id", async () => {
    const { impl } = implementationFor(emulator());
    const { id, outs } = await impl.create(tavilyInputs);
    expect(id).toContain(":");
    expect(outs).toMatchObject({ identifier: id, isCustomMcp: false, displayName: "My Tavily", environmentUrl: emulator().url });
    expect(outs.scalekitId).toBe(emulator().providers()[0].id);
    expect(decodeOutputs(outs).stored.proxy_enabled).toBe(true);
    expect(tokenCalls(emulator())).toBe(1);
    expect(apiCalls(emulator()).map((c) => c.split(" ")[0])).toEqual(["GET", "POST"]);
  });

  it("marks MCP providers", async () => {
    const { impl } = implementationFor(emulator());
    const { outs } = await impl.create({
      definition: {
        display_name: "Docs MCP",
        auth_patterns: [{ type: "NO_AUTH", is_mcp: true, fields: [] }],
        proxy_url: "https://d.example.com/mcp",
      },
    });
    expect(outs.isCustomMcp).toBe(true);
  });

  it("refuses to take over a different provider of the same name, saying how to adopt it, and writes nothing", async () => {
    const handMade = emulator().seedProvider({ ...tavily, description: "made by hand" });
    const { impl } = implementationFor(emulator());
    const err = await impl.create(tavilyInputs).catch((e) => e);
    expect(err).toBeInstanceOf(AdoptionRequiredError);
    expect(err.identifier).toBe(handMade.identifier);
    expect(err.message).toContain(`named "My Tavily" already exists`);
    expect(err.message).toContain(handMade.identifier);
    expect(err.message).toContain("adopt: true");
    expect(writes()).toEqual([]);
    expect(emulator().providers()[0].description).toBe("made by hand");
  });

  it("adopts with adopt: true, updating the existing provider to the declaration", async () => {
    const handMade = emulator().seedProvider({ ...tavily, description: "made by hand", metadata: { owner: "someone" } });
    const { impl, logs } = implementationFor(emulator());
    const { id, outs } = await impl.create({ ...tavilyInputs, adopt: true });
    expect(id).toBe(handMade.identifier);
    expect(writes()).toEqual([`PUT /api/v1/custom-providers/${handMade.identifier}`]);
    expect(emulator().providers()).toHaveLength(1);
    expect(emulator().providers()[0]).toMatchObject({ description: "Tavily web search", metadata: {} });
    expect(outs.adopt).toBe(true);
    expect(logs.warnings.join()).toMatch(/Adopted the existing custom provider "My Tavily"/);
  });

  it("adopting a provider that already matches writes nothing", async () => {
    emulator().seedProvider(tavily);
    const { impl } = implementationFor(emulator());
    await impl.create({ definition: tavily, adopt: true });
    expect(writes()).toEqual([]);
  });

  it("refuses an identical provider that carries no ownership marker (recovery needs the marker: see ownership.test.ts)", async () => {
    const { impl } = implementationFor(emulator());
    const { clientFor } = await import("../../support/emulator");
    await clientFor(emulator()).createProvider({ ...tavily, proxy_enabled: true });
    await expect(impl.create(tavilyInputs)).rejects.toBeInstanceOf(AdoptionRequiredError);
    expect(emulator().providers()).toHaveLength(1);
  });

  it("survives a dropped connection after the create committed: exactly one provider", async () => {
    const { impl } = implementationFor(emulator());
    emulator().injectFault({ dropAfterCommit: true, method: "POST" });
    const { id } = await impl.create(tavilyInputs);
    expect(
      emulator()
        .providers()
        .map((p) => p.identifier),
    ).toEqual([id]);
  });
});

describe("keys this version does not know (the open definition model)", () => {
  const corpusInputs: any = toCamelCase(EVERY_NEW_KEY);

  it("are sent, stored, read back without drift, and a server-side change to one is drift", async () => {
    const { impl } = implementationFor(emulator());
    expect((await impl.check({}, corpusInputs)).failures).toEqual([]);
    const { id, outs } = await impl.create(corpusInputs);
    expect(emulator().providers()[0].auth_patterns).toEqual(EVERY_NEW_KEY.auth_patterns);
    const same = await impl.read(id, outs);
    expect(same.inputs).toEqual(corpusInputs);

    const { clientFor } = await import("../../support/emulator");
    const edited = copy(EVERY_NEW_KEY);
    edited.auth_patterns[0].rotation_days = 45;
    edited.auth_patterns[0].oauth_config = { ...edited.auth_patterns[0].oauth_config, scope_separator: " " };
    await clientFor(emulator()).updateProvider(id, edited);
    // The next engine process (a new implementation) lists afresh; this one's snapshot predates the edit.
    const drifted = await implementationFor(emulator()).impl.read(id, outs);
    expect((drifted.inputs as any).authPatterns[0].rotationDays).toBe(45);
    expect((drifted.inputs as any).authPatterns[0].oauthConfig.scopeSeparator).toBe(" ");
    expect(await impl.diff(id, drifted.props!, corpusInputs)).toMatchObject({ changes: true, replaces: [] });
  });

  it("resume an interrupted create of a select field with options instead of asking to adopt", async () => {
    // The POST committed (so the provider carries this resource's ownership marker) but its answer was lost.
    const { impl, logs } = implementationFor(emulator());
    const managedBy = "scalekit-custom-providers/dev/corpus";
    emulator().seedProvider(withOwner(buildPayload(EVERY_NEW_KEY), managedBy));
    const { id } = await impl.create({ ...corpusInputs, managedBy });
    expect(id).toBe(emulator().providers()[0].identifier);
    expect(emulator().providers()).toHaveLength(1);
    expect(logs.warnings.join()).toMatch(/interrupted earlier run/);
  });
});

describe("read (refresh)", () => {
  it("returns the declared inputs unchanged when nothing drifted", async () => {
    const { impl } = implementationFor(emulator());
    const { id, outs } = await impl.create(tavilyInputs);
    const read = await impl.read(id, outs);
    expect(read.id).toBe(id);
    expect(read.inputs).toEqual(tavilyInputs);
    expect(read.props).toEqual(outs);
  });

  it("reports drift in props and inputs, so the next diff shows the real difference", async () => {
    const { impl } = implementationFor(emulator());
    const { id, outs } = await impl.create(tavilyInputs);
    const { clientFor } = await import("../../support/emulator");
    await clientFor(emulator()).updateProvider(id, { ...tavily, description: "edited in the dashboard" });
    // The next refresh runs in a new provider process, with a new snapshot.
    const read = await implementationFor(emulator()).impl.read(id, outs);
    expect(decodeOutputs(read.props!).stored.description).toBe("edited in the dashboard");
    expect(read.inputs).toMatchObject({ description: "edited in the dashboard", displayName: "My Tavily" });
    // Only real differences: no empty server defaults were added to the inputs.
    expect(Object.keys(read.inputs!).sort()).toEqual(Object.keys(tavilyInputs).sort());
    const diff = await impl.diff(id, read.props!, tavilyInputs);
    expect(diff.changes).toBe(true);
  });

  it("returns a blank id when the provider is gone", async () => {
    const { impl } = implementationFor(emulator());
    const { id, outs } = await impl.create(tavilyInputs);
    await implementationFor(emulator()).impl.delete(id, outs);
    expect((await implementationFor(emulator()).impl.read(id, outs)).id).toBe("");
  });
});

describe("update and delete", () => {
  it("update sends one PUT with the complete definition and warns when auth settings change", async () => {
    const { impl, logs } = implementationFor(emulator());
    const { id, outs } = await impl.create({ ...tavilyInputs, metadata: { owner: "search" } });
    emulator().clearRequests();
    const news = { ...tavilyInputs, metadata: { owner: "search" }, description: "v2" };
    const { outs: after } = await impl.update(id, outs, news);
    expect(writes()).toEqual([`PUT /api/v1/custom-providers/${id}`]);
    expect(decodeOutputs(after!).stored.metadata).toEqual({ owner: "search" });
    expect(logs.warnings).toEqual([]);
    const headerChange = {
      ...news,
      authPatterns: [{ ...tavilyInputs.authPatterns[0], authHeaderKeyOverride: "x-api-key" }],
    };
    await impl.update(id, after!, headerChange);
    expect(logs.warnings.join()).toMatch(/existing connections may need re-creating/);
  });

  it("update names added and removed OAuth scopes in its warning", async () => {
    const { impl, logs } = implementationFor(emulator());
    const oauth = (scopes: string[]) => ({ definition: asanaWithScopes(scopes) });
    const { id, outs } = await impl.create(oauth(["profile", "email"]));
    await impl.update(id, outs, oauth(["profile", "tasks:read"]));
    expect(logs.warnings.join()).toMatch(/scopes added: tasks:read; scopes removed: email/);
  });

  it("update of a provider deleted behind Pulumi's back says to refresh", async () => {
    const { impl } = implementationFor(emulator());
    const { id, outs } = await impl.create(tavilyInputs);
    emulator().reset();
    await expect(impl.update(id, outs, { ...tavilyInputs, description: "x" })).rejects.toThrow(/pulumi refresh/);
  });

  it("delete treats 404 as success", async () => {
    const { impl } = implementationFor(emulator());
    const { id, outs } = await impl.create(tavilyInputs);
    await impl.delete(id, outs);
    await expect(impl.delete(id, outs)).resolves.toBeUndefined();
    expect(writes()).toEqual([
      "POST /api/v1/custom-providers",
      `DELETE /api/v1/custom-providers/${id}`,
      `DELETE /api/v1/custom-providers/${id}`,
    ]);
  });

  it("delete of a provider in use explains what to do, in plain words", async () => {
    const { impl } = implementationFor(emulator());
    const { id, outs } = await impl.create(tavilyInputs);
    emulator().addConnection(id);
    const err = await impl.delete(id, outs).catch((e) => e);
    expect(err).toBeInstanceOf(ProviderInUseError);
    expect(err).toMatchObject({ status: 400, errorCode: "PROVIDER_HAS_EXISTING_CONNECTIONS", identifier: id });
    expect(err.message).toMatch(/"My Tavily" .* is still in use/);
    expect(err.message).toMatch(/Delete its connections and connected accounts in the Scalekit Dashboard, then run this again/);
    expect(err.message).toContain("(Scalekit said: cannot delete custom provider with existing connections)");
    expect(emulator().providers()).toHaveLength(1);
  });
});

describe("credentials", () => {
  it("never puts the client secret or a token in outputs, and reads another namespace on request", async () => {
    const { impl } = implementationFor(emulator(), {
      "scalekitProd:environmentUrl": emulator().url,
      "scalekitProd:clientId": emulator().clientId,
      "scalekitProd:clientSecret": emulator().clientSecret,
      "scalekit:clientSecret": "wrong-secret-for-default",
    });
    const { outs } = await impl.create({ ...tavilyInputs, configNamespace: "scalekitProd" });
    const text = JSON.stringify(outs);
    expect(text).not.toContain(emulator().clientSecret);
    for (const token of emulator().issuedTokens()) expect(text).not.toContain(token);
  });

  it("refuses to act on a provider recorded in another environment than the config now names", async () => {
    const { impl } = implementationFor(emulator());
    const { id, outs } = await impl.create(tavilyInputs);
    const moved = implementationFor(emulator(), { "scalekit:environmentUrl": "http://127.0.0.1:9" }).impl;
    emulator().clearRequests();
    await expect(moved.diff(id, outs, tavilyInputs)).rejects.toThrow(
      /lives in http:\/\/127\.0\.0\.1:\d+, but scalekit:environmentUrl now points at http:\/\/127\.0\.0\.1:9/,
    );
    await expect(moved.read(id, outs)).rejects.toThrow(/would orphan its providers/);
    await expect(moved.update(id, outs, { ...tavilyInputs, description: "x" })).rejects.toThrow(/would orphan/);
    await expect(moved.delete(id, outs)).rejects.toThrow(/would orphan/);
    expect(emulator().requests()).toEqual([]);
    expect(emulator().providers()).toHaveLength(1);
  });

  it("says which settings are missing and how to set them", async () => {
    const { CustomProviderImplementation } = await import("../../../src/provider/implementation");
    const impl = new CustomProviderImplementation({ config: { get: () => undefined }, env: {} });
    const err = await impl.create(tavilyInputs).catch((e) => e);
    expect(err.message).toMatch(/scalekit:environmentUrl/);
    expect(err.message).toMatch(/pulumi config set --secret scalekit:clientSecret/);
    expect(err.message).toMatch(/SCALEKIT_CLIENT_ID/);
  });
});
