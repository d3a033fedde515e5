import * as fs from "fs";
import * as path from "path";
import * as vm from "vm";
import { parse } from "yaml";
import { REVIEW_MARKER } from "../../../src/review/markdown";

/**
 * The GitLab CI template under examples/ci/gitlab, checked offline: it parses, its jobs use only
 * GitLab's keywords, deploys run only on the default branch, the write secrets are named as
 * protected and reach only the deploying jobs, the job that runs the merge request's code holds no
 * secret that writes, and the note script does what docs/ci.md says, against a fake GitLab API.
 */
const DIR = path.resolve(__dirname, "../../../examples/ci/gitlab");
const text = fs.readFileSync(path.join(DIR, ".gitlab-ci.yml"), "utf8");
const ci = parse(text) as Record<string, unknown>;

type Rule = { if?: string; when?: string };
type Job = {
  stage: string;
  extends?: string;
  image?: string | { name: string };
  rules?: Rule[];
  needs?: (string | { job: string })[];
  environment?: { name: string; action?: string };
  variables?: Record<string, string>;
  before_script?: string[];
  script: string[];
  artifacts?: { when?: string; paths: string[] };
  resource_group?: string;
};

const GLOBAL_KEYS = ["workflow", "stages", "default", "variables", "include"];
const JOB_KEYS = new Set([
  "stage",
  "extends",
  "image",
  "rules",
  "needs",
  "environment",
  "variables",
  "before_script",
  "script",
  "after_script",
  "artifacts",
  "resource_group",
  "when",
  "allow_failure",
  "interruptible",
  "timeout",
  "cache",
]);
const jobs = Object.fromEntries(
  Object.entries(ci).filter(([name]) => !GLOBAL_KEYS.includes(name) && !name.startsWith(".")),
) as Record<string, Job>;
const jobText = (job: Job) => JSON.stringify(job);
const DEFAULT_BRANCH = "$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH";
const WRITE_SECRETS = { SCALEKIT_DEV_CLIENT_SECRET: "dev", SCALEKIT_PROD_CLIENT_SECRET: "production" };

it("parses, with the stages, the jobs and only GitLab's job keywords", () => {
  expect(ci.stages).toEqual(["review", "report", "deploy", "promote"]);
  expect(Object.keys(jobs)).toEqual(["review", "review-note", "deploy-dev", "check-prod", "promote-prod"]);
  for (const [name, job] of Object.entries(jobs)) {
    expect([name, Object.keys(job).filter((k) => !JOB_KEYS.has(k))]).toEqual([name, []]);
    expect((ci.stages as string[]).includes(job.stage)).toBe(true);
    expect(Array.isArray(job.script) && job.script.length > 0).toBe(true);
    if (job.extends) expect(ci[job.extends]).toBeDefined();
    for (const rule of job.rules ?? []) expect(Object.keys(rule).every((k) => ["if", "when"].includes(k))).toBe(true);
  }
  expect((ci.workflow as { rules: Rule[] }).rules.map((r) => r.if)).toEqual([
    '$CI_PIPELINE_SOURCE == "merge_request_event"',
    `${DEFAULT_BRANCH} && $CI_PIPELINE_SOURCE == "push"`,
    `${DEFAULT_BRANCH} && $CI_PIPELINE_SOURCE == "web"`,
  ]);
});

it("deploys only from the default branch; prod only by hand, in the production environment, after the checks", () => {
  for (const name of ["deploy-dev", "check-prod", "promote-prod"]) {
    const rules = jobs[name].rules!;
    expect(rules.length).toBeGreaterThan(0);
    for (const rule of rules) expect([name, rule.if?.startsWith(`${DEFAULT_BRANCH} && `)]).toEqual([name, true]);
  }
  expect(jobs["deploy-dev"].environment).toEqual({ name: "dev" });
  expect(jobs["promote-prod"].environment).toEqual({ name: "production" });
  expect(jobs["promote-prod"].rules).toEqual([{ if: `${DEFAULT_BRANCH} && $CI_PIPELINE_SOURCE == "web"`, when: "manual" }]);
  expect(jobs["promote-prod"].needs).toEqual(["check-prod"]);
  expect(jobs["check-prod"].script[0]).toBe("npx scalekit-providers compare dir:definitions env:DEV");
  expect(jobs["promote-prod"].script).toEqual([
    "pulumi up --stack prod --yes --diff --non-interactive",
    "npx scalekit-providers compare env:DEV env:PROD",
  ]);
});

it("names the write secrets as protected and scoped to their environment, and only deploying jobs read them", () => {
  for (const [secret, environment] of Object.entries(WRITE_SECRETS)) {
    expect(text).toMatch(new RegExp(`^#\\s+${secret}\\s+protected, masked, environment scope "${environment}"$`, "m"));
    for (const [name, job] of Object.entries(jobs)) {
      if (jobText(job).includes(secret)) expect([name, job.environment?.name]).toEqual([name, environment]);
    }
  }
  expect(jobText(jobs["deploy-dev"])).toContain("$SCALEKIT_DEV_CLIENT_SECRET");
  expect(jobText(jobs["promote-prod"])).toContain("$SCALEKIT_PROD_CLIENT_SECRET");
});

