import * as fs from "fs";
import * as path from "path";
import { startEmulator, Emulator } from "../../src/emulator";
import { REPO_ROOT } from "../support/e2e/cli";
import { Workspace } from "../support/e2e/workspace";

jest.setTimeout(600_000);

/**
 * Each program under examples/, as a user would run it: copied on its own, importing
 * pulumi-scalekit-providers from its node_modules, run with the real CLI against emulators.
 */

const STACK = "dev";

/** A copy of an example and its stack, with `config` set (keys given with their namespace). */
async function exampleStack(
  example: string,
  config: Record<string, string>,
  secrets: Record<string, string>,
): Promise<Workspace> {
  const ws = new Workspace({ programDir: path.join(REPO_ROOT, "examples", example), linkLibrary: true });
  await ws.ok(["stack", "init", STACK, "--secrets-provider", "passphrase"]);
  for (const [key, value] of Object.entries(config)) await ws.ok(["config", "set", key, value], STACK);
  for (const [key, value] of Object.entries(secrets)) await ws.ok(["config", "set", "--secret", key, value], STACK);
  return ws;
}

/**
 * The example's whole life: preview, up, a no-op preview, destroy. `afterUp` checks the environments
 * after up; `afterPreview` gets the first preview's output (with --diff).
 */
async function lifecycle(
  ws: Workspace,
  afterUp: () => Promise<void> | void,
  afterPreview?: (stdout: string) => void,
): Promise<void> {
  const preview = await ws.ok(["preview", "--diff"], STACK);
  expect(preview.stdout).toMatch(/to create/);
  afterPreview?.(preview.stdout);
  await ws.ok(["up", "--yes"], STACK);
  await afterUp();
  await ws.ok(["preview", "--expect-no-changes"], STACK);
  await ws.ok(["destroy", "--yes"], STACK);
}

const names = (e: Emulator) =>
  e
    .providers()
    .map((p) => p.display_name)
    .sort();

describe("examples/existing-program", () => {
  let emulator: Emulator;
  let ws: Workspace | undefined;
  beforeAll(async () => {
    emulator = await startEmulator({ clientId: "skc_existing", clientSecret: "existing-program-secret-4711" });
  });
  afterAll(async () => {
    await emulator.close();
    ws?.dispose();
  });

  it("adds custom providers next to the program's own resources, configured under its own namespace", async () => {
    ws = await exampleStack(
      "existing-program",
      { "existing-program:environmentUrl": emulator.url, "existing-program:clientId": emulator.clientId },
      { "existing-program:clientSecret": emulator.clientSecret },
    );
    await lifecycle(
      ws,
      async () => {
        expect(names(emulator)).toEqual(["Support Desk Freshdesk", "Support Desk Search"]);
        const { stdout } = await ws!.ok(["stack", "output", "--json", "--show-secrets"], STACK);
        const outputs = JSON.parse(stdout);
        expect(outputs.releaseTag).toMatch(/^support-desk-2024\.06-[0-9a-f]{6}$/);
        // The release's output, unknown at the first preview, reached the provider's inputs.
        const helpdesk = emulator.providers().find((p) => p.display_name === "Support Desk Freshdesk")!;
        expect(helpdesk.identifier).toBe(outputs.helpdeskProvider);
        expect(helpdesk.description).toBe(`Freshdesk for support-desk, release ${outputs.releaseTag}`);
        // Plus the ownership marker the provider writes (project/stack/resource@state).
        expect(helpdesk.metadata).toEqual({
          service: "support-desk",
          release: outputs.releaseTag,
          managed_by_pulumi: expect.stringMatching(/^existing-program\/dev\/helpdesk@[0-9a-f]{16}$/),
        });
        const { text } = await ws!.exportState(STACK);
        expect(text).not.toContain(emulator.clientSecret);
      },
      (preview) => {
        // The release does not exist yet, so the values computed from its tag are unknown at preview.
        expect(preview).toMatch(/description\s*:\s*\[unknown\]/);
        expect(preview).toMatch(/release\s*:\s*\[unknown\]/);
        expect(preview).toMatch(/\+ 5 to create/); // with the scalekit-state-identity resource
      },
    );
    expect(emulator.providers()).toEqual([]);
  });
});

describe("examples/two-environments", () => {
  let dev: Emulator;
  let prod: Emulator;
  let ws: Workspace | undefined;
  beforeAll(async () => {
    dev = await startEmulator({ clientId: "skc_dev", clientSecret: "dev-secret-0a1b2c3d" });
    prod = await startEmulator({ clientId: "skc_prod", clientSecret: "prod-secret-9z8y7x6w" });
  });
  afterAll(async () => {
    await dev.close();
    await prod.close();
    ws?.dispose();
  });

  it("creates the same definition in both environments and keeps both secrets and all tokens out of the state", async () => {
    ws = await exampleStack(
      "two-environments",
      {
        "scalekitDev:environmentUrl": dev.url,
        "scalekitDev:clientId": dev.clientId,
        "scalekitProd:environmentUrl": prod.url,
        "scalekitProd:clientId": prod.clientId,
      },
      { "scalekitDev:clientSecret": dev.clientSecret, "scalekitProd:clientSecret": prod.clientSecret },
    );
    await lifecycle(ws, async () => {
      expect(names(dev)).toEqual(["My Tavily"]);
      expect(names(prod)).toEqual(["My Tavily"]);
      const [inDev] = dev.providers();
      const [inProd] = prod.providers();
      expect(inDev.identifier).not.toBe(inProd.identifier);

      const { stdout } = await ws!.ok(["stack", "output", "identifiers", "--json"], STACK);
      expect(JSON.parse(stdout)).toEqual({ dev: inDev.identifier, prod: inProd.identifier });

      const { text, resources } = await ws!.exportState(STACK);
      const byUrn = Object.fromEntries(
        resources.filter((r) => r.type.endsWith(":CustomProvider")).map((r) => [r.urn.split("::").pop(), r]),
      );
      expect(byUrn["my-tavily-dev"].id).toBe(inDev.identifier);
      expect(byUrn["my-tavily-prod"].id).toBe(inProd.identifier);
      expect(byUrn["my-tavily-dev"].outputs!.environmentUrl).toBe(dev.url);
      expect(byUrn["my-tavily-prod"].outputs!.environmentUrl).toBe(prod.url);
      for (const secret of [dev.clientSecret, prod.clientSecret]) expect(text).not.toContain(secret);
      const tokens = [...dev.issuedTokens(), ...prod.issuedTokens()];
      expect(dev.issuedTokens().length).toBeGreaterThan(0);
      expect(prod.issuedTokens().length).toBeGreaterThan(0);
      for (const token of tokens) expect(text).not.toContain(token);
    });
    expect(dev.providers()).toEqual([]);
    expect(prod.providers()).toEqual([]);
  });
});

