import { lookUpConnections } from "../../../src/cli/connection-lookups";
import { runReview } from "../../../src/cli/review";
import { parsePreviewDocuments } from "../../../src/review/preview-json";
import { buildReview } from "../../../src/review/review";
import type { ProviderObject } from "../../../src/emulator";
import { ScalekitClient, type ConnectionListingBudget } from "../../../src/client";
import { numbered, tavily, useEmulator } from "../../support/emulator";
import { bearer, previewDoc } from "../../support/review";

/**
 * `review --environment`: the connections of every provider that a change deletes, replaces or
 * renames, looked up read-only in its own environment (the emulator here), named and counted; a
 * failed look-up reads "unknown" and never changes the exit code.
 */
const emulator = useEmulator();

interface Seeded {
  doomed: ProviderObject;
  replaced: ProviderObject;
  renamed: ProviderObject;
  touched: ProviderObject;
  crowded: ProviderObject;
}

function seed(): Seeded {
  const e = emulator();
  const s = {
    doomed: e.seedProvider(numbered(1)),
    replaced: e.seedProvider(numbered(2)),
    renamed: e.seedProvider(numbered(3)),
    touched: e.seedProvider(numbered(4)),
    crowded: e.seedProvider(numbered(5)),
  };
  for (const name of ["asana-prod", "asana-stage", "asana-eu"]) e.addConnection(s.doomed.identifier, { name });
  for (const name of ["jira-a", "jira-b"]) e.addConnection(s.replaced.identifier, { name });
  e.addConnection(s.renamed.identifier, { name: "docs-1" });
  for (let i = 0; i < 5; i++) e.addConnection(s.touched.identifier);
  for (let i = 0; i < 13; i++) e.addConnection(s.crowded.identifier, { name: `crowd-${i}` });
  return s;
}

/** A preview of the changes, each provider recorded in `url` (the environment its outputs name). */
function preview(s: Seeded, url = emulator().url, stack = "dev") {
  const step = (op: string, name: string, p: ProviderObject, before: object, after?: object) => ({
    op,
    name,
    id: p.identifier,
    outputs: { environmentUrl: url, identifier: p.identifier },
    old: { definition: before },
    ...(after ? { new: { definition: after } } : {}),
    ...(op === "replace" ? { replaceReasons: ["definition"] } : {}),
  });
  return previewDoc(stack, [
    step("delete", "doomed", s.doomed, bearer({ display_name: "Doomed" })),
    step(
      "replace",
      "replaced",
      s.replaced,
      bearer({ display_name: "Replaced" }),
      bearer({ display_name: "Replaced", auth_patterns: [{ type: "API_KEY", fields: [{ field_name: "k" }] }] }),
    ),
    step("update", "renamed", s.renamed, bearer({ display_name: "Custom Context7 MCP" }), bearer({ display_name: "Context7" })),
    step(
      "update",
      "touched",
      s.touched,
      bearer({ display_name: "Touched" }),
      bearer({ display_name: "Touched", description: "new" }),
    ),
    step("delete", "crowded", s.crowded, bearer({ display_name: "Crowded" })),
  ]);
}

const ENV = () => ({
  REV_ENVIRONMENT_URL: emulator().url,
  REV_CLIENT_ID: emulator().clientId,
  REV_CLIENT_SECRET: emulator().clientSecret,
});

