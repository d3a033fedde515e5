import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { ScalekitClient } from "../../../src";
import { toCamelCase } from "../../../src/definition/case";
import { runReview } from "../../../src/cli/review";
import { tavily, useEmulator } from "../../support/emulator";
import { runCli } from "../../support/cli";
import { implementationFor } from "../../support/provider";
import { bearer, fixture, previewDoc } from "../../support/review";

/**
 * No secret in any output (issue 24): known secret values are planted where credentials live (an
 * auth field mutation's default, a value of a password field, a Pulumi secret, a proxy_url declared
 * secret) and every command's output is searched for them: compare (text and --json), export and
 * export --program (what they print; the files hold what Scalekit stores, by design), review
 * (Markdown and --json), and the provider's warnings. Each value must be told by its size only.
 */
const PLANTED = {
  devKey: "PLANTED-DEV-KEY-1111",
  prodKey: "PLANTED-PROD-KEY-2222",
  devField: "PLANTED-FIELD-3333",
  onlyDev: "PLANTED-ONLY-DEV-4444",
  dirKey: "PLANTED-DIR-KEY-5555",
  reviewOld: "PLANTED-REVIEW-OLD-6666",
  reviewNew: "PLANTED-REVIEW-NEW-7777",
  reviewCreate: "PLANTED-REVIEW-CREATE-8888",
  proxy: "PLANTED-PROXY-9999",
  secretOld: "PLAINTEXT-KEY-123",
  secretNew: "PLAINTEXT-KEY-456",
};
const everyPlanted = Object.values(PLANTED);

/** An API_KEY provider holding `key` as its mutation default, and `field` as its password field's default. */
function keyed(name: string, key: string | undefined, field?: string) {
  return {
    display_name: name,
    auth_patterns: [
      {
        type: "API_KEY",
        display_name: "API key",
        fields: [{ field_name: "api_key", label: "API key", input_type: "password", ...(field ? { default: field } : {}) }],
        ...(key ? { auth_field_mutations: { api_key: { prefix: "Key ", default: key } } } : {}),
      },
    ],
    proxy_url: "https://api.example.com",
    proxy_enabled: true,
  };
}

const dev = useEmulator();
const prod = useEmulator();

const env = () => ({
  DEV_ENVIRONMENT_URL: dev().url,
  DEV_CLIENT_ID: dev().clientId,
  DEV_CLIENT_SECRET: dev().clientSecret,
  PROD_ENVIRONMENT_URL: prod().url,
  PROD_CLIENT_ID: prod().clientId,
  PROD_CLIENT_SECRET: prod().clientSecret,
});

function expectNoPlanted(output: string): void {
  for (const value of everyPlanted) expect(output).not.toContain(value);
  // Nor a part of one long enough to matter.
  expect(output).not.toMatch(/PLANTED|PLAINTEXT/);
}

async function review(text: string, args: string[] = []) {
  const out: string[] = [];
  const err: string[] = [];
  await runReview(
    ["-", ...args],
    { cwd: __dirname, readStdin: async () => text },
    { out: (t) => out.push(t), err: (t) => err.push(t) },
  );
  return out.join("\n") + err.join("\n");
}

