import { parsePreviewDocuments } from "../../../src/review/preview-json";
import { buildReview } from "../../../src/review/review";
import { renderMarkdown } from "../../../src/review/markdown";
import { tierOfStackName, tierOfUrl } from "../../../src/review/environment";
import { unknownKeys } from "../../../src/review/unknown-keys";
import { bearer, fixture, previewDoc } from "../../support/review";

const review = (...docs: object[]) => buildReview(docs.flatMap((d) => parsePreviewDocuments(JSON.stringify(d), "test")));
const kindsOf = (r: ReturnType<typeof buildReview>, name: string) =>
  r.stacks
    .flatMap((s) => s.providers)
    .find((p) => p.name === name)!
    .flags.map((f) => f.kind);

describe("the review of a captured preview", () => {
  const r = buildReview(parsePreviewDocuments(fixture("dev-changes"), "dev.json"));
  const [stack] = r.stacks;
  const provider = (name: string) => stack.providers.find((p) => p.name === name)!;

  it("counts each action and takes the stack from the URNs and the environment from the outputs", () => {
    expect(stack).toMatchObject({
      stack: "dev",
      project: "scalekit-custom-providers",
      counts: { create: 1, update: 1, replace: 1, delete: 1 },
    });
    expect(stack.environmentUrls).toEqual([expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/)]);
    expect(stack.otherChanges).toEqual([]);
  });

  it("flags the replacement with compare's reason and the old identifier, and proxy_enabled false", () => {
    const k = provider("my-klaviyo");
    expect(k).toMatchObject({ action: "replace", displayName: "My Klaviyo", identifier: expect.stringMatching(/^MYKLAVIYO:/) });
    expect(k.flags.map((f) => f.kind)).toEqual(["replace", "proxy-disabled"]);
    expect(k.flags[0].message).toContain("auth type changes from API_KEY to BEARER");
    expect(k.flags[0].message).toContain(`identifier changes from ${k.identifier}`);
    expect(k.flags[0].message).toMatch(/connections and connected accounts/);
    expect(k.changes).toContainEqual({ path: "auth_patterns[0].type", before: "API_KEY", after: "BEARER" });
    expect(k.changes).toContainEqual({ path: "proxy_enabled", before: true, after: false });
  });

  it("flags the scope removal and the auth change on the update, with old and new values", () => {
    const a = provider("my-asana");
    expect(a.flags.map((f) => f.kind)).toEqual(["auth-changed", "scopes-removed"]);
    expect(a.flags[1].message).toMatch(/removed from "My Asana": email\. Connected accounts must re-authorize/);
    expect(a.changes).toContainEqual({
      path: "auth_patterns[0].oauth_config.available_scopes[1]",
      before: { scope: "email", display_name: "Email", description: "Read your email address", required: true },
    });
    expect(a.changes.find((c) => c.path === "description")).toEqual({
      path: "description",
      before: "Asana tasks and projects through our own OAuth app",
      after: "x".repeat(300),
    });
  });

  it("flags the delete with its identifier, and shows the create's declaration", () => {
    const freshdesk = provider("my-freshdesk");
    expect(freshdesk.flags[0]).toEqual({
      kind: "delete",
      message: expect.stringMatching(/^"My Freshdesk" \(MYFRESHDESK:\d+\) is deleted\. The delete fails while it is in use/),
      prose: [
        { value: "My Freshdesk", quoted: true },
        " (",
        { value: freshdesk.identifier },
        ")",
        expect.stringMatching(/^ is deleted\./),
      ],
    });
    expect(provider("my-tavily")).toMatchObject({
      action: "create",
      flags: [],
      definition: { display_name: "My Tavily", proxy_url: "https://api.tavily.com" },
    });
    expect(r.flagKinds.sort()).toEqual(["auth-changed", "delete", "proxy-disabled", "replace", "scopes-removed"]);
  });
});

