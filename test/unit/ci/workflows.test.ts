import { execFileSync, spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { REVIEW_MARKER } from "../../../src/review/markdown";
import {
  allJobs,
  files,
  GITHUB_DIR,
  jobSecrets,
  jobsOf,
  ROOT,
  runGithubScript,
  runs,
  scripts,
  SETUP_ACTION,
  setupAction,
  secretsIn,
  step,
  stepsOf,
  text,
  workflows,
} from "./github-workflows";

/**
 * The GitHub Actions workflows under examples/ci, as a user copies them into .github/: they parse,
 * they have the triggers and jobs docs/ci.md promises, each credential sits only where it is needed
 * (docs/ci.md, "Who holds what"), the scripts that write comments and issues do what they say, and
 * actionlint (installed by scripts/setup.sh) finds nothing.
 */
const review = workflows["scalekit-review.yml"];
const promote = workflows["scalekit-promote-prod.yml"];
const deploy = workflows["scalekit-deploy-dev.yml"];
const drift = workflows["scalekit-drift.yml"];

/** Secrets that write to Scalekit: only the deploy and promote jobs may read them. */
const WRITE_SECRETS = ["SCALEKIT_DEV_CLIENT_SECRET", "SCALEKIT_PROD_CLIENT_SECRET"];
const DEFAULT_BRANCH_ONLY = "github.ref == format('refs/heads/{0}', github.event.repository.default_branch)";

it("there are the four workflows and each parses", () => {
  expect(files.sort()).toEqual([
    "scalekit-deploy-dev.yml",
    "scalekit-drift.yml",
    "scalekit-promote-prod.yml",
    "scalekit-review.yml",
  ]);
  for (const w of Object.values(workflows)) expect(Object.keys(w.jobs).length).toBeGreaterThan(0);
});

describe("the pull-request review", () => {
  const job = review.jobs.review;
  const comment = review.jobs.comment;

  it("previews dev and prod and reviews both, in a job that may only read", () => {
    expect(Object.keys(review.on)).toEqual(["pull_request"]);
    expect(review.permissions).toEqual({});
    expect(job.permissions).toEqual({ contents: "read" });
    const r = runs(job.steps);
    expect(r).toMatch(/pulumi preview --stack dev --json/);
    expect(r).toMatch(/pulumi preview --stack prod --json/);
    expect(r).toMatch(/npx scalekit-providers review preview-dev\.json preview-prod\.json --fail-on [a-z,-]+ /);
    expect(r).toMatch(/--max-length 60000 > review\/review\.md/);
  });

  it("holds none of the secrets the deploy and promote jobs write with, and no client secret in a preview", () => {
    // What `pulumi up` gets in the deploy and promote workflows, but the passphrase: preview needs it too.
    const applying = [...stepsOf(deploy), ...stepsOf(promote)].filter((s) => /pulumi up/.test(s.run ?? ""));
    const writers = applying.flatMap((s) => secretsIn(s.env)).filter((s) => s !== "PULUMI_CONFIG_PASSPHRASE");
    expect(writers.sort()).toEqual(WRITE_SECRETS);
    const mine = jobSecrets(job);
    expect(mine.filter((s) => writers.includes(s))).toEqual([]);
    expect(mine.filter((s) => /CLIENT_SECRET/.test(s))).toEqual(["SCALEKIT_PROD_READ_CLIENT_SECRET"]);
    for (const s of job.steps.filter((s) => /pulumi preview/.test(s.run ?? ""))) {
      expect(Object.keys(s.env ?? {}).sort()).toEqual([
        "PULUMI_CONFIG_PASSPHRASE",
        "SCALEKIT_CLIENT_ID",
        "SCALEKIT_ENVIRONMENT_URL",
      ]);
    }
  });

  it("passes the optional read-only environment to the review only when it is configured", () => {
    const r = step(job, /^Review$/);
    expect(r.env).toEqual({
      SCALEKIT_PROD_READ_ENVIRONMENT_URL: "${{ vars.SCALEKIT_PROD_ENVIRONMENT_URL }}",
      SCALEKIT_PROD_READ_CLIENT_ID: "${{ vars.SCALEKIT_PROD_READ_CLIENT_ID }}",
      SCALEKIT_PROD_READ_CLIENT_SECRET: "${{ secrets.SCALEKIT_PROD_READ_CLIENT_SECRET }}",
    });
    expect(r.run).toContain(
      'if [ -n "$SCALEKIT_PROD_READ_CLIENT_ID" ]; then environment=(--environment env:SCALEKIT_PROD_READ); fi',
    );
  });

  it("posts from a second job that runs no code of the pull request and may only write comments", () => {
    expect(comment.needs).toBe("review");
    expect(comment.if).toBe("${{ !cancelled() && needs.review.result != 'skipped' }}");
    expect(comment.permissions).toEqual({ "pull-requests": "write" });
    expect(comment.steps.every((s) => s.run === undefined && s.uses && !s.uses.startsWith("./"))).toBe(true);
    expect(comment.steps.map((s) => s.uses!.split("@")[0])).toEqual(["actions/download-artifact", "actions/github-script"]);
    expect(jobSecrets(comment)).toEqual([]);
    expect(scripts(comment.steps)).toContain(`const marker = "${REVIEW_MARKER}"`);
  });
});

describe("the comment script", () => {
  const script = scripts(review.jobs.comment.steps);
  const bot = { login: "github-actions[bot]", type: "Bot" };
  const theirs = { id: 1, user: { login: "mallory", type: "User" }, body: `${REVIEW_MARKER}\nforged, first in the thread` };
  const ours = { id: 2, user: bot, body: `${REVIEW_MARKER}\n## the review of the last commit` };
  const unrelated = { id: 3, user: bot, body: "a comment of another workflow" };
  const reviewMd = `${REVIEW_MARKER}\n## the review of this commit\n`;

  function fakeGithub(comments: object[]) {
    const calls: [string, Record<string, unknown>][] = [];
    const github = {
      paginate: async (method: string, params: Record<string, unknown>) => (calls.push([method, params]), comments),
      rest: {
        issues: {
          listComments: "list",
          updateComment: async (p: Record<string, unknown>) => calls.push(["update", p]),
          createComment: async (p: Record<string, unknown>) => calls.push(["create", p]),
        },
      },
    };
    return { github, calls };
  }

  it.each(["0", "1"])("after a review (exit %s), updates the comment it wrote, found by marker and author", async (status) => {
    const { github, calls } = fakeGithub([theirs, unrelated, ours]);
    await runGithubScript(script, { files: { "review/status": `${status}\n`, "review/review.md": reviewMd }, github });
    expect(calls).toEqual([
      ["list", { owner: "acme", repo: "infra", issue_number: 7, per_page: 100 }],
      ["update", { owner: "acme", repo: "infra", comment_id: 2, body: reviewMd }],
    ]);
  });

  it("creates one when it wrote none, leaving another author's comment with the marker alone", async () => {
    const { github, calls } = fakeGithub([theirs, unrelated]);
    await runGithubScript(script, { files: { "review/status": "0", "review/review.md": reviewMd }, github });
    expect(calls[1]).toEqual(["create", { owner: "acme", repo: "infra", issue_number: 7, body: reviewMd }]);
    expect(calls).toHaveLength(2);
  });

  it("when the review failed, marks its comment stale, once however often it fails", async () => {
    const first = fakeGithub([theirs, ours]);
    const failed = await runGithubScript(script, {
      files: { "review/status": "2", "review/review.md": "" },
      github: first.github,
    });
    const [kind, params] = first.calls[1];
    expect(kind).toBe("update");
    expect(params.comment_id).toBe(2);
    const body = params.body as string;
    expect(
      body.startsWith(
        `${REVIEW_MARKER}\n<!-- scalekit-providers-review:stale -->\n> [!WARNING]\n> **Stale.** The review of commit 0123456789ab failed`,
      ),
    ).toBe(true);
    expect(body).toContain("(https://github.com/acme/infra/actions/runs/99)");
    expect(body.endsWith("<!-- /scalekit-providers-review:stale -->\n\n## the review of the last commit")).toBe(true);
    expect(failed.warnings).toEqual(["The review of 0123456789ab failed; the review comment is marked stale."]);

    // Failing again (no files at all this time): one note, over the same earlier review.
    const again = fakeGithub([theirs, { ...ours, body }]);
    await runGithubScript(script, { files: {}, github: again.github });
    expect(again.calls[1][1].body).toBe(body);
  });

  it("when the review failed and there is no comment yet, posts the note alone", async () => {
    const { github, calls } = fakeGithub([theirs]);
    await runGithubScript(script, { files: { "review/status": "0", "review/review.md": "not a review" }, github });
    expect(calls[1][0]).toBe("create");
    expect(calls[1][1].body).toMatch(
      /^<!-- scalekit-providers-review -->\n<!-- scalekit-providers-review:stale -->\n> \[!WARNING\]/,
    );
  });
});

it("on a merge to main: up on dev, in the dev environment", () => {
  expect(deploy.on).toEqual({ push: { branches: ["main"] } });
  const job = deploy.jobs["up-dev"];
  expect(job.environment).toBe("dev");
  expect(runs(job.steps)).toMatch(/pulumi up --stack dev --yes/);
  expect(step(job, /pulumi up/).env?.SCALEKIT_CLIENT_SECRET).toBe("${{ secrets.SCALEKIT_DEV_CLIENT_SECRET }}");
});

describe("promotion", () => {
  const [check, up] = [promote.jobs.check, promote.jobs.promote];

  it("is started by hand from the default branch only", () => {
    expect(Object.keys(promote.on)).toEqual(["workflow_dispatch"]);
    expect(check.if).toBe(DEFAULT_BRANCH_ONLY);
    expect(up.if).toBe(DEFAULT_BRANCH_ONLY);
    expect(up.needs).toBe("check");
  });

  it("passes the compare gate and reviews the prod preview with read-only clients, before up on prod", () => {
    const order = check.steps.map((s) => s.run ?? "");
    const gate = order.findIndex((r) => r.includes("scalekit-providers compare dir:definitions env:DEV"));
    const reviewed = order.findIndex((r) => r.includes("npx scalekit-providers review preview-prod.json --fail-on"));
    expect(gate).toBeGreaterThan(-1);
    expect(reviewed).toBeGreaterThan(gate);
    expect(order[gate]).not.toMatch(/\|\|/); // the gate must be able to fail the job
    expect(check.environment).toBeUndefined();
    expect(jobSecrets(check).filter((s) => WRITE_SECRETS.includes(s))).toEqual([]);
  });

  it("applies in the production environment, which alone holds the prod client secret, then checks prod matches dev", () => {
    expect(up.environment).toBe("production");
    const order = up.steps.map((s) => s.run ?? "");
    const apply = order.findIndex((r) => r.includes("pulumi up --stack prod --yes"));
    const after = order.findIndex((r, i) => i > apply && r.trim() === "npx scalekit-providers compare env:DEV env:PROD");
    expect(apply).toBeGreaterThan(-1);
    expect(after).toBeGreaterThan(apply);
    expect(secretsIn(up.steps[apply].env)).toEqual(["SCALEKIT_PROD_CLIENT_SECRET", "PULUMI_CONFIG_PASSPHRASE"]);
    expect(secretsIn(up.steps[after].env)).toEqual(["SCALEKIT_DEV_READ_CLIENT_SECRET", "SCALEKIT_PROD_READ_CLIENT_SECRET"]);
  });
});

describe("the drift check", () => {
  const [check, report] = [drift.jobs.drift, drift.jobs.report];

  it("runs on a schedule, compares and refreshes with --expect-no-changes using read-only clients", () => {
    expect(Object.keys(drift.on).sort()).toEqual(["schedule", "workflow_dispatch"]);
    expect(check.permissions).toEqual({ contents: "read" });
    const r = runs(check.steps);
    expect(r).toContain("npx scalekit-providers compare dir:definitions env");
    expect(r).toContain('pulumi refresh --stack "$STACK" --preview-only --expect-no-changes');
    expect(jobSecrets(check).sort()).toEqual([
      "PULUMI_CONFIG_PASSPHRASE",
      "SCALEKIT_{0}_READ_CLIENT_SECRET",
      "SCALEKIT_{0}_READ_CLIENT_SECRET",
    ]);
  });

  it("opens or comments on an issue from a job that runs none of the project's code", async () => {
    expect(report.permissions).toEqual({ issues: "write" });
    expect(report.steps.every((s) => s.run === undefined && s.uses && !s.uses.startsWith("./"))).toBe(true);
    const script = scripts(report.steps);
    const calls: [string, Record<string, unknown>][] = [];
    const github = {
      paginate: async () => [],
      rest: {
        issues: {
          listForRepo: "list",
          create: async (p: Record<string, unknown>) => calls.push(["create", p]),
          createComment: async (p: Record<string, unknown>) => calls.push(["comment", p]),
        },
      },
    };
    const files = {
      "drift/compare.status": "1\n",
      "drift/refresh.status": "0\n",
      "drift/compare.txt": "description: ```` changed\r```\n",
      "drift/refresh.txt": "",
    };
    const drifted = await runGithubScript(script, { files, github, env: { STACK: "prod" } });
    expect(drifted.failures).toEqual(["Scalekit drift in stack prod"]);
    expect(calls).toHaveLength(1);
    expect(calls[0][1]).toMatchObject({ title: "Scalekit drift in stack prod", labels: ["scalekit-drift"] });
    // The output is data: a fence longer than any backtick run in it.
    expect(calls[0][1].body).toContain("`````\ndescription: ```` changed\r```\n\n`````");

    calls.length = 0;
    const clean = await runGithubScript(script, {
      files: { ...files, "drift/compare.status": "0" },
      github,
      env: { STACK: "prod" },
    });
    expect([calls, clean.failures]).toEqual([[], []]);
    const unfinished = await runGithubScript(script, { files: {}, github, env: { STACK: "dev" } });
    expect(unfinished.failures).toEqual(["The drift check of dev did not finish: see the drift job's log."]);
  });
});

describe("least privilege, in every workflow", () => {
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
      expect(text(file)).not.toMatch(/skc_[A-Za-z0-9]/);
      expect(text(file)).not.toMatch(/config set --secret/);
      expect(text(file)).not.toMatch(/--show-secrets/);
    }
  });

  it("secrets, the passphrase included, reach single steps: no workflow-level or job-level env holds one", () => {
    for (const [file, w] of Object.entries(workflows)) {
      expect([file, secretsIn(w.env)]).toEqual([file, []]);
      for (const [name, job] of jobsOf(w)) expect([file, name, secretsIn(job.env)]).toEqual([file, name, []]);
    }
  });

  it("a write secret is read only by jobs in the GitHub environment that holds it", () => {
    const holders = { SCALEKIT_DEV_CLIENT_SECRET: "dev", SCALEKIT_PROD_CLIENT_SECRET: "production" };
    for (const { file, name, job } of allJobs()) {
      for (const [secret, environment] of Object.entries(holders)) {
        if (jobSecrets(job).includes(secret)) expect([file, name, job.environment]).toEqual([file, name, environment]);
      }
    }
  });

  it("every job declares its permissions, and only the jobs that run no project code may write", () => {
    for (const [file, w] of Object.entries(workflows)) expect([file, w.permissions]).toEqual([file, {}]);
    const writers: string[] = [];
    for (const { file, name, job } of allJobs()) {
      expect([file, name, job.permissions]).toEqual([file, name, expect.any(Object)]);
      const writes = Object.entries(job.permissions!).filter(([, level]) => level === "write");
      if (writes.length === 0) continue;
      writers.push(`${file}:${name}:${writes.map(([scope]) => scope).join(",")}`);
      expect(job.steps.every((s) => s.run === undefined && s.uses && !s.uses.startsWith("./"))).toBe(true);
    }
    expect(writers.sort()).toEqual(["scalekit-drift.yml:report:issues", "scalekit-review.yml:comment:pull-requests"]);
  });

  it("every action is pinned by full commit SHA, with its tag in a comment", () => {
    const sources = [...files.map((f) => text(f)), fs.readFileSync(SETUP_ACTION, "utf8")];
    const uses = sources.flatMap((t) => [...t.matchAll(/^\s*(?:- )?uses: (.*)$/gm)].map((m) => m[1]));
    expect(uses.length).toBeGreaterThan(10);
    for (const u of uses.filter((u) => !u.startsWith("./"))) {
      expect(u).toMatch(/^[a-z-]+\/[a-z-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+$/);
    }
  });

  it("every checkout leaves no token behind", () => {
    const checkouts = Object.values(workflows)
      .flatMap(stepsOf)
      .filter((s) => s.uses?.startsWith("actions/checkout@"));
    expect(checkouts.length).toBe(5);
    for (const c of checkouts) expect(c.with?.["persist-credentials"]).toBe(false);
  });

  it("no ${{ }} expression expands inside a script: values reach scripts through env", () => {
    for (const s of [...Object.values(workflows).flatMap(stepsOf), ...setupAction.runs.steps]) {
      expect(s.run ?? "").not.toContain("${{");
      expect(String(s.with?.script ?? "")).not.toContain("${{");
    }
  });

  it("npm runs no package's install script", () => {
    expect(runs(setupAction.runs.steps)).toContain("npm ci --no-audit --no-fund --ignore-scripts");
  });
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
    const file = path.join(repo, ".github/workflows/scalekit-review.yml");
    fs.writeFileSync(
      file,
      fs.readFileSync(file, "utf8").replace("steps.review.outputs.status != '0'", "steps.reveiw.outputs.status != '0'"),
    );
    expect(spawnSync(bin, ["-no-color"], { cwd: repo, encoding: "utf8" }).status).toBe(1);
  } finally {
    fs.rmSync(repo, { recursive: true, force: true });
  }
});