describe("no secret in any output", () => {
  beforeEach(() => {
    dev().seedProvider(keyed("Key Api", PLANTED.devKey, PLANTED.devField));
    prod().seedProvider(keyed("Key Api", PLANTED.prodKey));
    dev().seedProvider(keyed("Only Dev", PLANTED.onlyDev));
    dev().seedProvider(keyed("Whole Mutations", PLANTED.devKey));
    prod().seedProvider(keyed("Whole Mutations", undefined));
  });

  it("compare, as text and as JSON, tells each credential by its size", async () => {
    const ctx = { cwd: process.cwd(), env: env() };
    const text = await runCli(["compare", "env:dev", "env:prod"], ctx);
    expect(text.code).toBe(1);
    expectNoPlanted(text.out + text.err);
    expect(text.out).toContain(
      "auth_patterns[0].auth_field_mutations.api_key.default: 20 characters changed (secret, not shown)",
    );
    expect(text.out).toContain("auth_patterns[0].fields[0].default: set, 18 characters (secret, not shown)");
    // A whole object that holds a credential: shown, with the credential masked.
    expect(text.out).toContain(
      'auth_patterns[0].auth_field_mutations: (none) => {"api_key":{"prefix":"Key ","default":"[secret: 20 characters]"}}',
    );
    const json = await runCli(["compare", "env:dev", "env:prod", "--json"], ctx);
    expectNoPlanted(json.out + json.err);
    const report = JSON.parse(json.out);
    const keyApi = report.different.find((d: { name: string }) => d.name === "Key Api");
    expect(keyApi.changes).toContainEqual({
      path: ["auth_patterns", 0, "auth_field_mutations", "api_key", "default"],
      change: "20 characters changed (secret, not shown)",
      secret: true,
    });
  });

  it("compare of a folder of declarations with an environment", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "declared-"));
    fs.writeFileSync(path.join(dir, "key-api.json"), JSON.stringify(keyed("Key Api", PLANTED.dirKey, PLANTED.devField)));
    const res = await runCli(["compare", `dir:${dir}`, "env:prod"], { cwd: process.cwd(), env: env() });
    expect(res.code).toBe(1);
    expectNoPlanted(res.out + res.err);
  });

  it("export and export --program print no credential (their files hold what Scalekit stores)", async () => {
    const ctx = {
      cwd: process.cwd(),
      env: {
        SCALEKIT_ENVIRONMENT_URL: dev().url,
        SCALEKIT_CLIENT_ID: dev().clientId,
        SCALEKIT_CLIENT_SECRET: dev().clientSecret,
      },
    };
    const out = fs.mkdtempSync(path.join(os.tmpdir(), "export-"));
    const files = await runCli(["export", "env", "--out", out], ctx);
    expect(files.code).toBe(0);
    expectNoPlanted(files.out + files.err);
    expect(fs.readFileSync(path.join(out, "key-api.json"), "utf8")).toContain(PLANTED.devKey);
    const program = fs.mkdtempSync(path.join(os.tmpdir(), "program-"));
    const res = await runCli(["export", "env", "--program", program], ctx);
    expect(res.code).toBe(0);
    expectNoPlanted(res.out + res.err);
  });

  it("review, as Markdown and as JSON: plaintext credentials, Pulumi secrets and the plaintext a secret replaces", async () => {
    const doc = previewDoc("prod", [
      {
        op: "update",
        name: "key-api",
        old: { definition: keyed("Key Api", PLANTED.reviewOld, PLANTED.devField) },
        new: { definition: keyed("Key Api", PLANTED.reviewNew) },
      },
      { op: "create", name: "new-key-api", new: { definition: keyed("New Key Api", PLANTED.reviewCreate, PLANTED.devField) } },
      {
        op: "update",
        name: "moved",
        old: { definition: bearer({ description: "a" }) },
        new: { definition: bearer({ description: "b" }) },
        outputs: {
          stored: {
            ...bearer(),
            auth_patterns: [{ type: "BEARER", auth_field_mutations: { token: { default: PLANTED.reviewOld } } }],
          },
        },
      },
    ]);
    for (const text of [JSON.stringify(doc), fixture("secret-update")]) {
      const md = await review(text);
      expectNoPlanted(md);
      expectNoPlanted(await review(text, ["--json"]));
      expectNoPlanted(await review(text, ["--max-length", "2000"]));
    }
    const md = await review(JSON.stringify(doc));
    expect(md).toContain("- `auth_patterns[0].auth_field_mutations.api_key.default`: 23 characters changed (secret, not shown)");
    expect(md).toContain("- `auth_patterns[0].fields[0].default`: removed, 18 characters (secret, not shown)");
    expect(md).toContain('"default": "[secret: 26 characters]"');
  });

  it("the provider's warnings: a secret proxy_url Scalekit did not apply, and values it kept", async () => {
    const declared = {
      ...toCamelCase<Record<string, unknown>>(tavily),
      managedBy: "p/dev/my-tavily",
      stateId: "aaaaaaaaaaaaaaaa",
    };
    const real = ScalekitClient.prototype.createProvider;
    const spy = jest.spyOn(ScalekitClient.prototype, "createProvider").mockImplementation(async function (
      this: ScalekitClient,
      def,
    ) {
      const created = await real.call(this, def);
      return {
        ...created,
        provider: {
          ...created.provider,
          proxy_url: `https://${PLANTED.proxy}.example.com`,
          description: PLANTED.devKey,
          metadata: { ...created.provider.metadata, leftover: PLANTED.prodKey },
        },
      };
    });
    try {
      const { impl, logs } = implementationFor(dev());
      await impl.create({ ...declared, proxyUrl: `https://${PLANTED.proxy}-declared.example.com` });
      const warnings = logs.warnings.join("\n");
      expect(warnings).toContain("Scalekit did not apply all of the write");
      expect(warnings).toMatch(
        /proxy_url: sent a value of \d+ characters \(not shown\), Scalekit kept a value of \d+ characters/,
      );
      expectNoPlanted(warnings + logs.debug.join("\n"));
    } finally {
      spy.mockRestore();
    }
  });
});
