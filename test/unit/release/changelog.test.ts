import * as fs from "fs";
import * as path from "path";
import { releaseChangelog } from "../../../scripts/release/changelog";
import * as shim from "../../../src/provider/shim";
import { SHIM_SPECIFIER } from "../../../src/provider/stored-provider";

/**
 * CHANGELOG.md: the release step that moves "Unreleased" under a version, and the promises of its
 * "State compatibility" section, checked against what the package really exports.
 */

const REPO_ROOT = path.resolve(__dirname, "../../..");
const changelog = fs.readFileSync(path.join(REPO_ROOT, "CHANGELOG.md"), "utf8");
const pkg = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "package.json"), "utf8"));

const sample = `# Changelog

## Unreleased

### Fixed

- A thing.

## 0.1.0 — 2026-11-22

- The first version.
`;

describe("releaseChangelog", () => {
  it("moves what is unreleased under the new version and its date, leaving an empty Unreleased on top", () => {
    expect(releaseChangelog(sample, "0.2.0", "2026-12-01")).toBe(`# Changelog

## Unreleased

## 0.2.0 — 2026-12-01

### Fixed

- A thing.

## 0.1.0 — 2026-11-22

- The first version.
`);
  });

  it("refuses to release nothing, a version already there, and malformed versions or dates", () => {
    const released = releaseChangelog(sample, "0.2.0", "2026-12-01");
    expect(() => releaseChangelog(released, "0.3.0", "2026-12-02")).toThrow("nothing under");
    expect(() => releaseChangelog(sample, "0.1.0", "2026-12-01")).toThrow("already has 0.1.0");
    expect(() => releaseChangelog(sample, "v0.2", "2026-12-01")).toThrow("not a version");
    expect(() => releaseChangelog(sample, "0.2.0", "1 Dec")).toThrow("not a date");
    expect(() => releaseChangelog(sample.replace("## Unreleased", "## Next"), "0.2.0", "2026-12-01")).toThrow("exactly one");
  });

  it("can release the committed CHANGELOG.md", () => {
    expect(releaseChangelog(changelog, "99.0.0", "2099-01-01")).toContain("## Unreleased\n\n## 99.0.0 — 2099-01-01\n");
  });
});

describe("State compatibility, as CHANGELOG.md promises it", () => {
  const section = changelog.slice(changelog.indexOf("## State compatibility"));

  it("is there, and names both stored forms' entry points, each an export of the package", () => {
    expect(section.startsWith("## State compatibility")).toBe(true);
    expect(section).toContain(`require("${SHIM_SPECIFIER}")`);
    expect(section).toContain("pulumi-scalekit-providers/provider-implementation");
    // Both are subpaths the package exports, so Node lets a stored text require them.
    expect(pkg.exports["./provider-implementation"]).toBeDefined();
    expect(pkg.exports[SHIM_SPECIFIER.replace(/^pulumi-scalekit-providers\//, "./")]).toBeDefined();
  });

  it("names every method the stored shim exports, and the 0.1.0 text it keeps is the one the upgrade test replays", () => {
    const methods = Object.keys(shim);
    expect(methods.sort()).toEqual(["check", "configure", "create", "delete", "diff", "read", "update"]);
    for (const method of methods) expect(section).toContain(`\`${method}\``);
    expect(section).toContain("test/fixtures/e2e/shim-0.1.0.txt");
    expect(fs.existsSync(path.join(REPO_ROOT, "test/fixtures/e2e/shim-0.1.0.txt"))).toBe(true);
    expect(fs.readFileSync(path.join(REPO_ROOT, "test/e2e/upgrade.test.ts"), "utf8")).toContain("fixtures/e2e/shim-0.1.0.txt");
  });
});
