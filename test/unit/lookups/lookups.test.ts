import * as pulumi from "@pulumi/pulumi";
import { startEmulator, Emulator } from "../../../src/emulator";
import {
  getCustomProvider,
  getCustomProviderOutput,
  isConfigError,
  isDuplicateName,
  isProviderNotFound,
  listCustomProviders,
  listCustomProvidersOutput,
} from "../../../src";
import { apiCalls, clientFor, tavily } from "../../support/emulator";
import { json, startFakeScalekit, FakeScalekit } from "../../support/fake-scalekit";
import { named } from "../../fixtures/definitions";

/**
 * The lookup functions, in this process as in a program: credentials from the stack config that
 * `pulumi.runtime` holds (set here with setAllConfig), else the SCALEKIT_* variables. Each test has an
 * emulator of its own, so no listing of another test is reused (a program run keeps one per environment).
 */

const SCALEKIT_VARIABLES = ["SCALEKIT_ENVIRONMENT_URL", "SCALEKIT_ENV_URL", "SCALEKIT_CLIENT_ID", "SCALEKIT_CLIENT_SECRET"];
const savedEnv: Record<string, string | undefined> = {};
beforeAll(() => SCALEKIT_VARIABLES.forEach((k) => ((savedEnv[k] = process.env[k]), delete process.env[k])));
afterAll(() =>
  SCALEKIT_VARIABLES.forEach((k) => (savedEnv[k] === undefined ? delete process.env[k] : (process.env[k] = savedEnv[k]))),
);
afterEach(() => pulumi.runtime.setAllConfig({}));

function pointAt(target: { url: string; clientId: string; clientSecret: string }, namespace = "scalekit"): void {
  pulumi.runtime.setAllConfig(
    {
      [`${namespace}:environmentUrl`]: target.url,
      [`${namespace}:clientId`]: target.clientId,
      [`${namespace}:clientSecret`]: target.clientSecret,
    },
    [`${namespace}:clientSecret`],
  );
}

/** The error a promise rejects with (fails the test when it resolves). */
async function failure(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (err) {
    return err as Error;
  }
  throw new Error("expected the lookup to fail");
}

/** An Output's value and secrecy, read as the SDK's own tests do (no engine here). */
async function settle<T>(output: pulumi.Output<T>): Promise<{ value: T; secret: boolean }> {
  const o = output as unknown as { promise(): Promise<T>; isSecret: Promise<boolean> };
  return { value: await o.promise(), secret: await o.isSecret };
}

describe("lookups against an emulator", () => {
  let emulator: Emulator;
  beforeEach(async () => {
    emulator = await startEmulator({ clientSecret: "lookup-secret-7c1e2f" });
    pointAt(emulator);
  });
  afterEach(() => emulator.close());

  it("finds a provider by identifier and by name (any case, any spacing), and writes nothing", async () => {
    const { provider } = await clientFor(emulator).createProvider({
      ...tavily,
      metadata: { team: "search", managed_by_pulumi: "other/prod/tavily" },
    });
    emulator.clearRequests();
    const byId = await getCustomProvider({ identifier: provider.identifier });
    const byName = await getCustomProvider({ displayName: "my TAVILY" });
    expect(byName).toEqual(byId);
    expect(byId).toEqual({
      identifier: provider.identifier,
      scalekitId: provider.id,
      // As stored (server defaults included), without the ownership marker, which is managedBy.
      definition: expect.objectContaining({ display_name: "My Tavily", metadata: { team: "search" } }),
      managedBy: "other/prod/tavily",
    });
    expect(apiCalls(emulator).every((call) => call.startsWith("GET "))).toBe(true);
    // One listing for both lookups: they share the run's snapshot.
    expect(apiCalls(emulator)).toHaveLength(1);
  });

  it("leaves managedBy out for a provider no stack manages", async () => {
    const { provider } = await clientFor(emulator).createProvider(tavily);
    const info = await getCustomProvider({ identifier: provider.identifier });
    expect("managedBy" in info).toBe(false);
  });

  it("lists every provider, sorted by name", async () => {
    const client = clientFor(emulator);
    for (const name of ["Zeta Search", "Alpha Search", "Mid Search"]) await client.createProvider(named(tavily, name));
    const all = await listCustomProviders();
    expect(all.map((p) => p.definition.display_name)).toEqual(["Alpha Search", "Mid Search", "Zeta Search"]);
    expect(new Set(all.map((p) => p.identifier)).size).toBe(3);
  });

  it("reads the namespace it is given, not the default one", async () => {
    pulumi.runtime.setAllConfig({});
    pointAt(emulator, "scalekitProd");
    await clientFor(emulator).createProvider(tavily);
    expect((await listCustomProviders({ configNamespace: "scalekitProd" })).map((p) => p.definition.display_name)).toEqual([
      "My Tavily",
    ]);
    expect(isConfigError(await failure(listCustomProviders()))).toBe(true);
  });

  it("a missing identifier is a ScalekitNotFoundError naming it and the environment", async () => {
    const err = await failure(getCustomProvider({ identifier: "MYASANA:404" }));
    expect(isProviderNotFound(err)).toBe(true);
    expect(err.name).toBe("ScalekitNotFoundError");
    expect((err as any).lookup).toEqual({ identifier: "MYASANA:404" });
    expect(err.message).toContain("identifier MYASANA:404");
    expect(err.message).toContain(emulator.url);
    expect(err.message).toMatch(/^getCustomProvider\(\{"identifier":"MYASANA:404"\}\): no custom provider/);
  });

  it("a missing name is a ScalekitNotFoundError naming it and the environment", async () => {
    await clientFor(emulator).createProvider(tavily);
    const err = await failure(getCustomProvider({ displayName: "My Asana" }));
    expect(isProviderNotFound(err)).toBe(true);
    expect(err.message).toContain('name "My Asana"');
    expect(err.message).toContain(emulator.url);
  });

  it("the Output variants are secret as a whole, since a definition may hold secrets", async () => {
    const { provider } = await clientFor(emulator).createProvider(tavily);
    const one = await settle(getCustomProviderOutput({ displayName: pulumi.output("My Tavily") }));
    expect(one.secret).toBe(true);
    expect(one.value.identifier).toBe(provider.identifier);
    const all = await settle(listCustomProvidersOutput());
    expect(all.secret).toBe(true);
    expect(all.value.map((p) => p.identifier)).toEqual([provider.identifier]);
  });

  it("refuses a query without exactly one of identifier and displayName, before any request", async () => {
    for (const query of [{}, { identifier: "A:1", displayName: "A" }, { identifier: "" }, { displayName: 3 }]) {
      const err = await failure(getCustomProvider(query as never));
      expect(err.name).toBe("ScalekitDeclarationError");
    }
    const err = await failure(listCustomProviders({ configNamespace: "not a namespace" }));
    expect(err.message).toContain("configNamespace must be a config namespace");
    expect(emulator.requests()).toEqual([]);
  });
});

