import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { main } from "../../src/cli/main";
import { buildPayload } from "../../src/definition/normalize";
import { markerValue, ownerValue, withOwner } from "../../src/definition/ownership";
import type { Emulator } from "../../src/emulator";
import { copy, CORPUS, EVERY_NEW_KEY, UNKNOWN_PATTERN_KEY } from "../fixtures/definitions";
import { useStacks } from "../support/e2e/suite";
import { expectAdoptedWithMarkerWritesOnly, stateIdOf, writesSeen } from "../support/e2e/workspace";

jest.setTimeout(600_000);

/**
 * Definitions that use every key Scalekit added to patterns and fields, plus one no version knows,
 * through the real CLI: they are sent as declared, stored as sent, and converge with no drift.
 */
const ctx = useStacks(["dev", "legacy"], { definitions: CORPUS });
const transcript: string[] = [];
const TRANSCRIPT_FILE = path.join(os.tmpdir(), "scalekit-open-definition-transcript.txt");

afterAll(() => fs.writeFileSync(TRANSCRIPT_FILE, transcript.join("\n")));

function record(title: string, output: string): void {
  transcript.push(`$ ${title}\n${output.trim()}\n`);
}

const stored = (e: Emulator, name: string) => e.providers().find((p) => p.display_name === name)!;

it("preview, up, refresh and preview: every key is sent and stored as declared, and nothing drifts", async () => {
  const dev = ctx.env.dev;
  const preview = await ctx.ws.ok(["preview", "--diff"], "dev");
  record("pulumi preview --diff", preview.output);
  expect(preview.output).toMatch(/\+ 4 to create/); // the stack, the state identity and the two providers
  expect(preview.output).toContain(`is not known to this version of the library; sent as-is`);

  const up = await ctx.ws.ok(["up", "--yes"], "dev");
  record("pulumi up --yes", up.output);
  for (const def of Object.values(CORPUS)) {
    expect(stored(dev, def.display_name).auth_patterns).toEqual(def.auth_patterns);
  }

  dev.clearRequests();
  const refresh = await ctx.ws.ok(["refresh", "--yes", "--expect-no-changes"], "dev");
  record("pulumi refresh --yes --expect-no-changes", refresh.output);
  const again = await ctx.ws.ok(["preview", "--expect-no-changes"], "dev");
  record("pulumi preview --expect-no-changes", again.output);
  expect(writesSeen(dev)).toEqual([]);
});

it("an edit of only the unknown key makes exactly one PUT, and it is stored", async () => {
  const dev = ctx.env.dev;
  const id = stored(dev, EVERY_NEW_KEY.display_name).identifier;
  const edited = copy(EVERY_NEW_KEY);
  edited.auth_patterns[0][UNKNOWN_PATTERN_KEY] = 45;
  ctx.ws.writeDefinition("corpus-oauth-options", edited);
  dev.clearRequests();
  const preview = await ctx.ws.ok(["preview", "--diff"], "dev");
  record("pulumi preview --diff (rotation_days 30 -> 45)", preview.output);
  expect(preview.output).toMatch(/rotation_days\s*:\s*30\s*=>\s*45/);
  expect(preview.output).toMatch(/1 to update/);
  await ctx.ws.ok(["up", "--yes"], "dev");
  expect(writesSeen(dev)).toEqual([`PUT /api/v1/custom-providers/${id}`]);
  expect(stored(dev, EVERY_NEW_KEY.display_name).auth_patterns[0][UNKNOWN_PATTERN_KEY]).toBe(45);
  await ctx.ws.ok(["refresh", "--yes", "--expect-no-changes"], "dev");
  await ctx.ws.ok(["preview", "--expect-no-changes"], "dev");
});

it("a create interrupted after it committed (select field with options): the next up converges without another POST", async () => {
  const dev = ctx.env.dev;
  const resumed = { ...copy(EVERY_NEW_KEY), display_name: "Corpus Interrupted" };
  // The POST of an earlier run committed (with this resource's ownership marker, in this state), then
  // the run died before Pulumi recorded the provider.
  const marker = markerValue(
    ownerValue("scalekit-custom-providers", "dev", "corpus-interrupted"),
    await stateIdOf(ctx.ws, "dev"),
  );
  dev.seedProvider(withOwner(buildPayload(resumed), marker));
  ctx.ws.writeDefinition("corpus-interrupted", resumed);
  dev.clearRequests();
  const up = await ctx.ws.ok(["up", "--yes"], "dev");
  expect(up.output).not.toMatch(/adopt/i);
  expect(writesSeen(dev)).toEqual([]);
  expect(dev.providers().filter((p) => p.display_name === "Corpus Interrupted")).toHaveLength(1);

  // The same with the connection dropped after the server committed the POST.
  const dropped = { ...copy(EVERY_NEW_KEY), display_name: "Corpus Dropped" };
  ctx.ws.writeDefinition("corpus-dropped", dropped);
  dev.injectFault({ dropAfterCommit: true, method: "POST" });
  await ctx.ws.ok(["up", "--yes"], "dev");
  expect(dev.providers().filter((p) => p.display_name === "Corpus Dropped")).toHaveLength(1);
  await ctx.ws.ok(["preview", "--expect-no-changes"], "dev");
});

it("export then adoption of providers carrying unknown keys: the first up writes only ownership markers, the next preview has no changes", async () => {
  const legacy = ctx.env.legacy;
  for (const def of Object.values(CORPUS)) legacy.seedProvider(def);
  // A read-back may carry nulls and catalogue types the library does not author.
  legacy.seedProvider({
    display_name: "Corpus Machine Client",
    auth_patterns: [
      { type: "OAUTH_M2M", display_name: "Client credentials", oauth_config: null, fields: [], scope_separator: " " },
    ],
    proxy_url: "https://m2m.example.com",
    proxy_enabled: true,
  });
  const exportDir = path.join(ctx.ws.root, "exported-corpus");
  const out: string[] = [];
  const env = {
    LEGACY_ENVIRONMENT_URL: legacy.url,
    LEGACY_CLIENT_ID: legacy.clientId,
    LEGACY_CLIENT_SECRET: legacy.clientSecret,
  };
  const code = await main(
    ["export", "env:legacy", "--out", exportDir],
    { cwd: ctx.ws.dir, env },
    { out: (t) => out.push(t), err: (t) => out.push(t) },
  );
  expect([code, out.join("\n")]).toEqual([0, expect.any(String)]);
  const exported = JSON.parse(fs.readFileSync(path.join(exportDir, "corpus-oauth-options.json"), "utf8"));
  expect(exported.auth_patterns).toEqual(EVERY_NEW_KEY.auth_patterns);

  const adopt = out.join("\n").match(/pulumi config set adopt '(.*)'/)!;
  await ctx.ws.ok(["config", "set", "definitionsDir", exportDir], "legacy");
  await ctx.ws.ok(["config", "set", "adopt", adopt[1]], "legacy");
  await expectAdoptedWithMarkerWritesOnly(ctx.ws, "legacy", legacy);
});

it("destroy removes every provider", async () => {
  for (const stack of ["dev", "legacy"]) await ctx.ws.ok(["destroy", "--yes"], stack);
  for (const e of Object.values(ctx.env)) expect(e.providers()).toEqual([]);
});
