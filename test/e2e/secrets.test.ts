import * as fs from "fs";
import * as path from "path";
import { useStacks } from "../support/e2e/suite";

jest.setTimeout(600_000);

/** No client secret and no access token in exported state, CLI output, or the engine's own logs. */
const ctx = useStacks(["dev"]);

function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? filesUnder(full) : e.isFile() ? [full] : [];
  });
}

it("keeps credentials out of state, output and logs", async () => {
  const dev = ctx.env.dev;
  const seen: string[] = [];
  const keep = async (args: string[]) => seen.push((await ctx.ws.ok(args, "dev")).output);
  await keep(["up", "--yes"]);
  dev.revokeTokens(); // forces a 401 and a renewal, so more than one token is in play
  await keep(["refresh", "--yes"]);
  await keep(["preview", "--diff"]);
  await keep(["preview", "--logtostderr", "--logflow", "-v=5"]);
  await keep(["destroy", "--yes", "--logtostderr", "--logflow", "-v=5"]);
  const { text: state } = await ctx.ws.exportState("dev");
  await keep(["up", "--yes"]);
  const { text: stateAfterUp } = await ctx.ws.exportState("dev");

  const tokens = dev.issuedTokens();
  expect(tokens.length).toBeGreaterThanOrEqual(2);
  const haystacks: [string, string][] = [
    ["exported state (after destroy)", state],
    ["exported state (after up)", stateAfterUp],
    ...seen.map((s, i): [string, string] => [`CLI output #${i}`, s]),
    ...filesUnder(ctx.ws.root)
      .filter((f) => !f.includes(`${path.sep}node_modules${path.sep}`) && fs.statSync(f).size < 50_000_000)
      .map((f): [string, string] => [f, fs.readFileSync(f, "utf8")]),
  ];
  expect(haystacks.length).toBeGreaterThan(8);
  for (const [where, text] of haystacks) {
    for (const secret of [dev.clientSecret, ...tokens]) {
      if (text.includes(secret)) throw new Error(`a credential leaked into ${where}`);
    }
  }
  // At -v=9 the engine itself logs the decrypted stack config it hands to providers (Pulumi's own
  // behaviour for any provider secret): only our tokens are checked there.
  const debug = await ctx.ws.ok(["preview", "--logtostderr", "--logflow", "-v=9"], "dev");
  expect(debug.output.length).toBeGreaterThan(10_000);
  for (const token of dev.issuedTokens()) expect(debug.output.includes(token)).toBe(false);
  // The stack config holds the client secret only encrypted.
  expect(fs.readFileSync(path.join(ctx.ws.dir, "Pulumi.dev.yaml"), "utf8")).toMatch(/clientSecret:\s*\n\s*secure: /);
});
