/**
 * `node --require dist/bench/cpu-profile-preload.js`: a CPU profile of the whole process, written to
 * $BENCH_PROFILE_DIR when it ends. Node 20 refuses `--cpu-prof` in NODE_OPTIONS, but takes
 * `--require`, which reaches every node process below the CLI: the program (through the language
 * host) and the dynamic provider (its plugin script runs node). The inspector's session on its own
 * thread answers synchronously, so the profile can be stopped and written in an `exit` handler; a
 * provider the engine stops with a signal is written first, then exits as it would have.
 */
import * as fs from "fs";
import * as inspector from "inspector";
import * as path from "path";

const dir = process.env.BENCH_PROFILE_DIR;
if (dir) {
  const session = new inspector.Session();
  session.connect();
  session.post("Profiler.enable");
  // 1 ms: about a thousand samples a second, fine enough for costs of a millisecond per resource.
  session.post("Profiler.setSamplingInterval", { interval: 1000 });
  session.post("Profiler.start");
  let written = false;
  const write = () => {
    if (written) return;
    written = true;
    session.post("Profiler.stop", (err, result) => {
      if (err) return;
      fs.mkdirSync(dir, { recursive: true });
      // @pulumi/pulumi's cmd/run (the program) or cmd/dynamic-provider (the provider process).
      const kind = process.argv[1] ? path.basename(path.dirname(process.argv[1])) : "node";
      const file = path.join(dir, `${kind}-${process.pid}.cpuprofile`);
      fs.writeFileSync(file, JSON.stringify({ ...result.profile, argv: process.argv }));
    });
  };
  process.on("exit", write);
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, () => {
      write();
      process.kill(process.pid, signal);
    });
  }
}