async function review(args: string[], doc: object, env: NodeJS.ProcessEnv = ENV()) {
  const out: string[] = [];
  const err: string[] = [];
  const ctx = {
    cwd: __dirname,
    env,
    // Retries are not waited for.
    clientOptions: { sleep: async () => undefined },
    readStdin: async () => JSON.stringify(doc),
    stackConfig: (stack: string) => {
      if (stack !== "dev") throw new Error(`no stack ${stack}`);
      return {
        "scalekit:environmentUrl": emulator().url,
        "scalekit:clientId": emulator().clientId,
        "scalekit:clientSecret": emulator().clientSecret,
      };
    },
  };
  const code = await runReview(["-", ...args], ctx, { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out: out.join("\n"), err: err.join("\n") };
}

const section = (md: string, name: string) => {
  const start = md.indexOf(`#### \`${name}\``);
  const end = md.indexOf("####", start + 1);
  return md.slice(start, end < 0 ? undefined : end);
};

const lookups = () =>
  emulator()
    .requests()
    .filter((r) => r.path === "/api/v1/connections/app");

describe("with --environment", () => {
  it("names and counts the connections of each delete, replacement and rename, and only theirs", async () => {
    const s = seed();
    const { code, out, err } = await review(["--environment", "env:REV"], preview(s));
    expect({ code, err }).toEqual({ code: 0, err: "" });
    const url = emulator().url;
    expect(out).toContain(`Connections of deleted, replaced and renamed providers were looked up (read-only) in \`${url}\`.`);
    expect(section(out, "doomed")).toContain(
      `Blast radius: 3 connections: \`asana-prod\`, \`asana-stage\`, \`asana-eu\` in \`${url}\`.`,
    );
    expect(section(out, "replaced")).toContain(`Blast radius: 2 connections: \`jira-a\`, \`jira-b\` in \`${url}\`.`);
    expect(section(out, "renamed")).toContain("> **rename**: `Custom Context7 MCP` is renamed to `Context7`.");
    expect(section(out, "renamed")).toContain(`Blast radius: 1 connection: \`docs-1\` in \`${url}\`.`);
    expect(section(out, "touched")).not.toContain("Blast radius");
    const crowd = Array.from({ length: 10 }, (_, i) => `\`crowd-${i}\``).join(", ");
    expect(section(out, "crowded")).toContain(`Blast radius: 13 connections: ${crowd} and 3 more in \`${url}\`.`);
    // One look-up per provider in the blast radius (13 connections fit one page of 30), none for the plain update.
    expect(lookups().map((r) => r.query.provider)).toEqual(
      expect.arrayContaining([s.doomed, s.replaced, s.renamed, s.crowded].map((p) => p.identifier)),
    );
    expect(lookups()).toHaveLength(4);
    expect(out).not.toContain(emulator().clientSecret);
  });

  it("--json gives each provider entry its count, or null, and every name", async () => {
    const { out } = await review(["--json", "--environment", "env:REV"], preview(seed()));
    const providers = JSON.parse(out).stacks[0].providers as Record<string, unknown>[];
    const byName = Object.fromEntries(providers.map((p) => [p.name, p]));
    expect(Object.fromEntries(providers.map((p) => [p.name, p.connections]))).toEqual({
      doomed: 3,
      replaced: 2,
      renamed: 1,
      touched: null,
      crowded: 13,
    });
    expect(byName.touched.blastRadius).toBeUndefined();
    expect((byName.crowded.blastRadius as { names: string[] }).names).toHaveLength(13);
    expect(JSON.parse(out).connectionsLookedUpIn).toEqual([emulator().url]);
  });

  it("stack:NAME reads that stack's config for the environment, as compare does", async () => {
    const { code, out } = await review(["--environment", "stack:dev"], preview(seed()), {});
    expect(code).toBe(0);
    expect(section(out, "doomed")).toContain("Blast radius: 3 connections");
  });

  it("a provider of another environment, or without an identifier, is not looked up there", async () => {
    const s = seed();
    const elsewhere = await review(["--environment", "env:REV"], preview(s, "https://acme.scalekit.com"));
    expect(section(elsewhere.out, "doomed")).toContain(
      "Blast radius: connections not looked up: no --environment given is its environment (`https://acme.scalekit.com`).",
    );
    const noId = previewDoc("dev", [
      { op: "delete", name: "anon", old: { definition: bearer() }, outputs: { environmentUrl: emulator().url } },
    ]);
    const anon = await review(["--json", "--environment", "env:REV"], noId);
    expect(JSON.parse(anon.out).stacks[0].providers[0]).toMatchObject({
      connections: null,
      blastRadius: { status: "not-looked-up", reason: "no-identifier" },
    });
    expect(lookups()).toEqual([]);
  });
});

describe("a look-up that fails reads unknown, never 0, and never changes the exit code", () => {
  it.each([
    ["a malformed answer", { malformedBody: "nullConnections" as const }, /connection list/],
    ["a 503", { status: 503 }, /HTTP 503/],
    ["a 403", { status: 403 }, /agent_connectors:read/],
  ])("%s", async (_what, fault, reason) => {
    const s = seed();
    emulator().injectFault({ ...fault, pathPrefix: "/api/v1/connections/app", count: 100 });
    const md = await review(["--environment", "env:REV", "--fail-on", "rename"], preview(s));
    expect(md.code).toBe(1); // the rename flag, as without --environment
    expect(md.err).toBe("review: failing because of --fail-on: rename");
    for (const name of ["doomed", "replaced", "renamed", "crowded"]) {
      expect(section(md.out, name)).toContain(
        `Blast radius: unknown. Looking up its connections in \`${emulator().url}\` failed (`,
      );
    }
    expect(md.out).toMatch(reason);
    expect(md.out).not.toMatch(/Blast radius: (no|0) connections/);

    const data = JSON.parse((await review(["--json", "--environment", "env:REV"], preview(s))).out);
    for (const p of data.stacks[0].providers) {
      expect(p.connections).toBeNull();
      if (p.name !== "touched") expect(p.blastRadius.status).toBe("unknown");
    }
  });

  it("after a failure, the environment's remaining look-ups are not made", async () => {
    const doomed = Array.from({ length: 9 }, (_, i) => emulator().seedProvider(numbered(i)));
    const doc = previewDoc(
      "dev",
      doomed.map((p, i) => ({
        op: "delete",
        name: `d${i}`,
        id: p.identifier,
        old: { definition: bearer() },
        outputs: { environmentUrl: emulator().url },
      })),
    );
    emulator().injectFault({ malformedBody: "nullConnections", pathPrefix: "/api/v1/connections/app", count: 100 });
    const data = JSON.parse((await review(["--json", "--environment", "env:REV"], doc)).out);
    const reasons: string[] = data.stacks[0].providers.map((p: { blastRadius: { reason: string } }) => p.blastRadius.reason);
    // The look-ups in flight when the first failed (4 at a time) failed themselves; the others were not made.
    expect(lookups()).toHaveLength(4);
    expect(reasons.filter((r) => r.startsWith("Scalekit answered GET /api/v1/connections/app"))).toHaveLength(4);
    expect(
      reasons.filter((r) => r.startsWith("not looked up after an earlier look-up in this environment failed: Scalekit answered")),
    ).toHaveLength(5);
  });
});

describe("lookUpConnections", () => {
  it("looks each identifier up once, and at most maxLookups of them per environment", async () => {
    const url = "https://acme.scalekit.dev";
    const doc = previewDoc(
      "dev",
      ["A:1", "B:1", "A:1", "C:1"].map((id, i) => ({
        op: "delete",
        name: `d${i}`,
        id,
        old: { definition: bearer() },
        outputs: { environmentUrl: `${url}/` },
      })),
    );
    const asked: string[] = [];
    const client = {
      listConnections: async (key: string) => (asked.push(key), [{ provider_key: key, key_id: `${key}-conn` }]),
    };
    const r = await lookUpConnections(
      buildReview(parsePreviewDocuments(JSON.stringify(doc), "dev.json")),
      [{ environmentUrl: url, client }],
      { maxLookups: 2 },
    );
    expect(asked.sort()).toEqual(["A:1", "B:1"]);
    expect(r.stacks[0].providers.map((p) => p.connections)).toEqual([1, 1, 1, null]);
    expect(r.stacks[0].providers[3].blastRadius).toEqual({
      status: "unknown",
      environmentUrl: url,
      reason: "the review looks up at most 2 providers per environment",
    });
  });
});

describe("the look-ups' overall bound on time, pages and bytes", () => {
  const url = "https://acme.scalekit.com";
  const reviewOf = (ids: string[]) =>
    buildReview(
      parsePreviewDocuments(
        JSON.stringify(
          previewDoc(
            "prod",
            ids.map((id, i) => ({
              op: "delete",
              name: `d${i}`,
              id,
              old: { definition: bearer() },
              outputs: { environmentUrl: url },
            })),
          ),
        ),
        "prod.json",
      ),
    );
  const reasons = (r: Awaited<ReturnType<typeof lookUpConnections>>) =>
    r.stacks[0].providers.map((p) => (p.blastRadius?.status === "unknown" ? p.blastRadius.reason : p.blastRadius?.status));

  /** A client listing `pages` pages of `bytes` bytes each for every provider, through the budget it is given. */
  const paged = (pages: number, bytes: number, asked: string[] = []) => ({
    listConnections: async (key: string, budget?: ConnectionListingBudget) => {
      asked.push(key);
      for (let i = 0; i < pages; i++) budget?.onPage?.(bytes);
      return [{ provider_key: key, key_id: `${key}-conn` }];
    },
  });

  it("past the page bound, the answer reads unknown, and no further look-up is made", async () => {
    const asked: string[] = [];
    const r = await lookUpConnections(
      reviewOf(["A:1", "B:1", "C:1", "D:1"]),
      [{ environmentUrl: url, client: paged(3, 10, asked) }],
      {
        bounds: { timeMs: 60_000, pages: 7, bytes: 1e9 },
      },
    );
    const out = reasons(r);
    expect(out.filter((x) => x === "counted")).toHaveLength(2);
    expect(out.filter((x) => x?.includes("reached their bound of 7 pages"))).toHaveLength(2);
    expect(r.stacks[0].providers.filter((p) => p.connections === null)).toHaveLength(2);
    expect(asked.length).toBeLessThanOrEqual(4);
  });

  it("past the byte bound, the same", async () => {
    const r = await lookUpConnections(reviewOf(["A:1", "B:1"]), [{ environmentUrl: url, client: paged(1, 600) }], {
      bounds: { timeMs: 60_000, pages: 100, bytes: 1000 },
    });
    expect(reasons(r).some((x) => x?.includes("reached their bound of 1000 bytes"))).toBe(true);
    expect(reasons(r)).toContain("counted");
  });

  it("past the time bound, a look-up still in flight and the ones not made read unknown, and the review ends", async () => {
    const never = { listConnections: () => new Promise<never>(() => undefined) };
    const started = Date.now();
    const r = await lookUpConnections(
      reviewOf(["A:1", "B:1", "C:1", "D:1", "E:1", "F:1"]),
      [{ environmentUrl: url, client: never }],
      {
        bounds: { timeMs: 200, pages: 100, bytes: 1e9 },
      },
    );
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(reasons(r).every((x) => x?.includes("reached their time bound"))).toBe(true);
    expect(r.stacks[0].providers.every((p) => p.connections === null)).toBe(true);
  });

  it("gives each listing the time left as its deadline, so no request outlives the bound", async () => {
    const deadlines: number[] = [];
    const client = {
      listConnections: async (key: string, budget?: ConnectionListingBudget) => {
        deadlines.push(budget?.timeoutMs ?? Infinity);
        return [{ provider_key: key }];
      },
    };
    await lookUpConnections(reviewOf(["A:1"]), [{ environmentUrl: url, client }], {
      bounds: { timeMs: 30_000, pages: 10, bytes: 1e6 },
    });
    expect(deadlines[0]).toBeLessThanOrEqual(30_000);
    expect(deadlines[0]).toBeGreaterThan(29_000);
  });

  it("the client stops a listing when its budget says so, and bounds its deadline", async () => {
    const e = emulator();
    const identifier = e.seedProvider(tavily).identifier;
    for (let i = 0; i < 65; i++) e.addConnection(identifier, { name: `conn-${i}` });
    const client = new ScalekitClient({ environmentUrl: e.url, clientId: e.clientId, clientSecret: e.clientSecret });
    const sizes: number[] = [];
    expect(await client.listConnections(identifier, { onPage: (b) => void sizes.push(b) })).toHaveLength(65);
    expect(sizes).toHaveLength(3);
    expect(sizes.every((b) => b > 100)).toBe(true);
    let pages = 0;
    await expect(
      client.listConnections(identifier, {
        onPage: () => {
          if (++pages === 2) throw new Error("bound reached");
        },
      }),
    ).rejects.toThrow("bound reached");
    await expect(client.listConnections(identifier, { timeoutMs: 0 })).rejects.toThrow(/deadline/);
  });
});

describe("without --environment, and with a bad one", () => {
  it("says that connections were not looked up, for the review and for each provider", async () => {
    const { code, out } = await review([], preview(seed()));
    expect(code).toBe(0);
    expect(out).toContain(
      "Connections were not looked up: 4 changes delete, replace or rename providers, which affects their connections. Review with --environment (read-only credentials) to count them.",
    );
    expect(section(out, "doomed")).toContain(
      "Blast radius: connections not looked up (review with --environment to count them).",
    );
    expect(lookups()).toEqual([]);
  });

  it("exit 2 for a folder, unset variables or an unknown source", async () => {
    const doc = preview(seed());
    expect(await review(["--environment", "dir:definitions"], doc)).toMatchObject({
      code: 2,
      err: 'error: --environment needs a live environment (env, env:PREFIX or stack:NAME), not "dir:definitions"',
    });
    const unset = await review(["--environment", "env:NOPE"], doc);
    expect(unset.code).toBe(2);
    expect(unset.err).toContain("NOPE_ENVIRONMENT_URL, NOPE_CLIENT_ID, NOPE_CLIENT_SECRET");
    expect((await review(["--environment", "prod"], doc)).code).toBe(2);
    expect(lookups()).toEqual([]);
  });
});