it("the review job runs the merge request's code with no secret that writes, and hands its review to the note job", () => {
  const review = jobs.review;
  expect(review.rules).toEqual([{ if: '$CI_PIPELINE_SOURCE == "merge_request_event"' }]);
  expect(review.environment).toBeUndefined();
  for (const secret of [...Object.keys(WRITE_SECRETS), "SCALEKIT_REVIEW_NOTE_TOKEN", "PRIVATE-TOKEN"]) {
    expect(jobText(review)).not.toContain(secret);
  }
  const script = review.script.join("\n");
  expect(script).toMatch(/pulumi preview --stack dev --json/);
  expect(script).toMatch(/pulumi preview --stack prod --json/);
  expect(script).toContain("npx scalekit-providers review preview-dev.json preview-prod.json --fail-on");
  expect(script).not.toMatch(/CLIENT_SECRET=/);
  expect(review.artifacts).toEqual({ when: "always", paths: ["review/"], expire_in: "1 week" });
  expect(text).toMatch(/^#\s+SCALEKIT_REVIEW_NOTE_TOKEN\s+masked, environment scope "scalekit-review"/m);

  const note = jobs["review-note"];
  // A deployment (no action: the default start), so the protected environment's approvals hold it;
  // GitLab does not hold access, verify or prepare jobs for approvals.
  expect(note.environment).toEqual({ name: "scalekit-review" });
  expect(note.extends).toBeUndefined(); // no npm ci: none of the merge request's packages
  expect(note.before_script).toBeUndefined();
  expect(note.needs).toEqual([{ job: "review", artifacts: true }]);
  expect(note.rules).toEqual([{ if: '$CI_PIPELINE_SOURCE == "merge_request_event"', when: "always" }]);
});

describe("the note job runs nothing a merge request can change", () => {
  const note = jobs["review-note"];

  it("checks nothing out, and runs the note script of the default branch, never the merge request's copy", () => {
    expect(note.variables).toEqual({ GIT_STRATEGY: "none" });
    expect(note.script).toHaveLength(2);
    expect(note.script[1]).toBe("node /tmp/scalekit-review-note.js");
    expect(jobText(note)).not.toContain("node .gitlab/");
    // The token's environment is a protected one, and the header and docs say so.
    expect(text).toMatch(/make "scalekit-review" a protected environment/);
    expect(text).toMatch(/"scalekit-review" a protected environment that only maintainers may deploy to/);
    expect(text).toMatch(/A review note is advisory/);
  });

  it("its fetch asks the API for the script at the default branch, with the token, and writes it outside the build", async () => {
    const fetchScript = note.script[0].match(/<<'FETCH'\n([\s\S]*?)\nFETCH\s*$/)![1];
    const calls: { url: string; headers: Record<string, string> }[] = [];
    const written: Record<string, string> = {};
    const run = async (status: number) => {
      const fakeFetch = async (url: string, init: { headers: Record<string, string> }) => {
        calls.push({ url, headers: init.headers });
        return { ok: status === 200, status, text: async () => "// the note script of main\n" };
      };
      const fakeRequire = (name: string) => {
        if (name !== "fs") throw new Error(`requires only fs, not ${name}`);
        return { writeFileSync: (file: string, data: string) => void (written[file] = data) };
      };
      const env = {
        CI_DEFAULT_BRANCH: "main",
        CI_API_V4_URL: "https://gitlab.example.com/api/v4",
        CI_PROJECT_ID: "42",
        SCALEKIT_REVIEW_NOTE_TOKEN: "glpat-SECRET",
      };
      const done = new Promise<void>((resolve, reject) => {
        const sandbox = {
          fetch: (...a: Parameters<typeof fakeFetch>) => {
            const p = fakeFetch(...a);
            return {
              then: (f: (r: Awaited<ReturnType<typeof fakeFetch>>) => Promise<void>) => p.then(f).then(resolve, reject),
            };
          },
          require: fakeRequire,
          process: { env },
        };
        vm.runInNewContext(fetchScript, sandbox);
      });
      return done;
    };
    await run(200);
    expect(calls[0].url).toBe(
      "https://gitlab.example.com/api/v4/projects/42/repository/files/.gitlab%2Fscalekit-review-note.js/raw?ref=main",
    );
    expect(calls[0].headers).toEqual({ "PRIVATE-TOKEN": "glpat-SECRET" });
    expect(written).toEqual({ "/tmp/scalekit-review-note.js": "// the note script of main\n" });
    await expect(run(404)).rejects.toThrow("GitLab API GET the note script of main answered HTTP 404");
  });
});

describe("the note script", () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { postReviewNote, MARKER } = require(path.join(DIR, ".gitlab/scalekit-review-note.js"));
  const env = {
    CI_API_V4_URL: "https://gitlab.example.com/api/v4",
    CI_PROJECT_ID: "42",
    CI_MERGE_REQUEST_IID: "7",
    CI_COMMIT_SHA: "0123456789abcdef0123456789abcdef01234567",
    CI_PIPELINE_URL: "https://gitlab.example.com/acme/infra/-/pipelines/99",
    SCALEKIT_REVIEW_NOTE_TOKEN: "glpat-SECRET-TOKEN",
  };
  const notesPath = "/projects/42/merge_requests/7/notes";
  const reviewMd = `${REVIEW_MARKER}\n## the review of this commit\n`;

  /** A GitLab API with notes on two pages; records every call. */
  function fakeGitlab(pages: object[][], { failWith }: { failWith?: number } = {}) {
    const calls: { method: string; path: string; body?: unknown; token: string }[] = [];
    const fetchFn = async (url: string, init: { method: string; headers: Record<string, string>; body?: string }) => {
      const p = url.slice(env.CI_API_V4_URL.length);
      calls.push({
        method: init.method,
        path: p,
        body: init.body && JSON.parse(init.body),
        token: init.headers["PRIVATE-TOKEN"],
      });
      const page = Number(new URL(url).searchParams.get("page") ?? "1");
      const data = p === "/user" ? { id: 500, username: "project_42_bot" } : p.startsWith(`${notesPath}?`) ? pages[page - 1] : {};
      const next = p.startsWith(`${notesPath}?`) && page < pages.length ? String(page + 1) : "";
      return {
        ok: failWith === undefined,
        status: failWith ?? 200,
        json: async () => data,
        headers: { get: (h: string) => (h === "x-next-page" ? next : null) },
      };
    };
    return { fetchFn, calls };
  }
  const files = (f: Record<string, string>) => (name: string) => f[name] ?? "";
  const theirs = { id: 1, author: { id: 9 }, body: `${REVIEW_MARKER}\nforged` };
  const ours = { id: 2, author: { id: 500 }, body: `${REVIEW_MARKER}\n## the review of the last commit` };

  it("uses the same marker as the review", () => {
    expect(MARKER).toBe(REVIEW_MARKER);
  });

  it("updates the note its own user wrote, paging until it finds it, and leaves another author's alone", async () => {
    const gitlab = fakeGitlab([[theirs, { id: 3, author: { id: 500 }, body: "another note" }], [ours]]);
    const outcome = await postReviewNote({
      env,
      fetchFn: gitlab.fetchFn,
      read: files({ "review/status": "1\n", "review/review.md": reviewMd }),
    });
    expect(outcome).toBe("updated");
    expect(gitlab.calls.map((c) => `${c.method} ${c.path.split("&page=")[0]}`)).toEqual([
      "GET /user",
      `GET ${notesPath}?sort=asc&order_by=created_at&per_page=100`,
      `GET ${notesPath}?sort=asc&order_by=created_at&per_page=100`,
      `PUT ${notesPath}/2`,
    ]);
    expect(gitlab.calls[3].body).toEqual({ body: reviewMd });
    expect(gitlab.calls.every((c) => c.token === env.SCALEKIT_REVIEW_NOTE_TOKEN)).toBe(true);
  });

  it("posts a note when its user wrote none", async () => {
    const gitlab = fakeGitlab([[theirs]]);
    const outcome = await postReviewNote({
      env,
      fetchFn: gitlab.fetchFn,
      read: files({ "review/status": "0", "review/review.md": reviewMd }),
    });
    expect(outcome).toBe("posted");
    expect(gitlab.calls[2]).toMatchObject({ method: "POST", path: notesPath, body: { body: reviewMd } });
  });

  it("marks its note stale when the review failed, once however often it fails", async () => {
    const gitlab = fakeGitlab([[theirs, ours]]);
    expect(await postReviewNote({ env, fetchFn: gitlab.fetchFn, read: files({ "review/status": "2" }) })).toBe("marked stale");
    const body = (gitlab.calls[2].body as { body: string }).body;
    expect(
      body.startsWith(
        `${REVIEW_MARKER}\n<!-- scalekit-providers-review:stale -->\n> [!warning]\n> **Stale.** The review of commit 0123456789ab failed (${env.CI_PIPELINE_URL})`,
      ),
    ).toBe(true);
    expect(body.endsWith("<!-- /scalekit-providers-review:stale -->\n\n## the review of the last commit")).toBe(true);

    const again = fakeGitlab([[theirs, { ...ours, body }]]);
    expect(await postReviewNote({ env, fetchFn: again.fetchFn, read: files({}) })).toBe("marked stale");
    expect((again.calls[2].body as { body: string }).body).toBe(body);
  });

  it("fails with the call and status, never the token, and names missing variables", async () => {
    const gitlab = fakeGitlab([[]], { failWith: 401 });
    await expect(postReviewNote({ env, fetchFn: gitlab.fetchFn, read: files({}) })).rejects.toThrow(
      /^GitLab API GET \/user answered HTTP 401$/,
    );
    await expect(
      postReviewNote({ env: { ...env, SCALEKIT_REVIEW_NOTE_TOKEN: "" }, fetchFn: gitlab.fetchFn, read: files({}) }),
    ).rejects.toThrow("missing variables: SCALEKIT_REVIEW_NOTE_TOKEN");
  });
});
