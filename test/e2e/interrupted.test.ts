import * as fs from "fs";
import { run } from "../support/e2e/cli";
import { readRepoDefinitions, stateIdOf, writesSeen } from "../support/e2e/workspace";
import { useStacks } from "../support/e2e/suite";

jest.setTimeout(600_000);

/**
 * `pulumi up` killed with SIGKILL after Scalekit committed a create and before Pulumi recorded it.
 * The user then follows docs/interrupted-runs.md: removes the file backend's stale lock and empty
 * .attrs file, runs `up` again (the create is recovered by its ownership marker, with no
 * duplicate), clears the pending create, and the next preview shows no changes.
 */
const tavily = readRepoDefinitions()["my-tavily"] as { display_name: string };
const ctx = useStacks(["dev"], { definitions: { "my-tavily": tavily } });

async function until(condition: () => boolean, timeoutMs: number): Promise<void> {
  const start = Date.now();
  while (!condition()) {
    if (Date.now() - start > timeoutMs) throw new Error("timed out waiting");
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** The dynamic-provider processes running in `dir`: the engine starts plugins in the program's directory. */
function providerProcesses(dir: string): number[] {
  const pids: number[] = [];
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const cmdline = fs.readFileSync(`/proc/${entry}/cmdline`, "utf8");
      if (cmdline.includes("dynamic-provider") && fs.realpathSync(`/proc/${entry}/cwd`) === fs.realpathSync(dir))
        pids.push(Number(entry));
    } catch {
      // gone meanwhile
    }
  }
  return pids;
}

/** Running, and not a zombie left for a parent (in a container, perhaps no init) to reap. */
function alive(pid: number): boolean {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2)[0] !== "Z";
  } catch {
    return false;
  }
}

/** The commands of docs/interrupted-runs.md, run as a user would, in bash, from the project folder. */
async function bash(script: string): Promise<string> {
  const res = await run("bash", ["-euc", script], {
    cwd: ctx.ws.dir,
    env: { ...process.env, BACKEND: ctx.ws.backendDir, STACK: "dev" },
  });
  if (res.code !== 0) throw new Error(`bash failed (${res.code}): ${res.output}`);
  return res.output;
}

it("converges after SIGKILL between the committed create and its record: no duplicate, then no changes", async () => {
  const dev = ctx.env.dev;
  // The POST commits and its answer is lost; the look-up that follows hangs, so the process is
  // certainly between "Scalekit has it" and "Pulumi recorded it" when it is killed.
  dev.injectFault({ method: "GET", pathPrefix: "/api/v1/providers", latencyMs: 1 }); // the first look-up passes
  dev.injectFault({ method: "POST", pathPrefix: "/api/v1/custom-providers", dropAfterCommit: true });
  dev.injectFault({ method: "GET", pathPrefix: "/api/v1/providers", latencyMs: 600_000 });
  const up = ctx.ws.start(["up", "--yes"], "dev");
  await until(() => dev.providers().length === 1 || up.child.exitCode !== null, 240_000);
  expect(up.child.exitCode).toBeNull();
  const orphans = providerProcesses(ctx.ws.dir);
  expect(orphans.length).toBeGreaterThan(0);
  process.kill(-up.child.pid!, "SIGKILL");
  await new Promise((r) => up.child.once("close", r));
  // The engine puts plugins in process groups of their own, so the kill leaves the provider process
  // running, mid-create. It must notice that its engine is gone and exit, instead of finishing the
  // create later (by then perhaps re-sending it after the user destroyed the provider).
  await until(() => !orphans.some(alive), 20_000);
  const [created] = dev.providers();
  expect(dev.providers()).toHaveLength(1);
  // What makes it recognisable as this resource's own, rather than anyone's identical provider: its
  // marker names the resource and this state, whose id the engine recorded before the create began.
  expect(created.metadata).toEqual({
    managed_by_pulumi: expect.stringMatching(/^scalekit-custom-providers\/dev\/my-tavily@[0-9a-f]{16}$/),
  });
  expect(await ctx.ws.providersInState("dev").catch(() => [])).toEqual([]);

  // The killed run's lock blocks the next update until it is removed.
  const locks = await bash(`ls "$BACKEND"/.pulumi/locks/*/*/"$STACK"/`);
  expect(locks).toMatch(/\.json/);
  const blocked = await ctx.ws.pulumi(["up", "--yes"], "dev");
  expect(blocked.code).not.toBe(0);
  expect(blocked.output).toMatch(/locked/);
  expect(dev.providers()).toHaveLength(1);

  // After an interrupted run (docs/interrupted-runs.md): Pulumi's own leftovers of a killed process on the file backend.
  await bash(`
    rm -f "$BACKEND"/.pulumi/locks/*/*/"$STACK"/*.json
    find "$BACKEND"/.pulumi/stacks -name "$STACK.json.attrs" -size 0 -delete
  `);
  expect(created.metadata!.managed_by_pulumi).toBe(`scalekit-custom-providers/dev/my-tavily@${await stateIdOf(ctx.ws, "dev")}`);
  dev.clearRequests();
  const again = await ctx.ws.ok(["up", "--yes"], "dev");
  expect(again.output).toMatch(/interrupted earlier run/);
  expect(again.output).toMatch(/1 pending operations from previous deployment/);
  expect(writesSeen(dev)).toEqual([]);
  expect(dev.providers().map((p) => p.identifier)).toEqual([created.identifier]);
  const [state] = await ctx.ws.providersInState("dev");
  expect(state.id).toBe(created.identifier);

  await ctx.ws.ok(["refresh", "--yes", "--clear-pending-creates"], "dev");
  const preview = await ctx.ws.ok(["preview", "--expect-no-changes"], "dev");
  expect(preview.output).not.toMatch(/pending operation/);
  expect(dev.providers()).toHaveLength(1);
  await ctx.ws.ok(["destroy", "--yes"], "dev");
  expect(dev.providers()).toEqual([]);
});
