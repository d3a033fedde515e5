import { execFileSync, spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { parse } from "yaml";
import { REVIEW_MARKER } from "../../../src/review/markdown";

/**
 * The GitHub Actions workflows under examples/ci, as a user copies them into .github/: they parse,
 * they have the triggers and jobs the README promises, they take every credential from the secret
 * store, and actionlint (installed by scripts/setup.sh) finds nothing.
 */
const ROOT = path.resolve(__dirname, "../../..");
const GITHUB_DIR = path.join(ROOT, "examples/ci/github");
const WORKFLOWS = path.join(GITHUB_DIR, "workflows");

type Step = {
  name?: string;
  run?: string;
  uses?: string;
  if?: string;
  env?: Record<string, string>;
  with?: Record<string, string>;
};
type Job = { "runs-on": string; steps: Step[]; env?: Record<string, string>; environment?: string; if?: string };
type Workflow = {
  name: string;
  on: Record<string, unknown>;
  permissions?: Record<string, string>;
  env?: Record<string, string>;
  jobs: Record<string, Job>;
};

const files = fs.readdirSync(WORKFLOWS).filter((f) => f.endsWith(".yml"));
const workflows: Record<string, Workflow> = Object.fromEntries(
  files.map((f) => [f, parse(fs.readFileSync(path.join(WORKFLOWS, f), "utf8"))]),
);
const runs = (w: Workflow) =>
  Object.values(w.jobs)
    .flatMap((j) => j.steps.map((s) => s.run ?? ""))
    .join("\n");
const scripts = (w: Workflow) =>
  Object.values(w.jobs)
    .flatMap((j) => j.steps.map((s) => s.with?.script ?? ""))
    .join("\n");

it("there are the four workflows and each parses", () => {
  expect(files.sort()).toEqual([
    "scalekit-deploy-dev.yml",
    "scalekit-drift.yml",
    "scalekit-promote-prod.yml",
    "scalekit-review.yml",
  ]);
  for (const w of Object.values(workflows)) expect(Object.keys(w.jobs).length).toBeGreaterThan(0);
});

it("on a pull request: previews dev and prod, reviews both, and posts or updates one comment found by its marker", () => {
  const w = workflows["scalekit-review.yml"];
  expect(Object.keys(w.on)).toEqual(["pull_request"]);
  expect(w.permissions).toMatchObject({ "pull-requests": "write" });
  const r = runs(w);
  expect(r).toMatch(/pulumi preview --stack dev --json/);
  expect(r).toMatch(/pulumi preview --stack prod --json/);
  expect(r).toMatch(/npx scalekit-providers review preview-dev\.json preview-prod\.json --fail-on [a-z,-]+/);
  const script = scripts(w);
  expect(script).toContain(`const marker = "${REVIEW_MARKER}"`);
  expect(script).toMatch(/updateComment[\s\S]*createComment/);
});

it("on a merge to main: up on dev", () => {
  const w = workflows["scalekit-deploy-dev.yml"];
  expect(w.on).toEqual({ push: { branches: ["main"] } });
  expect(runs(w)).toMatch(/pulumi up --stack dev --yes/);
});

it("promotion is started by hand, passes the compare gate before up on prod, and checks prod matches dev after", () => {
  const w = workflows["scalekit-promote-prod.yml"];
  expect(Object.keys(w.on)).toEqual(["workflow_dispatch"]);
  const [job] = Object.values(w.jobs);
  expect(job.environment).toBe("production");
  const order = job.steps.map((s) => s.run ?? "");
  const gate = order.findIndex((r) => r.includes("scalekit-providers compare dir:definitions env:DEV"));
  const up = order.findIndex((r) => r.includes("pulumi up --stack prod --yes"));
  const after = order.findIndex((r, i) => i > up && r.trim() === "npx scalekit-providers compare env:DEV env:PROD");
  expect(gate).toBeGreaterThan(-1);
  expect(up).toBeGreaterThan(gate);
  expect(after).toBeGreaterThan(up);
  expect(order[gate]).not.toMatch(/\|\|/); // the gate must be able to fail the job
});

it("the drift check runs on a schedule, compares and refreshes with --expect-no-changes, and opens an issue on drift", () => {
  const w = workflows["scalekit-drift.yml"];
  expect(Object.keys(w.on).sort()).toEqual(["schedule", "workflow_dispatch"]);
  expect(w.permissions).toMatchObject({ issues: "write" });
  const r = runs(w);
  expect(r).toContain("npx scalekit-providers compare dir:definitions env");
  expect(r).toMatch(/pulumi refresh --stack \$\{\{ matrix\.stack \}\} --preview-only --expect-no-changes/);
  expect(scripts(w)).toMatch(/github\.rest\.issues\.create\(/);
});

it("every credential comes from the secret store, never a literal or a file", () => {
  for (const [file, w] of Object.entries(workflows)) {
    const envs = [w.env ?? {}, ...Object.values(w.jobs).flatMap((j) => [j.env ?? {}, ...j.steps.map((s) => s.env ?? {})])];
    const secretish = envs.flatMap((e) => Object.entries(e)).filter(([k]) => /SECRET|PASSPHRASE|TOKEN|PASSWORD/.test(k));
    expect(secretish.length).toBeGreaterThan(0);
    for (const [key, value] of secretish) {
      expect([file, key, value]).toEqual([
        file,
        key,
        expect.stringMatching(/^\$\{\{ secrets(\.[A-Z_]+|\[format\('[A-Z_{}0-9]+', matrix\.prefix\)\]) \}\}$/),
      ]);
    }
    const text = fs.readFileSync(path.join(WORKFLOWS, file), "utf8");
    expect(text).not.toMatch(/skc_[A-Za-z0-9]/);
    expect(text).not.toMatch(/config set --secret/);
    expect(text).not.toMatch(/--show-secrets/);
  }
});

it("actionlint finds nothing (when scripts/setup.sh could install it)", () => {
  const bin = execFileSync("bash", [path.join(ROOT, "scripts/actionlint/install.sh"), "--print-path"], {
    encoding: "utf8",
  }).trim();
  if (!fs.existsSync(bin)) {
    console.warn(`actionlint is not installed at ${bin} (run scripts/setup.sh): only the structural checks ran`);
    return;
  }
  // As a user has them: under .github/ in a git repository, where the local setup action resolves.
  const repo = fs.mkdtempSync(path.join(os.tmpdir(), "actionlint-"));
  try {
    fs.cpSync(GITHUB_DIR, path.join(repo, ".github"), { recursive: true });
    fs.mkdirSync(path.join(repo, ".git"));
    const result = spawnSync(bin, ["-no-color"], { cwd: repo, encoding: "utf8" });
    expect(result.stdout + result.stderr).toBe("");
    expect(result.status).toBe(0);
    // The linter really looks: a misspelt step id is an error.
    const review = path.join(repo, ".github/workflows/scalekit-review.yml");
    fs.writeFileSync(
      review,
      fs.readFileSync(review, "utf8").replace("steps.review.outputs.status != '0'", "steps.reveiw.outputs.status != '0'"),
    );
    expect(spawnSync(bin, ["-no-color"], { cwd: repo, encoding: "utf8" }).status).toBe(1);
  } finally {
    fs.rmSync(repo, { recursive: true, force: true });
  }
});
