import * as fs from "fs";

/**
 * The peak resident memory of the dynamic-provider processes (`pulumi-resource-pulumi-nodejs`, a
 * node process running @pulumi/pulumi's cmd/dynamic-provider) below one CLI process. Polls /proc:
 * each sample reads the kernel's own high-water mark (VmHWM), so a spike between samples is not
 * missed, only whatever happens after the last sample before the process exits.
 */
export class ProviderRssSampler {
  private peakKb = 0;
  /** CPU ticks of each provider process at its last sample. */
  private readonly ticks = new Map<number, number>();
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly rootPid: number,
    intervalMs = 100,
  ) {
    this.timer = setInterval(() => this.sample(), intervalMs);
  }

  /** Stops sampling; the peak in MB, or undefined when no provider process was seen. */
  stop(): number | undefined {
    clearInterval(this.timer);
    return this.peakKb ? Math.round((this.peakKb / 1024) * 10) / 10 : undefined;
  }

  /** CPU ticks (user + system) the provider processes had used at their last sample. */
  providerCpuTicks(): number {
    return [...this.ticks.values()].reduce((a, b) => a + b, 0);
  }

  private sample(): void {
    for (const pid of descendants(this.rootPid)) {
      const cmdline = read(`/proc/${pid}/cmdline`);
      // The dynamic provider host, or the native plugin (bin.js of src/plugin, or its bundled file).
      if (!cmdline || !/dynamic-provider|plugin\/bin\.js|pulumi-resource-scalekit/.test(cmdline)) continue;
      const hwm = /VmHWM:\s+(\d+) kB/.exec(read(`/proc/${pid}/status`) ?? "");
      if (hwm) this.peakKb = Math.max(this.peakKb, Number(hwm[1]));
      const stat = read(`/proc/${pid}/stat`);
      if (stat) {
        const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
        this.ticks.set(pid, Number(fields[11]) + Number(fields[12])); // utime, stime (fields 14 and 15)
      }
    }
  }
}

function read(file: string): string | undefined {
  try {
    return fs.readFileSync(file, "utf8");
  } catch {
    return undefined; // the process exited between listing and reading
  }
}

/** Every process below `root` (children, grandchildren, ...). */
function descendants(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = read(`/proc/${entry}/stat`);
    if (!stat) continue;
    // The command name is in parentheses and may hold spaces: the parent pid follows the last ")".
    const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
    const list = children.get(ppid) ?? [];
    list.push(Number(entry));
    children.set(ppid, list);
  }
  const out: number[] = [];
  const stack = [root];
  while (stack.length) {
    for (const child of children.get(stack.pop()!) ?? []) {
      out.push(child);
      stack.push(child);
    }
  }
  return out;
}
