import { runReview } from "../../../src/cli/review";
import { UNKNOWN } from "../../../src/definition/unknown";
import type { Flag } from "../../../src/review/flags";
import { renderMarkdown } from "../../../src/review/markdown";
import { parsePreviewDocuments } from "../../../src/review/preview-json";
import { buildReview } from "../../../src/review/review";
import { bearer, previewDoc } from "../../support/review";

/**
 * Unknown is not fine: a value that is secret, or known only after apply, raises every flag it might
 * trigger, marked "cannot verify", and a `--fail-on` gate fails on it unless `--allow-unverified`.
 */
const review = (...docs: object[]) => buildReview(docs.flatMap((d) => parsePreviewDocuments(JSON.stringify(d), "test")));
const sig = (value: unknown) => ({ "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", value });
const summary = (flags: Flag[]) => flags.map((f) => (f.unverified ? `${f.kind}?${f.unverified.join("+")}` : f.kind));

const oauth = (scopes: string[], extra: Record<string, unknown> = {}) => ({
  type: "OAUTH",
  oauth_config: { authorize_uri: "https://a/x", token_uri: "https://a/t", available_scopes: scopes.map((scope) => ({ scope })) },
  ...extra,
});
const before = bearer({ auth_patterns: [oauth(["read", "write"])], proxy_enabled: true });
/** The change of the issue: a scope swapped, proxy_enabled false, a key this version does not know. */
const plainAfter = bearer({ auth_patterns: [oauth(["read", "admin"], { rotation_days: 30 })], proxy_enabled: false });

function update(after: object, name = "p") {
  return previewDoc("dev", [{ op: "update", name, id: "P:1", old: { definition: before }, new: { definition: after } }]);
}

async function gate(doc: object, args: string[]) {
  const err: string[] = [];
  const code = await runReview(
    ["-", ...args],
    { cwd: __dirname, readStdin: async () => JSON.stringify(doc) },
    { out: () => undefined, err: (t) => err.push(t) },
  );
  return { code, err: err.join("\n") };
}

describe("the change of issue 19, with plain, secret and unknown values", () => {
  it("plain values raise their flags, verified", () => {
    expect(summary(review(update(plainAfter)).stacks[0].providers[0].flags)).toEqual([
      "auth-changed",
      "scopes-added",
      "scopes-removed",
      "proxy-disabled",
      "unknown-keys",
    ]);
  });

  it.each([
    ["secret", sig],
    ["unknown", () => UNKNOWN],
  ] as const)("the same change with %s values raises the same flags, marked unverified", (opacity, hide) => {
    const hidden = { ...plainAfter, auth_patterns: hide(plainAfter.auth_patterns), proxy_enabled: hide(false) };
    const r = review(update(hidden));
    const [p] = r.stacks[0].providers;
    expect(summary(p.flags)).toEqual(
      ["auth-changed", "scopes-added", "scopes-removed", "proxy-disabled", "unknown-keys"].map((k) => `${k}?${opacity}`),
    );
    const scopes = p.flags.find((f) => f.kind === "scopes-removed")!;
    const why = opacity === "secret" ? "secret" : "known only after apply";
    expect(scopes.message).toBe(
      `OAuth scopes may be removed from "Some Api": if so, connected accounts must re-authorize, and tools that need those scopes will fail. The preview cannot tell: the value at auth_patterns is ${why}. Review it in the code.`,
    );
    expect(r.flagKinds).toEqual(["auth-changed", "scopes-added", "scopes-removed", "proxy-disabled", "unknown-keys"]);
    const md = renderMarkdown(r);
    expect(md).toContain(`> **scopes-removed** (cannot verify: ${opacity}): OAuth scopes may be removed from \`Some Api\``);
    expect(md).toContain(
      `| \`dev\` | 0 | 1 | 0 | 0 | \`https://acme.scalekit.dev\` | auth-changed (cannot verify), scopes-added`,
    );
    expect(JSON.stringify(r)).not.toContain("admin");
  });

  it("a verified flag is not repeated as unverified; a hidden value raises only what it could change", () => {
    // Scopes removed in plain, and the description of the first scope secret: scopes-removed is verified.
    const after = bearer({
      auth_patterns: [
        {
          ...oauth(["read"]),
          oauth_config: { ...oauth([]).oauth_config, available_scopes: [{ scope: "read", description: sig("x") }] },
          fields: [{ field_name: "token", label: sig("Token") }],
        },
      ],
      metadata: { owner: sig("team-a") },
      proxy_enabled: true,
    });
    const [p] = review(update(after)).stacks[0].providers;
    expect(summary(p.flags)).toEqual(["auth-changed", "scopes-removed"]);
  });

  it("the scope name alone hidden raises both scope flags; a hidden pattern type raises unknown-keys", () => {
    const pattern = oauth(["read", "write"]);
    pattern.oauth_config.available_scopes[1].scope = UNKNOWN;
    const after = bearer({ auth_patterns: [{ ...pattern, type: sig("OAUTH") }], proxy_enabled: true });
    const [p] = review(update(after)).stacks[0].providers;
    expect(summary(p.flags)).toEqual([
      "auth-changed?secret+unknown",
      "scopes-added?unknown",
      "scopes-removed?unknown",
      "unknown-keys?secret",
    ]);
  });

  it("a wholly secret definition might raise every flag of an update; a create's only its own", () => {
    const r = review(
      previewDoc("dev", [
        { op: "update", name: "u", id: "U:1", old: { definition: before }, new: { definition: sig(before) } },
        { op: "create", name: "c", new: { definition: sig(before) } },
      ]),
    );
    const [u, c] = r.stacks[0].providers;
    expect(summary(u.flags)).toEqual([
      "rename?secret",
      "auth-changed?secret",
      "scopes-added?secret",
      "scopes-removed?secret",
      "proxy-disabled?secret",
      "unknown-keys?secret",
    ]);
    expect(summary(c.flags)).toEqual(["proxy-disabled?secret", "unknown-keys?secret"]);
  });

  it("a prod stack whose environment URL is secret might be on a development environment", () => {
    const r = review(
      previewDoc("prod", [{ op: "create", name: "n", new: { definition: bearer() } }], {
        config: { "scalekit:environmentUrl": "[secret]" },
      }),
    );
    expect(summary(r.stacks[0].flags)).toEqual(["environment-mismatch?secret"]);
    expect(r.stacks[0].flags[0].message).toContain("the value at scalekit:environmentUrl is secret");
    expect(
      summary(review(previewDoc("staging", [], { config: { "scalekit:environmentUrl": "[secret]" } })).stacks[0].flags),
    ).toEqual([]);
  });
});

