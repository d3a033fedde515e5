import { execFileSync } from "child_process";
import * as path from "path";
import { buildPayload, definitionOf, sameDefinition } from "../../../src/definition/normalize";
import type { ApiDefinition } from "../../../src/definition/types";
import { validateApiDefinition } from "../../../src/definition/validate";
import { clientFor, useEmulator } from "../../support/emulator";

/**
 * The project's independent check of its picture of the wire format: Scalekit's official Python SDK
 * (scalekit-sdk-python 2.21.0, from PyPI; installed by scripts/python-sdk/install.sh) builds the
 * definitions with its own models (AuthPattern, AuthField, AuthFieldOption, OAuthConfig, to_dict),
 * and decodes the emulator's answers with from_dict. Nobody here wrote either side of that.
 */

const ROOT = path.join(__dirname, "..", "..", "..");
const SCRIPT = path.join(ROOT, "scripts", "python-sdk", "sdk_models.py");
let python = "";

function sdk(mode: "build" | "decode", input?: unknown): any {
  const out = execFileSync(python, [SCRIPT, mode], {
    input: input === undefined ? undefined : JSON.stringify(input),
    encoding: "utf8",
  });
  return JSON.parse(out);
}

beforeAll(() => {
  python = execFileSync("bash", [path.join(ROOT, "scripts", "python-sdk", "install.sh")], { encoding: "utf8" })
    .trim()
    .split("\n")
    .pop()!;
}, 300_000);

const emulator = useEmulator();

describe("definitions built with Scalekit's Python SDK 2.21.0", () => {
  let cases: { name: string; definition: ApiDefinition }[] = [];
  beforeAll(() => {
    cases = sdk("build");
  });

  it("cover the new keys (options, textarea, header_name, allowed_proxy_domains, fields on OAUTH, an undeclared key)", () => {
    const json = JSON.stringify(cases);
    for (const key of ['"options"', '"textarea"', '"header_name"', '"allowed_proxy_domains"', '"rotation_days"'])
      expect(json).toContain(key);
    const oauth = cases.find((c) => c.name === "oauth with a select field")!;
    expect(oauth.definition.auth_patterns[0].fields![0].input_type).toBe("select");
    expect(cases.length).toBeGreaterThanOrEqual(8);
  });

  it("pass check without a problem", () => {
    for (const c of cases) expect([c.name, validateApiDefinition(c.definition).problems]).toEqual([c.name, []]);
  });

  it("warn only about the key the SDK does not declare either", () => {
    const warned = cases.filter((c) => validateApiDefinition(c.definition).warnings.length > 0);
    expect(warned.map((c) => [c.name, validateApiDefinition(c.definition).warnings])).toEqual([
      [
        "a key the SDK does not declare",
        ["auth_patterns[0].rotation_days is not known to this version of the library; sent as-is"],
      ],
    ]);
  });

  it("go through the client and the emulator, and the SDK decodes the answers to what it sent", async () => {
    const client = clientFor(emulator());
    const answers: unknown[] = [];
    for (const c of cases) {
      const payload = buildPayload(c.definition);
      // The client sends the SDK's patterns unchanged.
      expect(payload.auth_patterns).toEqual(c.definition.auth_patterns);
      const { provider } = await client.createProvider(payload);
      const read = await client.findByIdentifier(provider.identifier);
      expect([c.name, sameDefinition(definitionOf(read!), c.definition)]).toEqual([c.name, true]);
      answers.push(read!.auth_patterns[0]);
    }
    const decoded: unknown[] = sdk("decode", answers);
    cases.forEach((c, i) => expect([c.name, decoded[i]]).toEqual([c.name, c.definition.auth_patterns[0]]));
  });
});
