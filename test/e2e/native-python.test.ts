import * as fs from "fs";
import * as path from "path";
import { startEmulator, Emulator } from "../../src/emulator";
import { markerValue, OWNER_KEY } from "../../src/definition/ownership";
import { apiCalls } from "../support/emulator";
import { REPO_ROOT } from "../support/e2e/cli";
import { expectMarkerOnlyUp, nativeProgram, pythonVenvWithSdk, NativeProgram } from "../support/e2e/native";
import { writesSeen } from "../support/e2e/workspace";

jest.setTimeout(900_000);

/**
 * A Python program with the generated SDK (sdk/python, `pulumi_scalekit`, installed into a cached
 * virtualenv by scripts/python/venv.sh --sdk) and the native plugin from the packed package, run by
 * the real CLI and the Python language host against emulators: up to destroy, an explicit provider and
 * a lookup (the program is examples/native/python, as the docs show it); then the host's code
 * generation: `pulumi import --out` (GenerateProgram) and `pulumi package add` (GeneratePackage, Link).
 */
let venv: string;
let dev: Emulator;
let prod: Emulator;
const programs: NativeProgram[] = [];

const RUNTIME = () => `runtime:\n  name: python\n  options:\n    virtualenv: ${venv}\n`;

const PROGRAM = fs.readFileSync(path.join(REPO_ROOT, "examples/native/python/__main__.py"), "utf8");

beforeAll(async () => {
  venv = pythonVenvWithSdk();
  dev = await startEmulator();
  prod = await startEmulator();
});
afterAll(async () => {
  await dev?.close();
  await prod?.close();
  for (const p of programs) {
    p.ws.dispose();
    fs.rmSync(p.dir, { recursive: true, force: true });
  }
});

it("up, a no-change preview, an edit, a lookup through an explicit provider, and destroy", async () => {
  const p = nativeProgram("python", RUNTIME(), { "__main__.py": PROGRAM });
  programs.push(p);
  await p.initStack("dev", dev);
  await p.setEnvironment("dev", "scalekitProd", prod);

  await p.ws.ok(["up", "--yes"], "dev");
  // The default provider's URN carries the SDK's version (default_0_1_0).
  const stateId = (await p.ws.exportState("dev")).resources.find((r) => /pulumi:providers:scalekit::default/.test(r.urn))?.inputs
    ?.stateId as string;
  expect(dev.providers()[0].metadata?.[OWNER_KEY]).toBe(markerValue("native-python/dev/tavily", stateId));
  // The key no version of the SDK knows reached Scalekit through `definition`.
  expect(prod.providers()[0].auth_patterns[0]).toMatchObject({ a_key_from_the_future: "kept" });

  dev.clearRequests();
  prod.clearRequests();
  await p.ws.ok(["preview", "--expect-no-changes"], "dev");
  expect([...apiCalls(dev), ...apiCalls(prod)]).toEqual([]);

  await p.ws.ok(["config", "set", "description", "Web search for agents"], "dev");
  await p.ws.ok(["config", "set", "lookup", "true"], "dev");
  const edit = await p.ws.ok(["up", "--yes"], "dev");
  expect(edit.output).toMatch(/tavily\s+updated.*\[diff: ~description\]/);
  expect(writesSeen(dev)).toEqual([`PUT /api/v1/custom-providers/${dev.providers()[0].identifier}`]);
  const { stdout } = await p.ws.ok(["stack", "output", "docsInProd", "--show-secrets"], "dev");
  expect(stdout.trim()).toBe(prod.providers()[0].identifier);

  const { text } = await p.ws.exportState("dev");
  expect(text).not.toContain(prod.clientSecret);
  expect(text).not.toContain(dev.clientSecret);

  await p.ws.ok(["destroy", "--yes"], "dev");
  expect([...dev.providers(), ...prod.providers()]).toEqual([]);
});

it("pulumi import generates Python that previews only the marker, and the first up writes it alone", async () => {
  const seeded = dev.seedProvider({
    display_name: "Hand Made",
    auth_patterns: [{ type: "API_KEY", display_name: "Key", fields: [{ field_name: "api_key", input_type: "password" }] }],
    proxy_url: "https://api.example.com",
    metadata: { team: "ops" },
  });
  const p = nativeProgram("python", RUNTIME(), { "__main__.py": "import pulumi\n" });
  programs.push(p);
  await p.initStack("dev", dev);
  dev.clearRequests();
  // The CLI hands the imported resource to the language host as PCL (GenerateProgram) for the code.
  const imported = await p.ws.ok(
    ["import", "scalekit:index:CustomProvider", "hand", seeded.identifier, "--yes", "--out", "imported.py"],
    "dev",
  );
  expect(imported.output).toMatch(/1 imported/);
  expect(writesSeen(dev)).toEqual([]);
  const generated = fs.readFileSync(path.join(p.dir, "imported.py"), "utf8");
  expect(generated).toContain("import pulumi_scalekit as scalekit");
  expect(generated).toMatch(/hand = scalekit\.CustomProvider\("hand",/);
  expect(generated).toContain('display_name="Hand Made"');
  expect(generated).toContain('proxy_url="https://api.example.com"');
  expect(generated).toMatch(/protect=True/);
  p.write("__main__.py", generated);

  await expectMarkerOnlyUp(p, "dev", dev, { project: "native-python", resource: "hand", identifier: seeded.identifier });
});

it("pulumi package add writes the Python SDK from the plugin (GeneratePackage), sdk/python's but for the banner, and lists it in requirements.txt (Link)", async () => {
  const p = nativeProgram("python", RUNTIME(), {
    "__main__.py": "import pulumi\n",
    "requirements.txt": "pulumi>=3.0.0,<4.0.0\n",
  });
  programs.push(p);
  const added = await p.ws.ok(["package", "add", "./node_modules/.bin/pulumi-resource-scalekit"]);
  expect(added.output).toContain("import pulumi_scalekit");
  expect(fs.readFileSync(path.join(p.dir, "requirements.txt"), "utf8")).toBe("pulumi>=3.0.0,<4.0.0\nsdks/scalekit\n");
  expect(fs.readFileSync(path.join(p.dir, "Pulumi.yaml"), "utf8")).toMatch(/^packages:\n {2}scalekit: scalekit@/m);

  // The same pkg/v3 generator as tools/gen-sdk: the same files, the same bytes but for the banner.
  const banner = (text: string) => text.replace(/(\*\*\* WARNING: this file was generated by )[^*]+\. \*\*\*/, "$1<tool>. ***");
  const files = (dir: string) =>
    (fs.readdirSync(dir, { recursive: true }) as string[]).filter((f) => fs.statSync(path.join(dir, f)).isFile()).sort();
  const sdk = path.join(REPO_ROOT, "sdk/python");
  const generated = path.join(p.dir, "sdks/scalekit");
  expect(files(generated)).toEqual(files(sdk));
  for (const file of files(sdk)) {
    expect([file, banner(fs.readFileSync(path.join(generated, file), "utf8"))]).toEqual([
      file,
      banner(fs.readFileSync(path.join(sdk, file), "utf8")),
    ]);
  }
  expect(fs.readFileSync(path.join(generated, "pulumi_scalekit/custom_provider.py"), "utf8")).toContain(
    "generated by pulumi-language-python",
  );
});
