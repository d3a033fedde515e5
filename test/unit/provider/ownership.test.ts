import { AdoptionRequiredError, ScalekitApiError, ScalekitClient } from "../../../src";
import { toCamelCase } from "../../../src/definition/case";
import { OWNER_KEY } from "../../../src/definition/ownership";
import { apiCalls, clientFor, tavily, useEmulator } from "../../support/emulator";
import { implementationFor } from "../../support/provider";
import { decodeOutputs } from "../../../src/custom-provider";

/** Who owns a provider: the marker this stack writes, and what it allows. */
const emulator = useEmulator();

const tavilyInputs = toCamelCase<Record<string, unknown>>(tavily);
const DEV = "scalekit-custom-providers/dev/my-tavily";
const PROD = "scalekit-custom-providers/prod/my-tavily";
const ours = { ...tavilyInputs, managedBy: DEV };
const writes = () => apiCalls(emulator()).filter((c) => !c.startsWith("GET"));

afterEach(() => jest.restoreAllMocks());

describe("ownership", () => {
  it("never takes over an identical provider it did not create without adopt", async () => {
    const handMade = emulator().seedProvider(tavily);
    const { impl } = implementationFor(emulator());
    const err = await impl.create(ours).catch((e) => e);
    expect(err).toBeInstanceOf(AdoptionRequiredError);
    expect(err.message).toContain(handMade.identifier);
    expect(writes()).toEqual([]);
  });

  it("never takes over an identical provider that another stack manages, and names that stack", async () => {
    const { impl } = implementationFor(emulator());
    await impl.create(ours);
    const err = await impl.create({ ...tavilyInputs, managedBy: PROD }).catch((e) => e);
    expect(err).toBeInstanceOf(AdoptionRequiredError);
    expect(err.message).toContain(`managed by ${DEV}`);
    expect(emulator().providers()).toHaveLength(1);
  });

  it("writes the marker on create, and keeps it out of outputs, refresh and diffs", async () => {
    const { impl } = implementationFor(emulator());
    const { id, outs } = await impl.create({ ...ours, metadata: { team: "search" } });
    expect(emulator().providers()[0].metadata).toEqual({ team: "search", [OWNER_KEY]: DEV });
    expect(decodeOutputs(outs).stored.metadata).toEqual({ team: "search" });
    expect(outs.managedBy).toBe(DEV);
    const read = await impl.read(id, outs);
    expect(read.inputs).toEqual({ ...ours, metadata: { team: "search" } });
    expect(read.props).toEqual(outs);
    expect(await impl.diff(id, read.props!, { ...ours, metadata: { team: "search" } })).toMatchObject({ changes: false });
  });

  it("recovers its own create that a killed run committed but never recorded: no POST, no duplicate", async () => {
    const { impl, logs } = implementationFor(emulator());
    const first = await impl.create(ours); // the run is then killed before Pulumi records it
    emulator().clearRequests();
    const { id } = await implementationFor(emulator())
      .impl.create(ours)
      .then((r) => r);
    expect(id).toBe(first.id);
    expect(emulator().providers()).toHaveLength(1);
    expect(writes()).toEqual([]);
    void logs;
  });

  it("recovers its own create and updates it when the declaration changed meanwhile", async () => {
    await implementationFor(emulator()).impl.create(ours);
    emulator().clearRequests();
    const { impl, logs } = implementationFor(emulator());
    const { outs } = await impl.create({ ...ours, description: "changed since" });
    expect(writes()).toEqual([`PUT /api/v1/custom-providers/${outs.identifier}`]);
    expect(emulator().providers()[0]).toMatchObject({ description: "changed since", metadata: { [OWNER_KEY]: DEV } });
    expect(logs.warnings.join()).toMatch(/interrupted earlier run/);
  });

  it("a create answered 409 after an unknown outcome is recovered when the marker shows it is ours", async () => {
    const real = ScalekitClient.prototype.createProvider;
    jest.spyOn(ScalekitClient.prototype, "createProvider").mockImplementation(async function (this: ScalekitClient, def) {
      await real.call(this, def); // committed; the answer was lost, and the retried POST clashes
      throw new ScalekitApiError({
        status: 409,
        method: "POST",
        path: "/api/v1/custom-providers",
        body: { code: 6, message: "provider already exists" },
      });
    });
    const { impl } = implementationFor(emulator());
    const { id } = await impl.create(ours);
    expect(
      emulator()
        .providers()
        .map((p) => p.identifier),
    ).toEqual([id]);
  });

  it("a 409 for someone else's provider is still an adoption error", async () => {
    jest.spyOn(ScalekitClient.prototype, "findByName").mockResolvedValueOnce(undefined);
    emulator().seedProvider(tavily);
    const { impl } = implementationFor(emulator());
    await expect(impl.create(ours)).rejects.toBeInstanceOf(AdoptionRequiredError);
  });

  it("adopt takes over an identical provider and marks it at the next write", async () => {
    emulator().seedProvider(tavily);
    const { impl } = implementationFor(emulator());
    const { outs } = await impl.create({ ...ours, adopt: true });
    expect(decodeOutputs(outs).stored.metadata ?? {}).toEqual({});
    await impl.update(outs.identifier, outs, { ...ours, adopt: true, description: "v2" });
    expect(emulator().providers()[0].metadata).toEqual({ [OWNER_KEY]: DEV });
  });

  it("check counts the marker against the 20 metadata pairs, and reserves its key", async () => {
    const { impl } = implementationFor(emulator());
    const twenty = Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`key${i}`, "v"]));
    const nineteen = Object.fromEntries(Array.from({ length: 19 }, (_, i) => [`key${i}`, "v"]));
    const full = await impl.check({}, { ...ours, metadata: twenty });
    expect(full.failures!.map((f) => f.reason).join()).toMatch(/metadata has 20 entries: at most 19 are allowed/);
    expect((await impl.check({}, { ...ours, metadata: nineteen })).failures).toEqual([]);
    const reserved = await impl.check({}, { definition: { ...tavily, metadata: { [OWNER_KEY]: "x" } }, managedBy: DEV });
    expect(reserved.failures!.map((f) => f.reason).join()).toMatch(/definition\.metadata\.managed_by_pulumi is reserved/);
  });

  it("compare and export leave the marker out", async () => {
    await implementationFor(emulator()).impl.create(ours);
    const providers = await clientFor(emulator()).listProviders();
    expect(providers[0].metadata).toEqual({ [OWNER_KEY]: DEV });
    const { main } = await import("../../../src/cli/main");
    const fs = await import("fs");
    const os = await import("os");
    const path = await import("path");
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "owner-"));
    fs.writeFileSync(path.join(dir, "my-tavily.json"), JSON.stringify(tavily));
    const env = {
      SCALEKIT_ENVIRONMENT_URL: emulator().url,
      SCALEKIT_CLIENT_ID: emulator().clientId,
      SCALEKIT_CLIENT_SECRET: emulator().clientSecret,
    };
    const io = { out: () => undefined, err: () => undefined };
    expect(await main(["compare", `dir:${dir}`, "env"], { cwd: dir, env }, io)).toBe(0);
    expect(await main(["export", "env", "--out=out"], { cwd: dir, env }, io)).toBe(0);
    expect(fs.readFileSync(path.join(dir, "out", "my-tavily.json"), "utf8")).not.toContain(OWNER_KEY);
  });
});
