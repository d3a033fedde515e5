import { spawn, type ChildProcess } from "child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import * as ts from "typescript";
import { parseArgs, UsageError } from "../../src/emulator/cli";

/** Compile src/emulator to a temporary directory (transpile only: fast, independent of the rest of src). */
function buildEmulator(): string {
  const out = mkdtempSync(join(tmpdir(), "scalekit-emulator-"));
  const srcDir = join(__dirname, "..", "..", "src", "emulator");
  for (const f of readdirSync(srcDir).filter((n) => n.endsWith(".ts"))) {
    const js = ts.transpileModule(readFileSync(join(srcDir, f), "utf8"), {
      compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2020, esModuleInterop: true },
      fileName: f,
    }).outputText;
    writeFileSync(join(out, f.replace(/\.ts$/, ".js")), js);
  }
  return out;
}

interface Running {
  child: ChildProcess;
  firstLine: Promise<string>;
  exit: Promise<{ code: number | null; stderr: string }>;
}

function run(dir: string, args: string[]): Running {
  const child = spawn(process.execPath, [join(dir, "cli.js"), ...args], { stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stderr!.on("data", (d: Buffer) => (stderr += d.toString()));
  const firstLine = new Promise<string>((resolve, reject) => {
    child.stdout!.on("data", (d: Buffer) => {
      stdout += d.toString();
      const nl = stdout.indexOf("\n");
      if (nl >= 0) resolve(stdout.slice(0, nl));
    });
    child.on("exit", () => reject(new Error(`exited before printing a line; stderr: ${stderr}`)));
  });
  firstLine.catch(() => undefined);
  const exit = new Promise<{ code: number | null; stderr: string }>((resolve) =>
    child.on("exit", (code) => resolve({ code, stderr })),
  );
  return { child, firstLine, exit };
}

describe("the emulator CLI", () => {
  let dir: string;
  const children: ChildProcess[] = [];
  beforeAll(() => {
    dir = buildEmulator();
  });
  afterAll(() => {
    for (const c of children) if (c.exitCode === null) c.kill("SIGKILL");
    rmSync(dir, { recursive: true, force: true });
  });

  it("prints one line with its URL, serves the API, and stops on SIGTERM", async () => {
    const r = run(dir, ["--port", "0"]);
    children.push(r.child);
    const line = await r.firstLine;
    const m = /^scalekit emulator listening on (http:\/\/127\.0\.0\.1:(\d+))$/.exec(line);
    expect(m).not.toBeNull();
    const url = m![1];
    const token = await fetch(`${url}/oauth/token`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: "grant_type=client_credentials&client_id=skc_emulator&client_secret=skc_emulator_secret",
    });
    expect(token.status).toBe(200);
    const ctl = await fetch(`${url}/_emulator/providers`);
    expect(await ctl.json()).toEqual({ providers: [] });
    r.child.kill("SIGTERM");
    expect((await r.exit).code).toBe(0);
  });

  it("takes credentials, page size and token lifetime from flags, and stops on SIGINT", async () => {
    const r = run(dir, [
      "--port",
      "0",
      "--host",
      "127.0.0.1",
      "--client-id",
      "skc_x",
      "--client-secret",
      "sec",
      "--max-page-size",
      "2",
      "--token-ttl",
      "60",
    ]);
    children.push(r.child);
    const url = (await r.firstLine).replace("scalekit emulator listening on ", "");
    const res = await fetch(`${url}/oauth/token`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: "grant_type=client_credentials&client_id=skc_x&client_secret=sec",
    });
    const body = (await res.json()) as { access_token: string; expires_in: number };
    expect(body.expires_in).toBe(60);
    for (let i = 0; i < 3; i++) {
      await fetch(`${url}/_emulator/providers`, {
        method: "POST",
        body: JSON.stringify({
          display_name: `Tool ${i}`,
          auth_patterns: [{ type: "BEARER", fields: [{ field_name: "token" }] }],
          proxy_url: "https://x.example",
        }),
      });
    }
    const page = await fetch(`${url}/api/v1/providers?filter.provider_type=CUSTOM&page_size=50`, {
      headers: { Authorization: `Bearer ${body.access_token}` },
    });
    expect(((await page.json()) as { providers: unknown[] }).providers).toHaveLength(2);
    r.child.kill("SIGINT");
    expect((await r.exit).code).toBe(0);
  });

  it("takes the update mode from flags (read back through the control route)", async () => {
    const r = run(dir, [
      "--port",
      "0",
      "--update-mode",
      "merge",
      "--metadata-on-update",
      "clear-if-empty",
      "--proxy-enabled-on-update=true-only",
    ]);
    children.push(r.child);
    const url = (await r.firstLine).replace("scalekit emulator listening on ", "");
    const res = await fetch(`${url}/_emulator/update-mode`);
    expect(await res.json()).toEqual({ mode: "merge", metadata: "clear-if-empty", proxyEnabled: "true-only" });
    r.child.kill("SIGTERM");
    expect((await r.exit).code).toBe(0);
  });

  it("exits 2 with the usage on bad arguments", async () => {
    for (const args of [
      ["--bogus"],
      ["--port", "abc"],
      ["--client-id", "only"],
      ["--host", "0.0.0.0", "--port", "0"],
      ["--port", "0", "--update-mode", "patch"],
    ]) {
      const r = run(dir, args);
      children.push(r.child);
      const { code, stderr } = await r.exit;
      expect(code).toBe(2);
      expect(stderr).toMatch(/scalekit emulator: /);
    }
  });

  it("parses arguments", () => {
    expect(parseArgs([])).toEqual({ port: 8787 });
    expect(parseArgs(["--port=9000", "--host", "localhost", "--max-page-size", "5", "--token-ttl", "10"])).toEqual({
      port: 9000,
      host: "localhost",
      maxPageSize: 5,
      tokenTtlSeconds: 10,
    });
    expect(parseArgs(["--client-id", "a", "--client-secret", "b"])).toEqual({ port: 8787, clientId: "a", clientSecret: "b" });
    expect(() => parseArgs(["--port"])).toThrow(UsageError);
    expect(() => parseArgs(["--client-secret", "b"])).toThrow(UsageError);
    expect(() => parseArgs(["extra"])).toThrow(UsageError);
    expect(parseArgs(["--update-mode", "replace", "--proxy-enabled-on-update", "always"])).toEqual({
      port: 8787,
      updateMode: "replace",
      proxyEnabledOnUpdate: "always",
    });
    expect(parseArgs(["--update-mode=merge"])).toEqual({ port: 8787, updateMode: "merge" });
    expect(() => parseArgs(["--update-mode", "Merge"])).toThrow(/--update-mode must be one of merge, replace/);
    expect(() => parseArgs(["--proxy-enabled-on-update", "false"])).toThrow(UsageError);
    expect(() => parseArgs(["--proxy-enabled-on-update", "when-sent"])).toThrow(/must be one of always, true-only/);
    expect(parseArgs(["--metadata-on-update", "clear-if-empty"])).toEqual({ port: 8787, metadataOnUpdate: "clear-if-empty" });
    expect(() => parseArgs(["--metadata-on-update", "sometimes"])).toThrow(UsageError);
    expect(() => parseArgs(["--update-mode"])).toThrow(UsageError);
  });
});