describe("--fail-on and --allow-unverified", () => {
  const hidden = update({ ...plainAfter, auth_patterns: sig(plainAfter.auth_patterns), proxy_enabled: sig(false) });

  it("fails on an unverified flag, and says that --allow-unverified accepts it", async () => {
    const { code, err } = await gate(hidden, ["--fail-on", "scopes-removed,delete"]);
    expect(code).toBe(1);
    expect(err).toBe(
      "review: failing because of --fail-on: scopes-removed (cannot verify); --allow-unverified accepts flags that only a secret or unknown value, or a provider's current owner, might raise",
    );
  });

  it("--allow-unverified passes unverified flags, never verified ones", async () => {
    expect(await gate(hidden, ["--fail-on", "scopes-removed", "--allow-unverified"])).toEqual({ code: 0, err: "" });
    const plain = await gate(update(plainAfter), ["--fail-on", "scopes-removed", "--allow-unverified"]);
    expect(plain).toEqual({ code: 1, err: "review: failing because of --fail-on: scopes-removed" });
  });
});

describe("rename", () => {
  const renamed = (from: unknown, to: unknown, op = "update") =>
    review(
      previewDoc("dev", [
        {
          op,
          name: "r",
          id: "CUSTOMCONTEXT7MCP:42",
          old: { definition: bearer({ display_name: from }) },
          new: { definition: bearer({ display_name: to }) },
        },
      ]),
    ).stacks[0].providers[0];

  it("says that every tool is renamed for every agent, and that the identifier may change", () => {
    const p = renamed("Custom Context7 MCP", "Context7 Docs");
    expect(summary(p.flags)).toEqual(["rename"]);
    expect(p.flags[0].message).toBe(
      '"Custom Context7 MCP" is renamed to "Context7 Docs". Agents call its tools by names derived from the provider\'s name (Scalekit\'s "Custom Context7 MCP" gives c-customcontext7mcp_query-docs), so every tool of it is renamed for every agent: update the agents, prompts and allow-lists that name them. Its identifier CUSTOMCONTEXT7MCP:42 may change too: update anything that stores it.',
    );
    expect(p.changes).toEqual([{ path: "display_name", before: "Custom Context7 MCP", after: "Context7 Docs" }]);
    expect(p.blastRadius).toEqual({ status: "not-looked-up", reason: "no-environment" });
    expect(p.connections).toBeNull();
  });

  it("a replacement that renames says both; a hidden new name is an unverified rename", () => {
    expect(summary(renamed("A", "B", "replace").flags)).toEqual(["replace", "rename"]);
    expect(summary(renamed("A", sig("B")).flags)).toEqual(["rename?secret"]);
    expect(summary(renamed("A", UNKNOWN).flags)).toEqual(["rename?unknown"]);
    expect(renamed("A", UNKNOWN).blastRadius).toEqual({ status: "not-looked-up", reason: "no-environment" });
    expect(summary(renamed("A", "A").flags)).toEqual([]);
    expect(renamed("A", "A").blastRadius).toBeUndefined();
  });
});