describe("secrets", () => {
  it("never carries a plaintext that the preview holds, and shows secret properties as [secret]", () => {
    const text = fixture("secret-update");
    expect(text).toContain("PLAINTEXT-KEY-123"); // in the old `stored` output: the review must not read it
    const r = buildReview(parsePreviewDocuments(text, "prod.json"));
    const json = JSON.stringify(r);
    expect(json).not.toContain("PLAINTEXT-KEY");
    const [api, described] = r.stacks[0].providers;
    expect(api.changes).toEqual([
      { path: "description", before: "An API with a shared default key", after: "An API with a shared default key v2" },
      { path: "auth_patterns", before: "[secret]", after: "[secret]", secret: true },
    ]);
    expect(described.changes).toEqual([{ path: "description", before: "[secret]", after: "[secret]", secret: true }]);
  });

  it("masks Pulumi's secret signature objects, nested anywhere, and keeps the plaintext on the other side out too", () => {
    const sig = (value: string) => ({ "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", value });
    const oldDef = bearer({
      auth_patterns: [
        { type: "API_KEY", fields: [{ field_name: "api_key" }], auth_field_mutations: { api_key: { default: "OLD-PLAIN" } } },
      ],
    });
    const newDef = bearer({
      auth_patterns: [
        {
          type: "API_KEY",
          fields: [{ field_name: "api_key" }],
          auth_field_mutations: { api_key: { default: sig("NEW-PLAIN") } },
        },
      ],
    });
    const r = review(
      previewDoc("dev", [{ op: "update", name: "k", old: { definition: oldDef }, new: { definition: newDef }, id: "K:1" }]),
    );
    expect(JSON.stringify(r)).not.toMatch(/PLAIN/);
    expect(r.stacks[0].providers[0].changes).toEqual([
      { path: "auth_patterns[0].auth_field_mutations.api_key.default", before: "[secret]", after: "[secret]", secret: true },
    ]);
  });

  it("a wholly secret definition is one secret change, and Pulumi's replace reason still flags the replacement", () => {
    const r = review(
      previewDoc("dev", [
        {
          op: "replace",
          name: "k",
          old: { definition: "[secret]" },
          new: { definition: "[secret]" },
          id: "K:1",
          replaceReasons: ["definition"],
        },
      ]),
    );
    const [p] = r.stacks[0].providers;
    expect(p.changes).toEqual([{ path: "definition", before: "[secret]", after: "[secret]", secret: true }]);
    expect(p.flags[0]).toMatchObject({ kind: "replace", message: expect.stringContaining("(definition changes)") });
  });
});

describe("values known only after apply", () => {
  it("are not compared, and a pattern depending on another resource does not break the comparison", () => {
    const unknown = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
    const r = review(
      previewDoc("dev", [
        {
          op: "update",
          name: "u",
          old: { definition: bearer({ description: "a" }) },
          new: { definition: bearer({ description: unknown }) },
        },
        { op: "update", name: "w", old: { definition: bearer() }, new: { definition: bearer({ auth_patterns: unknown }) } },
      ]),
    );
    const [u, w] = r.stacks[0].providers;
    expect(u.changes).toEqual([{ path: "description", before: "a", after: unknown, unknown: true }]);
    expect(w.changes).toEqual([{ path: "auth_patterns", before: bearer().auth_patterns, after: unknown, unknown: true }]);
    expect(renderMarkdown(r)).toContain("- `description`: known only after apply (it depends on another resource's output)");
  });
});

