/**
 * Syncs a folder of definition files (one API JSON file per provider) to a Scalekit environment from
 * a Node.js program, with Pulumi's Automation API: an inline program declares one CustomProvider per
 * file, the preview is reviewed and printed as `scalekit-providers review` would, and with --yes the
 * change is applied.
 *
 *   node dist/sync.js [DEFINITIONS_DIR] [--stack NAME] [--yes]
 *
 * The environment comes from SCALEKIT_ENVIRONMENT_URL, SCALEKIT_CLIENT_ID and SCALEKIT_CLIENT_SECRET,
 * written into the stack's config (the secret encrypted). State goes where `pulumi login` points (or
 * PULUMI_BACKEND_URL); stack settings are kept in .pulumi-sync/. Exit 0 when applied or when there
 * was nothing to apply, 1 when the preview failed, 2 on a usage error.
 */
import * as path from "path";
import * as fs from "fs";
import { parseArgs } from "util";
import { LocalWorkspace } from "@pulumi/pulumi/automation";
import { buildReview, CustomProvider, loadDefinitions, renderMarkdown } from "pulumi-scalekit-providers";
import { PreviewRecorder } from "./preview-document";

/** The example's folder: the provider process runs here, where node_modules holds the library. */
const EXAMPLE_DIR = path.resolve(__dirname, "..");

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { stack: { type: "string", default: "dev" }, yes: { type: "boolean", default: false } },
  });
  const definitionsDir = path.resolve(positionals[0] ?? path.join(EXAMPLE_DIR, "definitions"));
  const credentials = ["SCALEKIT_ENVIRONMENT_URL", "SCALEKIT_CLIENT_ID", "SCALEKIT_CLIENT_SECRET"];
  const missing = credentials.filter((name) => !process.env[name]);
  if (missing.length) {
    console.error(`error: set ${missing.join(", ")}`);
    return 2;
  }

  // The inline program: what a Pulumi.yaml project's index.ts would hold.
  const program = async () => {
    const providers = loadDefinitions(definitionsDir).map(({ name, definition }) => new CustomProvider(name, { definition }));
    return { identifiers: providers.map((p) => p.identifier) };
  };
  const workDir = path.join(EXAMPLE_DIR, ".pulumi-sync");
  fs.mkdirSync(workDir, { recursive: true });
  const stack = await LocalWorkspace.createOrSelectStack(
    { projectName: "scalekit-sync", stackName: values.stack!, program },
    { workDir, projectSettings: { name: "scalekit-sync", runtime: "nodejs", main: EXAMPLE_DIR } },
  );
  await stack.setAllConfig({
    "scalekit:environmentUrl": { value: process.env.SCALEKIT_ENVIRONMENT_URL! },
    "scalekit:clientId": { value: process.env.SCALEKIT_CLIENT_ID! },
    "scalekit:clientSecret": { value: process.env.SCALEKIT_CLIENT_SECRET!, secret: true },
  });

  const recorder = new PreviewRecorder();
  let previewed = true;
  let changes = 0;
  try {
    const preview = await stack.preview({ onEvent: recorder.record });
    changes = Object.entries(preview.changeSummary).reduce((n, [op, count]) => (op === "same" ? n : n + count), 0);
  } catch {
    previewed = false; // The review below shows the preview's errors.
  }
  const review = buildReview([recorder.document(`stack ${values.stack}`, await stack.getAllConfig())]);
  console.log(renderMarkdown(review).trimEnd());
  if (!previewed) return 1;
  if (changes === 0) {
    console.log("\nNothing to change.");
    return 0;
  }
  if (!values.yes) {
    console.log("\nRun again with --yes to apply.");
    return 0;
  }
  const up = await stack.up();
  console.log(`\nApplied: ${JSON.stringify(up.summary.resourceChanges ?? {})}`);
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err) => {
    console.error(`error: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(2);
  },
);
