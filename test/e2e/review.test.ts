import * as fs from "fs";
import * as path from "path";
import { startEmulator, Emulator } from "../../src/emulator";
import { REPO_ROOT, RunResult } from "../support/e2e/cli";
import { readRepoDefinitions, Workspace } from "../support/e2e/workspace";
import { useStacks } from "../support/e2e/suite";

jest.setTimeout(600_000);

/**
 * `scalekit-providers review` on what the real CLI prints with `pulumi preview --json`: a change set
 * holding a create, in-place updates, a scope removal, a rename, a replacement and a delete on dev,
 * plus a prod stack pointed at a .scalekit.dev environment, in one stream, reviewed with
 * `--environment stack:dev` so that the connections of the delete, the replacement and the rename are
 * named; and a definition holding a secret.
 */
const ctx = useStacks(["dev"], {
  definitions: Object.fromEntries(
    Object.entries(readRepoDefinitions()).filter(([name]) =>
      ["my-asana", "my-jira", "my-klaviyo", "my-freshdesk", "my-search-api"].includes(name),
    ),
  ),
});
const definitions = readRepoDefinitions() as Record<string, Record<string, unknown>>;
const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v));

/**
 * The published CLI entry point (dist), reading the given files or stdin, run in the project folder
 * with the workspace's Pulumi environment (so that `--environment stack:NAME` reads that stack's config).
 */
function review(ws: Workspace, args: string[], stdin?: string): Promise<RunResult> {
  const cli = path.join(REPO_ROOT, "dist/src/cli/main.js");
  if (stdin === undefined) return ws.exec(process.execPath, [cli, "review", ...args]);
  const file = path.join(ws.root, `stdin-${Date.now()}.json`);
  fs.writeFileSync(file, stdin);
  return ws.exec("bash", ["-c", `"${process.execPath}" "${cli}" review ${args.join(" ")} < "${file}"`]);
}

async function previewJson(ws: Workspace, stack: string): Promise<string> {
  const result = await ws.pulumi(["preview", "--json"], stack);
  if (result.code !== 0) throw new Error(`pulumi preview --json failed:\n${result.output}`);
  JSON.parse(result.stdout);
  return result.stdout;
}