describe("examples/definitions-from-files", () => {
  let emulator: Emulator;
  let ws: Workspace | undefined;
  beforeAll(async () => {
    emulator = await startEmulator();
  });
  afterAll(async () => {
    await emulator.close();
    ws?.dispose();
  });

  it("creates one provider per JSON file in its definitions/ folder, through the default scalekit namespace", async () => {
    ws = await exampleStack(
      "definitions-from-files",
      { "scalekit:environmentUrl": emulator.url, "scalekit:clientId": emulator.clientId },
      { "scalekit:clientSecret": emulator.clientSecret },
    );
    await lifecycle(ws, async () => {
      expect(names(emulator)).toEqual(["Team Linear", "Weather API"]);
      const { stdout } = await ws!.ok(["stack", "output", "identifiers", "--json"], STACK);
      const byName = Object.fromEntries(emulator.providers().map((p) => [p.display_name, p.identifier]));
      expect(JSON.parse(stdout)).toEqual({ "team-linear": byName["Team Linear"], "weather-api": byName["Weather API"] });
    });
    expect(emulator.providers()).toEqual([]);
  });
});

describe("examples/automation-api", () => {
  let emulator: Emulator;
  let ws: Workspace | undefined;
  beforeAll(async () => {
    emulator = await startEmulator({ clientId: "skc_automation", clientSecret: "automation-secret-31f5a9" });
  });
  afterAll(async () => {
    await emulator.close();
    ws?.dispose();
  });

  it("syncs its definitions folder through an inline program: prints the review, applies with --yes, then has nothing to do", async () => {
    ws = new Workspace({ programDir: path.join(REPO_ROOT, "examples", "automation-api"), linkLibrary: true });
    const tsc = await ws.exec(process.execPath, [path.join(REPO_ROOT, "node_modules/typescript/bin/tsc"), "-p", "."]);
    expect(tsc).toMatchObject({ code: 0 });
    const credentials = {
      SCALEKIT_ENVIRONMENT_URL: emulator.url,
      SCALEKIT_CLIENT_ID: emulator.clientId,
      SCALEKIT_CLIENT_SECRET: emulator.clientSecret,
    };
    const sync = (...args: string[]) => ws!.exec(process.execPath, ["dist/sync.js", ...args], credentials);

    const review = await sync();
    expect(review.stderr).toBe("");
    expect(review.code).toBe(0);
    expect(review.stdout).toContain("Weather API");
    expect(review.stdout).toMatch(/create/i);
    // The review itself, as `scalekit-providers review` renders it: its marker and the stack's summary row.
    expect(review.stdout).toContain("<!-- scalekit-providers-review -->");
    expect(review.stdout).toMatch(/\| `dev` \| 1 \| 0 \| 0 \| 0 \|/);
    expect(review.stdout).toContain("Run again with --yes to apply.");
    expect(emulator.providers()).toEqual([]);

    const applied = await sync("--yes");
    expect(applied.code).toBe(0);
    expect(applied.stdout).toContain('Applied: {"create":');
    expect(names(emulator)).toEqual(["Weather API"]);

    const again = await sync("--yes");
    expect(again.code).toBe(0);
    expect(again.stdout).toContain("Nothing to change.");
    for (const out of [review, applied, again]) expect(out.output).not.toContain(emulator.clientSecret);
    // The client secret is in the stack's settings, encrypted.
    const settings = fs.readFileSync(path.join(ws.dir, ".pulumi-sync", "Pulumi.dev.yaml"), "utf8");
    expect(settings).toContain("scalekit:clientSecret");
    expect(settings).not.toContain(emulator.clientSecret);
  });

  it("reports a preview that fails with its errors in the review, and exit 1", async () => {
    const dir = path.join(ws!.root, "broken-definitions");
    fs.mkdirSync(dir);
    fs.writeFileSync(
      path.join(dir, "bad.json"),
      JSON.stringify({ display_name: "bad-name!", auth_patterns: [], proxy_url: "http://x" }),
    );
    const res = await ws!.exec(process.execPath, ["dist/sync.js", dir, "--yes"], {
      SCALEKIT_ENVIRONMENT_URL: emulator.url,
      SCALEKIT_CLIENT_ID: emulator.clientId,
      SCALEKIT_CLIENT_SECRET: emulator.clientSecret,
    });
    expect(res.code).toBe(1);
    expect(res.stdout).toContain("display_name may contain only letters, digits and spaces");
    expect(names(emulator)).toEqual(["Weather API"]);
  });
});
