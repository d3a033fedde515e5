import * as os from "os";
import { COMMAND_USAGE, USAGE } from "../../../src/cli/main";
import { REVIEW_USAGE } from "../../../src/cli/review";
import { runCli } from "../../support/cli";

/** `--help` and `-h`: the usage on stdout, exit 0, no request and nothing read; unknown options still exit 2. */

// No SCALEKIT_* variables: a command that tried to reach an environment would fail.
const cli = (args: string[]) => runCli(args, { cwd: os.tmpdir(), env: {} });

describe("--help", () => {
  it.each([[["--help"]], [["-h"]]])("%j prints the whole usage and exits 0", async (args) => {
    const res = await cli(args);
    expect(res).toEqual({ code: 0, out: USAGE, err: "" });
    for (const command of ["compare", "export", "review"]) expect(res.out).toContain(`scalekit-providers ${command}`);
    expect(res.out).toContain("--program DIR");
  });

  it.each([
    [["compare", "--help"], COMMAND_USAGE.compare],
    [["compare", "env:dev", "env:prod", "-h"], COMMAND_USAGE.compare],
    [["export", "--help"], COMMAND_USAGE.export],
    [["export", "env", "--program", "out", "-h"], COMMAND_USAGE.export],
    [["review", "--help"], REVIEW_USAGE],
    [["review", "-h"], REVIEW_USAGE],
  ])("%j prints that command's usage and exits 0, doing nothing else", async (args, usage) => {
    expect(await cli(args)).toEqual({ code: 0, out: usage, err: "" });
  });

  it("each command's usage names only that command", () => {
    expect(COMMAND_USAGE.compare).toContain("scalekit-providers compare");
    expect(COMMAND_USAGE.compare).not.toContain("scalekit-providers export");
    expect(COMMAND_USAGE.export).toContain("scalekit-providers export <from> --program DIR");
    expect(COMMAND_USAGE.export).not.toContain("scalekit-providers compare");
  });

  it.each([[["--bogus"]], [["compare", "--help", "--jsn"]], [["export", "env", "-x"]], [["review", "--bogus"]]])(
    "an unknown option still exits 2: %j",
    async (args) => {
      const res = await cli(args);
      expect(res.code).toBe(2);
      expect(res.out).toBe("");
      expect(res.err).toMatch(/^error: /);
    },
  );

  it("an unknown command with --help is still an unknown command", async () => {
    const res = await cli(["deploy", "--help"]);
    expect(res.code).toBe(2);
    expect(res.err).toContain('unknown command "deploy"');
  });
});
