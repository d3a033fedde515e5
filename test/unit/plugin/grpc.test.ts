import { ChildProcess, spawn } from "child_process";
import * as path from "path";
import { toCamelCase } from "../../../src/definition/case";
import { OWNER_KEY } from "../../../src/definition/ownership";
import { isSecret, SIG_KEY } from "../../../src/plugin/values";
import { apiCalls, tavily, useEmulator } from "../../support/emulator";

/**
 * The plugin as the engine meets it, without the CLI: `pulumi-resource-scalekit` spawned from the
 * build (dist/, which `npm test` builds first), its port read from stdout, and every RPC the engine
 * makes in an up, a refresh, a destroy and a lookup sent through the same gRPC stubs the engine's
 * protocol uses, against the emulator.
 */
/* eslint-disable @typescript-eslint/no-require-imports -- the generated stubs are untyped JavaScript, loaded from the SDK that generated them */
const REPO_ROOT = path.resolve(__dirname, "../../..");
const services = require("@pulumi/pulumi/proto/provider_grpc_pb");
const proto = require("@pulumi/pulumi/proto/provider_pb");
const fromSdk = require("module").createRequire(require.resolve("@pulumi/pulumi/proto/provider_grpc_pb"));
const grpc = fromSdk("@grpc/grpc-js");
const { Struct } = fromSdk("google-protobuf/google/protobuf/struct_pb");
const { Empty } = fromSdk("google-protobuf/google/protobuf/empty_pb");

const emulator = useEmulator();
const URN = "urn:pulumi:dev::acme::scalekit:index:CustomProvider::my-tavily";
let child: ChildProcess;
let client: any;

/** One unary call, as a promise. */
const call = (method: string, req: unknown): Promise<any> =>
  new Promise((resolve, reject) => client[method](req, (err: Error | null, res: unknown) => (err ? reject(err) : resolve(res))));
const struct = (value: object) => Struct.fromJavaScript(value);
const js = (s: any) => (s ? s.toJavaScript() : undefined);

beforeAll(async () => {
  child = spawn(process.execPath, [path.join(REPO_ROOT, "dist/src/plugin/bin.js")], { stdio: ["ignore", "pipe", "inherit"] });
  const port = await new Promise<string>((resolve, reject) => {
    let out = "";
    child.stdout!.on("data", (d) => {
      out += d;
      if (out.includes("\n")) resolve(out.split("\n")[0].trim());
    });
    child.on("exit", (code) => reject(new Error(`the plugin exited (${code}) before printing its port`)));
  });
  client = new services.ResourceProviderClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
});

afterAll(() => {
  client?.close();
  child?.kill();
});

