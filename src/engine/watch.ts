import type { EngineClient } from "./connection";

/**
 * The engine starts each plugin in a process group of its own, so a `pulumi up` killed with SIGKILL
 * (or a CI runner that kills only the CLI) leaves the plugin process (the dynamic provider, or the
 * native plugin) running, and nothing ever stops it: its gRPC server keeps it alive. Left alone, such a process finishes what it was
 * doing long after the deployment ended: a create whose outcome was unknown looks its name up and,
 * not finding it (the user has since destroyed it), sends the POST again, leaving a provider no
 * state knows. So the plugin process watches the engine and exits once the engine is gone.
 */

/** gRPC's UNAVAILABLE: nothing accepts connections at the engine's address any more. */
const UNAVAILABLE = 14;

export type EngineState = "up" | "gone";

export interface EngineWatchOptions {
  /** Time between probes; also each probe's deadline. */
  intervalMs: number;
  /** Consecutive "gone" answers that mean gone (one refused connection could be a hiccup). */
  misses: number;
  onGone(): void;
}

/** A probe a second, two misses: a provider outlives its engine by about 2 to 3 seconds. */
export const ENGINE_WATCH = { intervalMs: 1_000, misses: 2 } as const;

/** Probes every intervalMs (never two at once) and calls onGone once. Returns `stop`. */
export function watchEngine(probe: () => Promise<EngineState>, options: EngineWatchOptions): () => void {
  let misses = 0;
  let probing = false;
  let stopped = false;
  const stop = () => {
    stopped = true;
    clearInterval(timer);
  };
  const timer = setInterval(async () => {
    if (probing || stopped) return;
    probing = true;
    try {
      misses = (await probe()) === "gone" ? misses + 1 : 0;
    } finally {
      probing = false;
    }
    if (misses >= options.misses && !stopped) {
      stop();
      options.onGone();
    }
  }, options.intervalMs);
  // The watch must never be what keeps a process alive.
  timer.unref();
  return stop;
}

/**
 * Asks the engine a question with no side effect (its root resource). Only UNAVAILABLE means gone:
 * a slow or busy engine (DEADLINE_EXCEEDED) or any other answer is an engine that is still there.
 */
export function probeEngine(client: Pick<EngineClient, "getRootResource">, deadlineMs: number): Promise<EngineState> {
  const proto = require("@pulumi/pulumi/proto/engine_pb");
  return new Promise((resolve) =>
    client.getRootResource(new proto.GetRootResourceRequest(), { deadline: Date.now() + deadlineMs }, (err) =>
      resolve(err?.code === UNAVAILABLE ? "gone" : "up"),
    ),
  );
}

let watching = false;

/** Exit this process once the engine at `address` (reached through `client`) is gone. */
export function exitWhenGone(client: Pick<EngineClient, "getRootResource">, address: string): void {
  if (watching) return;
  watching = true;
  watchEngine(() => probeEngine(client, ENGINE_WATCH.intervalMs), {
    ...ENGINE_WATCH,
    onGone: () => {
      process.stderr.write(
        `pulumi-scalekit-providers: the Pulumi engine at ${address} is gone; this plugin process exits so that ` +
          "nothing more is sent for a deployment that has ended. The next `pulumi up` recovers what was in flight.\n",
      );
      process.exit(1);
    },
  });
}
