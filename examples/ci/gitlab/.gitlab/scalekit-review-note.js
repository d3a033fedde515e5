/* global fetch */
"use strict";
/**
 * Posts `scalekit-providers review` on a merge request as one note, updated on each push, or marks
 * that note stale when the review of the latest commit failed (docs/ci.md, "GitLab CI").
 *
 * Reads review/review.md and review/status (the review job's artifacts) and GitLab's variables
 * CI_API_V4_URL, CI_PROJECT_ID, CI_MERGE_REQUEST_IID, CI_COMMIT_SHA and CI_PIPELINE_URL, plus
 * SCALEKIT_REVIEW_NOTE_TOKEN: a project access token (role Reporter, scope api). The note is found
 * by its first line, the marker, and by its author, the token's own user: a note that anybody else
 * starts with the marker is theirs and is left alone. Needs Node.js 18 or later, and no packages.
 */
const fs = require("fs");

const MARKER = "<!-- scalekit-providers-review -->";
const STALE_START = "<!-- scalekit-providers-review:stale -->";
const STALE_END = "<!-- /scalekit-providers-review:stale -->";
const REQUIRED = ["CI_API_V4_URL", "CI_PROJECT_ID", "CI_MERGE_REQUEST_IID", "SCALEKIT_REVIEW_NOTE_TOKEN"];

const readOrEmpty = (file) => (fs.existsSync(file) ? fs.readFileSync(file, "utf8") : "");

/** One GitLab API call; its error names the call and the status, never the token. */
async function call(env, fetchFn, method, path, body) {
  const response = await fetchFn(`${env.CI_API_V4_URL}${path}`, {
    method,
    headers: {
      "PRIVATE-TOKEN": env.SCALEKIT_REVIEW_NOTE_TOKEN,
      ...(body ? { "Content-Type": "application/json" } : {}),
    },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  if (!response.ok) throw new Error(`GitLab API ${method} ${path.split("?")[0]} answered HTTP ${response.status}`);
  return { data: await response.json(), nextPage: response.headers.get("x-next-page") || "" };
}

/** The standing note with a visible stale warning at its top (replacing an earlier one). */
function staleBody(previous, commit, pipeline) {
  const note = [
    STALE_START,
    "> [!warning]",
    `> **Stale.** The review of commit ${commit} failed (${pipeline}): what follows, if anything, is the review of an earlier commit. Fix the failure and push again.`,
    STALE_END,
  ].join("\n");
  let earlier = previous ? previous.slice(MARKER.length) : "";
  const end = earlier.indexOf(STALE_END);
  if (earlier.trimStart().startsWith(STALE_START) && end >= 0) earlier = earlier.slice(end + STALE_END.length);
  return `${MARKER}\n${note}\n${earlier.replace(/^\n*/, "\n")}`;
}

/** Returns what it did: "posted", "updated", "marked stale" or "posted stale". */
async function postReviewNote({ env = process.env, fetchFn = fetch, read = readOrEmpty } = {}) {
  const missing = REQUIRED.filter((name) => !env[name]);
  if (missing.length) throw new Error(`missing variables: ${missing.join(", ")}`);
  const me = (await call(env, fetchFn, "GET", "/user")).data;
  const notes = `/projects/${encodeURIComponent(env.CI_PROJECT_ID)}/merge_requests/${encodeURIComponent(env.CI_MERGE_REQUEST_IID)}/notes`;
  let previous;
  for (let page = "1"; page && !previous;) {
    const { data, nextPage } = await call(env, fetchFn, "GET", `${notes}?sort=asc&order_by=created_at&per_page=100&page=${page}`);
    previous = data.find((n) => n.author && n.author.id === me.id && typeof n.body === "string" && n.body.startsWith(MARKER));
    page = nextPage;
  }
  const save = (body) =>
    previous ? call(env, fetchFn, "PUT", `${notes}/${previous.id}`, { body }) : call(env, fetchFn, "POST", notes, { body });

  const status = read("review/status").trim();
  const review = read("review/review.md");
  if ((status === "0" || status === "1") && review.startsWith(MARKER)) {
    await save(review);
    return previous ? "updated" : "posted";
  }
  const commit = (env.CI_COMMIT_SHA || "").slice(0, 12) || "(unknown)";
  await save(staleBody(previous && previous.body, commit, env.CI_PIPELINE_URL || "see the pipeline"));
  return previous ? "marked stale" : "posted stale";
}

module.exports = { postReviewNote, MARKER };

if (require.main === module) {
  postReviewNote().then(
    (outcome) => console.log(`scalekit-review-note: ${outcome}`),
    (err) => {
      console.error(`scalekit-review-note: ${err.message}`);
      process.exitCode = 1;
    },
  );
}