describe("a change set on dev, and a prod stack on a development environment", () => {
  let markdown = "";
  let identifiers: Record<string, string> = {};

  /** The connections of the providers that the change deletes, replaces and renames. */
  const CONNECTIONS: Record<string, string[]> = {
    "my-freshdesk": ["freshdesk-support", "freshdesk-sales", "freshdesk-eu"],
    "my-klaviyo": ["klaviyo-marketing", "klaviyo-ops"],
    "my-search-api": ["search-internal"],
  };

  beforeAll(async () => {
    await ctx.ws.ok(["up", "--yes"], "dev");
    identifiers = Object.fromEntries((await ctx.ws.providersInState("dev")).map((r) => [r.urn.split("::").pop(), r.id!]));
    for (const [name, connections] of Object.entries(CONNECTIONS)) {
      for (const connection of connections) ctx.env.dev.addConnection(identifiers[name], { name: connection });
    }

    ctx.ws.writeDefinition("my-tavily", definitions["my-tavily"]); // create
    const jira = clone(definitions["my-jira"]);
    jira.description = "Jira Cloud, per site"; // in-place update, nothing risky
    ctx.ws.writeDefinition("my-jira", jira);
    const asana = clone(definitions["my-asana"]) as { auth_patterns: { oauth_config: { available_scopes: unknown[] } }[] };
    asana.auth_patterns[0].oauth_config.available_scopes.pop(); // scope "email" removed
    ctx.ws.writeDefinition("my-asana", asana);
    const klaviyo = clone(definitions["my-klaviyo"]) as { auth_patterns: Record<string, unknown>[]; proxy_enabled: boolean };
    klaviyo.auth_patterns[0].type = "BEARER"; // replacement
    delete klaviyo.auth_patterns[0].auth_field_mutations;
    klaviyo.proxy_enabled = false;
    ctx.ws.writeDefinition("my-klaviyo", klaviyo);
    ctx.ws.removeDefinition("my-freshdesk"); // delete
    ctx.ws.writeDefinition("my-search-api", { ...definitions["my-search-api"], display_name: "Our Search API" }); // rename

    // A prod stack of the same program whose URL is a development environment: preview makes no call.
    await ctx.ws.initStack("prod", {
      url: "https://acme.scalekit.dev",
      clientId: "skc_prod",
      clientSecret: "prod-secret-never-used",
    } as Emulator);
    const stream = (await previewJson(ctx.ws, "dev")) + (await previewJson(ctx.ws, "prod"));
    const result = await review(ctx.ws, ["-", "--environment", "stack:dev"], stream);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    markdown = result.stdout;
    if (process.env.REVIEW_MARKDOWN_OUT) fs.writeFileSync(process.env.REVIEW_MARKDOWN_OUT, markdown);
  });

  it("summarises each stack: counts and environment URL", () => {
    const url = ctx.env.dev.url.replace(/[.]/g, "\\.");
    expect(markdown).toMatch(
      new RegExp(
        `\\| \`dev\` \\| 1 \\| 3 \\| 1 \\| 1 \\| \`${url}\` \\| replace, rename, auth-changed, scopes-removed, proxy-disabled, delete \\|`,
      ),
    );
    expect(markdown).toMatch(
      /\| `prod` \| 5 \| 0 \| 0 \| 0 \| `https:\/\/acme\.scalekit\.dev` \| proxy-disabled, environment-mismatch \|/,
    );
  });

  it("flags the replacement with the old identifier, and its changed values", () => {
    const id = identifiers["my-klaviyo"];
    expect(markdown).toContain(`#### \`my-klaviyo\` — \`My Klaviyo\` (\`${id}\`): replace (delete, then create)`);
    expect(markdown).toContain(
      `> **replace**: \`My Klaviyo\` is deleted and created again (\`auth type changes from API_KEY to BEARER\`). Its connections and connected accounts are deleted with it`,
    );
    expect(markdown).toContain(`Its identifier changes from \`${id}\`: update anything that stores it.`);
    expect(markdown).toContain('- `auth_patterns[0].type`: `"API_KEY"` → `"BEARER"`');
    expect(markdown).toContain('- `auth_patterns[0].auth_field_mutations`: `{"api_key":{"prefix":"Klaviyo-API-Key "}}` → (none)');
    expect(markdown).toContain("> **proxy-disabled**: `My Klaviyo` sets proxy_enabled: false.");
    expect(markdown).toContain("- `proxy_enabled`: `true` → `false`");
  });

  it("flags the scope removal and auth change, and lists the removed scope", () => {
    expect(markdown).toContain(`#### \`my-asana\` — \`My Asana\` (\`${identifiers["my-asana"]}\`): update in place`);
    expect(markdown).toContain("> **auth-changed**: The auth settings of `My Asana` change");
    expect(markdown).toContain(
      "> **scopes-removed**: OAuth scopes removed from `My Asana`: `email`. Connected accounts must re-authorize",
    );
    expect(markdown).toContain(
      '- `auth_patterns[0].oauth_config.available_scopes[1]`: `{"description":"Read your email address","display_name":"Email","required":true,"scope":"email"}` → (none)',
    );
  });

  it("shows the plain update without flags, the create's declaration, and the delete", () => {
    const jira = markdown.slice(
      markdown.indexOf("#### `my-jira`"),
      markdown.indexOf("####", markdown.indexOf("#### `my-jira`") + 1),
    );
    expect(jira).toContain(
      '- `description`: `"Jira Cloud REST API, addressed per site through its cloud id"` → `"Jira Cloud, per site"`',
    );
    expect(jira).not.toContain("> **");
    expect(markdown).toMatch(
      /#### `my-tavily` — `My Tavily`: create\n\n<details><summary>definition \(\d+ characters\)<\/summary>\n\n```json\n[\s\S]*"proxy_url": "https:\/\/api\.tavily\.com"/,
    );
    expect(markdown).toContain(
      `> **delete**: \`My Freshdesk\` (\`${identifiers["my-freshdesk"]}\`) is deleted. The delete fails while it is in use`,
    );
  });

  it("names the connections of the delete (3), the replacement (2) and the rename (1), looked up in dev", () => {
    const url = ctx.env.dev.url;
    expect(markdown).toContain(
      `Connections of deleted, replaced and renamed providers were looked up (read-only) in \`${url}\`.`,
    );
    expect(markdown).toContain(
      `Blast radius: 3 connections: \`freshdesk-support\`, \`freshdesk-sales\`, \`freshdesk-eu\` in \`${url}\`.`,
    );
    expect(markdown).toContain(`Blast radius: 2 connections: \`klaviyo-marketing\`, \`klaviyo-ops\` in \`${url}\`.`);
    expect(markdown).toContain(`Blast radius: 1 connection: \`search-internal\` in \`${url}\`.`);
    expect(markdown.match(/Blast radius: /g)).toHaveLength(3);
  });

  it("flags the rename: every tool is renamed for every agent, and the identifier may change", () => {
    const id = identifiers["my-search-api"];
    expect(markdown).toContain(`#### \`my-search-api\` — \`Our Search API\` (\`${id}\`): update in place`);
    expect(markdown).toContain(
      "> **rename**: `My Search API` is renamed to `Our Search API`. Agents call its tools by names derived from the provider's name",
    );
    expect(markdown).toContain(`so every tool of it is renamed for every agent`);
    expect(markdown).toContain(`Its identifier \`${id}\` may change too: update anything that stores it.`);
  });

  it("prints no secret: neither the client secret nor an access token", () => {
    expect(markdown).not.toContain(ctx.env.dev.clientSecret);
    expect(markdown).not.toContain("prod-secret-never-used");
    const tokens = ctx.env.dev.issuedTokens();
    expect(tokens.length).toBeGreaterThan(0);
    for (const token of tokens) expect(markdown).not.toContain(token);
  });

  it("flags the prod stack named for production on a .scalekit.dev environment", () => {
    expect(markdown).toContain(
      "> **environment-mismatch**: Stack `prod` is named like production but points at `https://acme.scalekit.dev`, a development environment",
    );
  });

  it("--json carries the same content; --fail-on gates; a state export is refused with exit 2", async () => {
    const devJson = await previewJson(ctx.ws, "dev");
    const file = path.join(ctx.ws.root, "dev-preview.json");
    fs.writeFileSync(file, devJson);
    const data = JSON.parse((await review(ctx.ws, [file, "--json"])).stdout);
    expect(data.stacks[0].counts).toEqual({ create: 1, update: 3, replace: 1, delete: 1 });
    expect(data.flagKinds).toEqual(["replace", "rename", "auth-changed", "scopes-removed", "proxy-disabled", "delete"]);
    // Without --environment: not looked up, so no count.
    expect(data.connectionsLookedUpIn).toEqual([]);
    expect(data.stacks[0].providers.every((p: { connections: unknown }) => p.connections === null)).toBe(true);
    const counted = JSON.parse((await review(ctx.ws, [file, "--json", "--environment", "stack:dev"])).stdout);
    expect(
      Object.fromEntries(counted.stacks[0].providers.map((p: { name: string; connections: unknown }) => [p.name, p.connections])),
    ).toEqual({
      "my-tavily": null,
      "my-jira": null,
      "my-asana": null,
      "my-klaviyo": 2,
      "my-search-api": 1,
      "my-freshdesk": 3,
    });

    const gate = await review(ctx.ws, [file, "--fail-on", "scopes-removed"]);
    expect(gate.code).toBe(1);
    expect(gate.stderr).toContain("failing because of --fail-on: scopes-removed");
    expect((await review(ctx.ws, [file, "--fail-on", "environment-mismatch,unknown-keys"])).code).toBe(0);

    const state = path.join(ctx.ws.root, "state.json");
    fs.writeFileSync(state, (await ctx.ws.exportState("dev")).text);
    const refused = await review(ctx.ws, [state]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/state\.json is not the output of `pulumi preview --json`/);
  });

  it("a failing look-up reads unknown, never 0, and the exit code stays as it was", async () => {
    ctx.env.dev.injectFault({ status: 500, pathPrefix: "/api/v1/connections/app", count: 20 });
    const stream = await previewJson(ctx.ws, "dev");
    const result = await review(ctx.ws, ["-", "--environment", "stack:dev", "--fail-on", "scopes-added"], stream);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe("");
    const unknown = result.stdout.match(
      /Blast radius: unknown\. Looking up its connections in `[^`]+` failed \(`[^`]*HTTP 500[^`]*`\)/g,
    );
    expect(unknown).toHaveLength(3);
    expect(result.stdout).not.toMatch(/Blast radius: (no|0|\d+) connections?/);
    const gate = await review(ctx.ws, ["-", "--environment", "stack:dev", "--fail-on", "delete,rename"], stream);
    expect(gate.code).toBe(1);
    expect(gate.stderr).toContain("failing because of --fail-on: delete, rename");
  });

  it("after up, the review of the next preview says there is nothing to change", async () => {
    // The delete and the replacement fail while the providers have connections: remove them first.
    for (const name of Object.keys(CONNECTIONS)) ctx.env.dev.removeConnections(identifiers[name]);
    await ctx.ws.ok(["up", "--yes"], "dev");
    const result = await review(ctx.ws, ["-", "--fail-on", "replace,delete"], await previewJson(ctx.ws, "dev"));
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/\| `dev` \| 0 \| 0 \| 0 \| 0 \|[\s\S]*No changes\./);
  });
});

describe("a definition holding a secret", () => {
  let emulator: Emulator;
  let ws: Workspace;
  beforeAll(async () => {
    emulator = await startEmulator();
    ws = new Workspace({ programDir: path.join(__dirname, "../fixtures/e2e/secret-definition"), linkLibrary: true });
  });
  afterAll(async () => {
    await emulator.close();
    ws.dispose();
  });

  it("shows [secret] and never the plaintext, before or after the change", async () => {
    await ws.initStack("dev", emulator);
    await ws.ok(["config", "set", "--secret", "defaultApiKey", "plain-default-key-0001"], "dev");
    const created = await review(ws, ["-", "--json"], await previewJson(ws, "dev"));
    expect(created.code).toBe(0);
    expect(created.stdout).not.toContain("plain-default-key-0001");
    // The two resources register in either order: find the one by name.
    const api = JSON.parse(created.stdout).stacks[0].providers.find((p: { name: string }) => p.name === "secret-api");
    expect(api.definition.auth_patterns).toBe("[secret]");
    await ws.ok(["up", "--yes"], "dev");

    await ws.ok(["config", "set", "--secret", "defaultApiKey", "plain-default-key-0002"], "dev");
    await ws.ok(["config", "set", "suffix", " v2"], "dev");
    const preview = await previewJson(ws, "dev");
    for (const args of [["-"], ["-", "--json"]]) {
      const result = await review(ws, args, preview);
      expect(result.code).toBe(0);
      for (const plaintext of ["plain-default-key-0001", "plain-default-key-0002", emulator.clientSecret]) {
        expect(result.output).not.toContain(plaintext);
      }
    }
    const markdown = (await review(ws, ["-"], preview)).stdout;
    expect(markdown).toContain('- `description`: `"An API with a shared default key"` → `"An API with a shared default key v2"`');
    expect(markdown).toContain(
      "- `auth_patterns`: [secret] (secret before and after: not shown and not compared; review it in the code)",
    );
    expect(markdown).toMatch(
      /#### `secret-description` — `Secret Description` \(`SECRETDESCRIPTION:\d+`\): update in place\n\n- `description`: \[secret\]/,
    );
    // The secret auth patterns may hide an auth or scope change: flagged, marked, and a gate fails on it.
    expect(markdown).toContain(
      "> **auth-changed** (cannot verify: secret): The auth settings of `Secret Api` may change: if so, existing connections may need re-creating",
    );
    expect(markdown).toContain("The preview cannot tell: the value at `auth_patterns` is secret. Review it in the code.");
    const gate = await review(ws, ["-", "--fail-on", "auth-changed,scopes-removed"], preview);
    expect(gate.code).toBe(1);
    expect(gate.stderr).toContain(
      "--fail-on: auth-changed (cannot verify), scopes-removed (cannot verify); --allow-unverified accepts",
    );
    expect((await review(ws, ["-", "--fail-on", "auth-changed,scopes-removed", "--allow-unverified"], preview)).code).toBe(0);
    await ws.ok(["destroy", "--yes"], "dev");
  });
});