describe("two providers holding one name", () => {
  let fake: FakeScalekit;
  beforeAll(async () => {
    // Scalekit refuses a second provider of a name (the emulator too), but one made before that rule
    // can still be there: the lookup must name both, never pick one.
    fake = await startFakeScalekit((req, res) => {
      const provider = (identifier: string, display_name: string) => ({
        ...tavily,
        id: `prv_${identifier}`,
        identifier,
        display_name,
        is_custom: true,
      });
      json(res, {
        providers: [
          provider("MYASANA:1", "My Asana"),
          provider("MYASANA:2", "my asana"),
          provider("OTHER:3", "Other"),
          // Two more of one name, one of them with a terminal control and a bidi override in it.
          provider("ODD:4", "Odd\u001b\u202e"),
          provider("ODD:5", "odd"),
        ],
      });
    });
  });
  afterAll(() => fake.close());

  it("is a ScalekitDuplicateNameError naming both identifiers and the environment", async () => {
    pointAt({ url: fake.url, clientId: "skc_fake", clientSecret: "fake-secret-9a8b7c" });
    const err = await failure(getCustomProvider({ displayName: "MyAsana" }));
    expect(isDuplicateName(err)).toBe(true);
    expect(err.name).toBe("ScalekitDuplicateNameError");
    expect(err.message).toContain('MYASANA:1 ("My Asana")');
    expect(err.message).toContain('MYASANA:2 ("my asana")');
    expect(err.message).toContain(fake.url);
    // By identifier, either one is found.
    expect((await getCustomProvider({ identifier: "MYASANA:2" })).definition.display_name).toBe("my asana");
  });

  it("shows the names from Scalekit with their terminal controls and bidi characters escaped", async () => {
    pointAt({ url: fake.url, clientId: "skc_fake", clientSecret: "fake-secret-9a8b7c" });
    const err = await failure(getCustomProvider({ displayName: "Odd" }));
    expect(isDuplicateName(err)).toBe(true);
    expect(err.message).toContain('ODD:4 ("Odd\\u001b\\u202e")');
    expect(err.message).not.toContain("\u001b");
    expect(err.message).not.toContain("\u202e");
  });
});

describe("no credentials", () => {
  it("is a ScalekitConfigError naming the three keys, and the variables of the default namespace", async () => {
    const err = await failure(getCustomProvider({ displayName: "My Tavily" }));
    expect(isConfigError(err)).toBe(true);
    expect(err.message).toMatch(/^getCustomProvider\(\{"displayName":"My Tavily"\}\): Scalekit settings are missing/);
    for (const key of ["scalekit:environmentUrl", "scalekit:clientId", "scalekit:clientSecret", "SCALEKIT_CLIENT_SECRET"])
      expect(err.message).toContain(key);
  });

  it("names the namespace's keys for another namespace, and an incomplete config names what is missing, never the secret", async () => {
    const err = await failure(listCustomProviders({ configNamespace: "scalekitProd" }));
    expect(err.message).toContain("scalekitProd:clientSecret (pulumi config set --secret scalekitProd:clientSecret ...)");
    pulumi.runtime.setAllConfig({ "scalekit:clientSecret": "only-the-secret-5e6f7a8b" }, ["scalekit:clientSecret"]);
    const partial = await failure(listCustomProviders());
    expect(partial.message).toContain("missing: scalekit:environmentUrl, scalekit:clientId");
    expect(partial.message).not.toContain("only-the-secret-5e6f7a8b");
  });
});
