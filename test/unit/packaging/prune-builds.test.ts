import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

/**
 * scripts/pulumi-cli/prune-builds.sh, which install.sh runs after a build: the language hosts and
 * bin-<key> directories that no run has marked for longer than the given days go; the ones the caller
 * keeps, and any marked since, stay; nothing else of the cache is touched.
 */
const PRUNE = path.resolve(__dirname, "../../../scripts/pulumi-cli/prune-builds.sh");
const DAY_SECONDS = 24 * 60 * 60;

let cache: string;
beforeEach(() => (cache = fs.mkdtempSync(path.join(os.tmpdir(), "scalekit-prune-"))));
afterEach(() => fs.rmSync(cache, { recursive: true, force: true }));

/** A build directory holding one file, last marked `daysAgo` days ago. */
function build(relative: string, daysAgo: number): string {
  const dir = path.join(cache, relative);
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, "binary"), "x");
  const when = Date.now() / 1000 - daysAgo * DAY_SECONDS;
  fs.utimesSync(dir, when, when);
  return dir;
}

it("removes builds unused for longer than the limit, and keeps the current ones, recent ones and everything else", () => {
  const oldBin = build("bin-0000000000000001", 30);
  const oldHost = build("hosts/python-0000000000000001", 30);
  const currentBin = build("bin-0000000000000002", 30);
  const currentHost = build("hosts/nodejs-0000000000000002", 30);
  const recentHost = build("hosts/python-0000000000000003", 2);
  const cli = build("bin", 30);
  const sources = build("src", 30);

  const result = spawnSync("bash", [PRUNE, cache, "14", currentBin, currentHost], { encoding: "utf8" });
  expect(result.status).toBe(0);

  expect(fs.existsSync(oldBin)).toBe(false);
  expect(fs.existsSync(oldHost)).toBe(false);
  for (const kept of [currentBin, currentHost, recentHost, cli, sources]) expect(fs.existsSync(kept)).toBe(true);
  expect(result.stderr).toContain(`removed ${oldBin}`);
  expect(result.stderr).toContain(`removed ${oldHost}`);
});

it("does nothing in a cache without builds", () => {
  const result = spawnSync("bash", [PRUNE, cache, "14"], { encoding: "utf8" });
  expect(result.status).toBe(0);
  expect(result.stderr).toBe("");
});