it("serves an up, a refresh, a lookup and a destroy over gRPC, secrets kept secret", async () => {
  const info = await call("getPluginInfo", new Empty());
  expect(info.getVersion()).toMatch(/^\d+\.\d+\.\d+/);
  const schema = JSON.parse((await call("getSchema", new proto.GetSchemaRequest())).getSchema());
  expect(schema.name).toBe("scalekit");

  const secretArg = { [SIG_KEY]: "1b47061264138c4ac30d75fd1eb44270", value: emulator().clientSecret };
  const news = { environmentUrl: emulator().url, clientId: emulator().clientId, clientSecret: secretArg, version: "0.1.0" };
  const checkedConfig = await call(
    "checkConfig",
    new proto.CheckRequest()
      .setUrn("urn:pulumi:dev::acme::pulumi:providers:scalekit::default")
      .setOlds(struct({}))
      .setNews(struct(news)),
  );
  const providerInputs = js(checkedConfig.getInputs());
  expect(providerInputs.stateId).toMatch(/^[0-9a-f]{16}$/);
  expect(isSecret(providerInputs.clientSecret)).toBe(true);
  expect(checkedConfig.getFailuresList()).toEqual([]);

  const configured = await call("configure", new proto.ConfigureRequest().setArgs(struct(providerInputs)));
  expect(configured.getAcceptsecrets()).toBe(false);
  expect(configured.getSupportspreview()).toBe(false);

  const inputs = toCamelCase<Record<string, unknown>>(tavily);
  const checked = await call("check", new proto.CheckRequest().setUrn(URN).setOlds(struct({})).setNews(struct(inputs)));
  expect(checked.getFailuresList()).toEqual([]);
  const checkedInputs = js(checked.getInputs());
  expect(checkedInputs).toMatchObject({ managedBy: "acme/dev/my-tavily", stateId: providerInputs.stateId });

  const created = await call("create", new proto.CreateRequest().setUrn(URN).setProperties(struct(checkedInputs)));
  const id = created.getId();
  const outputs = js(created.getProperties());
  expect(isSecret(outputs.stored)).toBe(true);
  expect(emulator().providers()[0].metadata?.[OWNER_KEY]).toBe(`acme/dev/my-tavily@${providerInputs.stateId}`);

  const plainOutputs = { ...outputs, stored: outputs.stored.value };
  const diff = await call(
    "diff",
    new proto.DiffRequest().setUrn(URN).setId(id).setOlds(struct(plainOutputs)).setNews(struct(checkedInputs)),
  );
  expect(diff.getChanges()).toBe(proto.DiffResponse.DiffChanges.DIFF_NONE);

  const read = await call(
    "read",
    new proto.ReadRequest().setUrn(URN).setId(id).setProperties(struct(plainOutputs)).setInputs(struct(checkedInputs)),
  );
  expect(read.getId()).toBe(id);

  const invoked = await call(
    "invoke",
    new proto.InvokeRequest().setTok("scalekit:index:getCustomProvider").setArgs(struct({ identifier: id })),
  );
  expect(js(invoked.getReturn())).toMatchObject({ identifier: id, managedBy: "acme/dev/my-tavily" });

  await call("delete", new proto.DeleteRequest().setUrn(URN).setId(id).setProperties(struct(plainOutputs)));
  expect(emulator().providers()).toEqual([]);
  const gone = await call(
    "read",
    new proto.ReadRequest().setUrn(URN).setId(id).setProperties(struct(plainOutputs)).setInputs(struct(checkedInputs)),
  );
  expect(gone.getId()).toBe("");
});

it("answers an invalid definition with every failure at once and no request, and an operation's error without its secret", async () => {
  emulator().clearRequests();
  // A key with a terminal control in it: the engine prints the reason, so the control is shown escaped.
  const bad = {
    displayName: "my-tavily!",
    authPatterns: [{ type: "BEARR", feilds: [] }],
    proxyUrl: "http://x",
    metadata: { "team\u001b[2J": 5 },
  };
  const checked = await call("check", new proto.CheckRequest().setUrn(URN).setOlds(struct({})).setNews(struct(bad)));
  const reasons = checked.getFailuresList().map((f: any) => f.getReason());
  expect(reasons.join("\n")).toMatch(/displayName/);
  expect(reasons.join("\n")).toMatch(/did you mean "BEARER"/);
  expect(reasons.join("\n")).toMatch(/did you mean fields/);
  expect(reasons.join("\n")).toMatch(/proxyUrl must start with https/);
  expect(reasons.join("\n")).toContain(`metadata["team\\u001b[2J"] must be a string`);
  expect(reasons.join("\n")).not.toContain("\u001b");
  expect(apiCalls(emulator())).toEqual([]);

  const wrong = "a-wrong-secret-that-must-not-leak";
  await call(
    "configure",
    new proto.ConfigureRequest().setArgs(struct({ environmentUrl: emulator().url, clientId: "nobody", clientSecret: wrong })),
  );
  const inputs = { ...toCamelCase<Record<string, unknown>>(tavily), managedBy: "acme/dev/my-tavily" };
  const failed = await call("create", new proto.CreateRequest().setUrn(URN).setProperties(struct(inputs))).catch((e: Error) => e);
  expect(failed).toBeInstanceOf(Error);
  expect(String(failed.message)).not.toContain(wrong);
  expect(String(failed.message)).toMatch(/token|credentials|client/i);
});
