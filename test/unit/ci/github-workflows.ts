import * as fs from "fs";
import * as path from "path";
import { parse } from "yaml";

/** The GitHub Actions files under examples/ci/github, parsed, and what the tests read from them. */
export const ROOT = path.resolve(__dirname, "../../..");
export const GITHUB_DIR = path.join(ROOT, "examples/ci/github");
export const WORKFLOWS = path.join(GITHUB_DIR, "workflows");
export const SETUP_ACTION = path.join(GITHUB_DIR, "actions/setup/action.yml");

export type Step = {
  name?: string;
  id?: string;
  run?: string;
  uses?: string;
  if?: string;
  env?: Record<string, string>;
  with?: Record<string, string | boolean | number>;
};
export type Job = {
  "runs-on": string;
  steps: Step[];
  env?: Record<string, string>;
  environment?: string;
  if?: string;
  needs?: string | string[];
  permissions?: Record<string, string>;
};
export type Workflow = {
  name: string;
  on: Record<string, unknown>;
  permissions?: Record<string, string>;
  env?: Record<string, string>;
  jobs: Record<string, Job>;
};

export const files = fs.readdirSync(WORKFLOWS).filter((f) => f.endsWith(".yml"));
export const text = (file: string) => fs.readFileSync(path.join(WORKFLOWS, file), "utf8");
export const workflows: Record<string, Workflow> = Object.fromEntries(files.map((f) => [f, parse(text(f))]));
export const setupAction = parse(fs.readFileSync(SETUP_ACTION, "utf8")) as { runs: { steps: Step[] } };

export const jobsOf = (w: Workflow) => Object.entries(w.jobs);
export const allJobs = () =>
  Object.entries(workflows).flatMap(([file, w]) => jobsOf(w).map(([name, job]) => ({ file, name, job })));
export const runs = (steps: Step[]) => steps.map((s) => s.run ?? "").join("\n");
export const scripts = (steps: Step[]) => steps.map((s) => String(s.with?.script ?? "")).join("\n");
export const stepsOf = (w: Workflow) => Object.values(w.jobs).flatMap((j) => j.steps);

/** The names of the secrets an env block or a job reads (`secrets.NAME`, or a `format(...)` pattern). */
export function secretsIn(values: Record<string, unknown> | undefined): string[] {
  return Object.values(values ?? {}).flatMap((v) =>
    [...String(v).matchAll(/secrets(?:\.([A-Z_0-9]+)|\[format\('([A-Z_{}0-9]+)'[^\]]*\])/g)].map((m) => m[1] ?? m[2]),
  );
}

export function jobSecrets(job: Job): string[] {
  return [...secretsIn(job.env), ...job.steps.flatMap((s) => [...secretsIn(s.env), ...secretsIn(s.with)])];
}

/** The step whose name matches, in a job. */
export function step(job: Job, name: RegExp): Step {
  const found = job.steps.find((s) => name.test(s.name ?? ""));
  if (!found) throw new Error(`no step named ${name}`);
  return found;
}

/**
 * Runs an actions/github-script `script:` as the action does (an async function of require, github,
 * context and core), with fakes: `files` is what fs sees, `github` records the API calls.
 */
export async function runGithubScript(
  script: string,
  { files, github, env = {} }: { files: Record<string, string>; github: object; env?: Record<string, string> },
): Promise<{ warnings: string[]; failures: string[] }> {
  const warnings: string[] = [];
  const failures: string[] = [];
  const fakeFs = { existsSync: (f: string) => f in files, readFileSync: (f: string) => files[f] };
  const context = {
    repo: { owner: "acme", repo: "infra" },
    issue: { number: 7 },
    payload: { pull_request: { head: { sha: "0123456789abcdef0123456789abcdef01234567" } } },
    sha: "fedcba9876543210fedcba9876543210fedcba98",
    serverUrl: "https://github.com",
    runId: 99,
  };
  const core = { warning: (m: string) => warnings.push(m), setFailed: (m: string) => failures.push(m) };
  const AsyncFunction = Object.getPrototypeOf(async () => undefined).constructor;
  const saved = { ...process.env };
  Object.assign(process.env, env);
  try {
    await new AsyncFunction("require", "github", "context", "core", script)(
      (m: string) => {
        if (m === "fs") return fakeFs;
        throw new Error(`the script requires ${m}, which the test does not fake`);
      },
      github,
      context,
      core,
    );
  } finally {
    for (const k of Object.keys(env)) if (saved[k] === undefined) delete process.env[k];
    Object.assign(process.env, saved);
  }
  return { warnings, failures };
}