describe("adopt", () => {
  const created = (inputs: Record<string, unknown>) =>
    review(previewDoc("dev", [{ op: "create", name: "a", new: { definition: bearer(), ...inputs } }])).stacks[0].providers[0];

  it("a create with adopt: true, or with Pulumi's import option, takes over an existing provider", () => {
    const adopted = created({ adopt: true });
    expect(summary(adopted.flags)).toEqual(["adopt"]);
    expect(adopted.flags[0].message).toMatch(/^"Some Api" takes over an existing provider \(adopt: true\) and updates it/);
    const imported = created({ importIdentifier: "SOMEAPI:123" });
    expect(imported.importIdentifier).toBe("SOMEAPI:123");
    expect(imported.flags[0].message).toBe(
      '"Some Api" takes over an existing provider (Pulumi\'s import of SOMEAPI:123) and updates it to this declaration: check that it is the provider meant, that no other stack or team manages it, and that its connections can take the change.',
    );
    // The identifier is data: rendered as code.
    expect(imported.flags[0].prose).toContainEqual({ value: "SOMEAPI:123" });
    expect(summary(created({}).flags)).toEqual([]);
    expect(summary(created({ adopt: false }).flags)).toEqual([]);
  });

  const changed = (op: "update" | "replace", inputs: Record<string, unknown>, after = bearer()) =>
    review(
      previewDoc("dev", [
        { op, name: "a", id: "SOMEAPI:1", old: { definition: bearer(), adopt: true }, new: { definition: after, ...inputs } },
      ]),
    ).stacks[0].providers[0];

  it("a lingering adopt: true on an update is flagged, unverifiable: the preview cannot see who owns the provider now", () => {
    const p = changed("update", { adopt: true }, bearer({ description: "edited" }));
    expect(summary(p.flags)).toEqual(["adopt?owner"]);
    expect(p.flags[0].message).toMatch(
      /^"Some Api" still sets adopt: true\. An update takes nothing: adopt acts only when a resource is created/,
    );
    expect(summary(changed("update", { adopt: false }, bearer({ description: "edited" })).flags)).toEqual([]);
    expect(summary(changed("update", { adopt: UNKNOWN }, bearer({ description: "edited" })).flags)).toEqual(["adopt?unknown"]);
  });

  it("a replacement with adopt: true may take over another provider of its name: flagged, unverifiable", () => {
    const p = changed(
      "replace",
      { adopt: true },
      bearer({ auth_patterns: [{ type: "API_KEY", fields: [{ field_name: "api_key" }] }] }),
    );
    expect(summary(p.flags)).toContain("adopt?owner");
    expect(p.flags.find((f) => f.kind === "adopt")!.message).toContain(
      "the replacement's create takes over any existing provider",
    );
  });

  it("--fail-on adopt gates a lingering adopt; --allow-unverified accepts it", async () => {
    const doc = previewDoc("dev", [
      {
        op: "update",
        name: "a",
        id: "SOMEAPI:1",
        old: { definition: bearer(), adopt: true },
        new: { definition: bearer({ description: "x" }), adopt: true },
      },
    ]);
    const failed = await gate(doc, ["--fail-on", "adopt"]);
    expect(failed.code).toBe(1);
    expect(failed.err).toContain("adopt (cannot verify)");
    expect((await gate(doc, ["--fail-on", "adopt", "--allow-unverified"])).code).toBe(0);
  });

  it("an adopt or import not known at preview is an unverified adopt", () => {
    expect(summary(created({ adopt: UNKNOWN }).flags)).toEqual(["adopt?unknown"]);
    expect(summary(created({ adopt: sig(true) }).flags)).toEqual(["adopt?secret"]);
    expect(created({ importIdentifier: UNKNOWN }).flags[0].message).toContain(
      "the value at importIdentifier is known only after apply",
    );
  });
});