describe("flags from synthetic previews", () => {
  it("scopes added on an OAUTH provider", () => {
    const oauth = (scopes: string[]) =>
      bearer({
        auth_patterns: [
          {
            type: "OAUTH",
            oauth_config: {
              authorize_uri: "https://a/x",
              token_uri: "https://a/t",
              available_scopes: scopes.map((scope) => ({ scope })),
            },
          },
        ],
      });
    const r = review(
      previewDoc("dev", [
        { op: "update", name: "o", old: { definition: oauth(["read"]) }, new: { definition: oauth(["read", "write", "admin"]) } },
      ]),
    );
    expect(kindsOf(r, "o")).toEqual(["auth-changed", "scopes-added"]);
    expect(r.stacks[0].providers[0].flags[1].message).toMatch(
      /added to "Some Api": write, admin\. Connected accounts must re-authorize/,
    );
  });

  it("a cosmetic change flags nothing; camelCase inputs are compared in the API's terms", () => {
    const camel = (description: string) => ({
      displayName: "Cam",
      description,
      authPatterns: [{ type: "BEARER", fields: [{ fieldName: "token" }] }],
      proxyUrl: "https://x.example",
    });
    const r = review(previewDoc("dev", [{ op: "update", name: "c", old: camel("a"), new: camel("b") }]));
    expect(r.stacks[0].providers[0]).toMatchObject({
      displayName: "Cam",
      flags: [],
      changes: [{ path: "description", before: "a", after: "b" }],
    });
  });

  it("proxy_enabled false on a create, and keys and values this version does not know", () => {
    const def = bearer({
      proxy_enabled: false,
      auth_patterns: [{ type: "BEARER", rotation_days: 30, fields: [{ field_name: "token", input_type: "multiline" }] }],
    });
    const r = review(previewDoc("dev", [{ op: "create", name: "n", new: { definition: def, adopt: true } }]));
    const [p] = r.stacks[0].providers;
    expect(p.adopt).toBe(true);
    expect(p.flags.map((f) => f.kind)).toEqual(["proxy-disabled", "unknown-keys"]);
    expect(p.flags[1].message).toContain('auth_patterns[0].fields[0].input_type = "multiline", auth_patterns[0].rotation_days');
  });

  it("adopt and configNamespace changes are listed; the environment comes from the namespace's config", () => {
    const r = review(
      previewDoc("dev", [{ op: "create", name: "n", new: { definition: bearer(), configNamespace: "other" } }], {
        config: { "other:environmentUrl": "https://other.scalekit.com" },
      }),
    );
    expect(r.stacks[0].environmentUrls).toEqual(["https://other.scalekit.com"]);
  });

  it("a prod stack on a .scalekit.dev environment, and a dev stack on .scalekit.com", () => {
    const onProd = review(previewDoc("acme-prod", [{ op: "create", name: "n", new: { definition: bearer() } }]));
    expect(onProd.stacks[0].flags).toEqual([
      {
        kind: "environment-mismatch",
        message:
          'Stack "acme-prod" is named like production but points at https://acme.scalekit.dev, a development environment: check this stack\'s environmentUrl setting before merging.',
        prose: [
          "Stack ",
          { value: "acme-prod", quoted: true },
          " is named like production but points at ",
          { value: "https://acme.scalekit.dev" },
          ", a development environment: check this stack's environmentUrl setting before merging.",
        ],
      },
    ]);
    const onDev = review(previewDoc("dev", [], { config: { "scalekit:environmentUrl": "https://acme.scalekit.com" } }));
    expect(onDev.stacks[0].flags.map((f) => f.message)).toEqual([
      expect.stringMatching(/"dev" is named like development but points at https:\/\/acme\.scalekit\.com, a production/),
    ]);
    expect(review(previewDoc("dev", [])).stacks[0].flags).toEqual([]);
  });

  it("the preview's errors are kept and flagged; other resource types are listed but not interpreted", () => {
    const r = review(
      previewDoc(
        "dev",
        [
          { op: "create", name: "bucket", type: "aws:s3/bucket:Bucket", new: { x: 1 } },
          { op: "create", name: "proj-dev", type: "pulumi:pulumi:Stack", new: {} },
          { op: "create", name: "default", type: "pulumi:providers:aws", new: {} },
        ],
        {
          diagnostics: [
            { message: "error: it broke\n", severity: "error" },
            { message: "  at stack frame", severity: "info#err" },
          ],
        },
      ),
    );
    expect(r.stacks[0]).toMatchObject({
      errors: ["error: it broke"],
      otherChanges: [{ type: "aws:s3/bucket:Bucket", action: "create" }],
      counts: { create: 0 },
    });
    expect(r.flagKinds).toEqual(["preview-errors"]);
  });

  it("several documents make one stack review each, in order", () => {
    const r = review(
      previewDoc("dev", []),
      previewDoc("prod", [{ op: "delete", name: "d", old: { definition: bearer() }, id: "D:1" }]),
    );
    expect(r.stacks.map((s) => [s.stack, s.counts.delete])).toEqual([
      ["dev", 0],
      ["prod", 1],
    ]);
  });
});

describe("environment tiers and unknown keys", () => {
  it.each([
    ["prod", "production"],
    ["acme-production", "production"],
    ["org/proj/prd", "production"],
    ["dev", "development"],
    ["my_development", "development"],
    ["staging", undefined],
    ["product", undefined],
    ["devops", undefined],
  ])("stack %s is %s", (name, tier) => expect(tierOfStackName(name)).toBe(tier));

  it("URLs", () => {
    expect(tierOfUrl("https://acme.scalekit.dev")).toBe("development");
    expect(tierOfUrl("https://acme.scalekit.com/")).toBe("production");
    expect(tierOfUrl("https://acme.scalekit.com.")).toBe("production");
    expect(tierOfUrl("https://auth.acme.com")).toBeUndefined();
    expect(tierOfUrl("not a url")).toBeUndefined();
  });

  it("are derived from the definition schema: known keys and values pass, metadata keys are data", () => {
    expect(unknownKeys(bearer({ metadata: { anything_goes: "x" }, proxy_enabled: true }))).toEqual([]);
    expect(
      unknownKeys({
        ...bearer(),
        top_level_typo: 1,
        auth_patterns: [{ type: "OAUTH_M2M", oauth_config: { available_scopes: [{ scope: "a", extra: 1 }] } }],
      }),
    ).toEqual([
      "auth_patterns[0].oauth_config.available_scopes[0].extra",
      'auth_patterns[0].type = "OAUTH_M2M"',
      "top_level_typo",
    ]);
  });
});
