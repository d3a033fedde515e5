import { AddressInfo, createServer, Server, Socket } from "net";
import { redact, ScalekitClient, ScalekitConfigError, ScalekitProxyError } from "../../../src/client";
import { proxyFor } from "../../../src/client/proxy";
import { useEmulator } from "../../support/emulator";

const SECRET = "proxy-test-secret-4711";

/** A proxy that records every byte it receives and closes each connection once the request head is in. */
class RecordingProxy {
  readonly server: Server;
  private readonly chunks: Buffer[] = [];
  connections = 0;

  constructor() {
    this.server = createServer((socket: Socket) => {
      this.connections++;
      let head = "";
      socket.on("data", (chunk: Buffer) => {
        this.chunks.push(chunk);
        head += chunk.toString("latin1");
        if (head.includes("\r\n\r\n")) setTimeout(() => socket.destroy(), 20);
      });
      socket.on("error", () => undefined);
    });
  }

  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, "127.0.0.1", resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  text(): string {
    return Buffer.concat(this.chunks).toString("latin1");
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

/** Sets proxy variables in process.env for one test (axios and agents read them from there). */
async function withProxyEnv<T>(vars: Record<string, string>, body: () => Promise<T>): Promise<T> {
  const names = ["HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy", "NO_PROXY", "no_proxy", "ALL_PROXY", "all_proxy"];
  const saved = Object.fromEntries(names.map((n) => [n, process.env[n]]));
  for (const n of names) delete process.env[n];
  Object.assign(process.env, vars);
  try {
    return await body();
  } finally {
    for (const n of names) {
      if (saved[n] === undefined) delete process.env[n];
      else process.env[n] = saved[n];
    }
  }
}

function remoteClient(): ScalekitClient {
  return new ScalekitClient(
    { environmentUrl: "https://api.example.test", clientId: "skc_proxy", clientSecret: SECRET },
    { sleep: async () => undefined, retry: { limit: 0 } },
  );
}

describe("HTTPS_PROXY", () => {
  let proxy: RecordingProxy;
  let proxyUrl: string;
  beforeEach(async () => {
    proxy = new RecordingProxy();
    proxyUrl = await proxy.start();
  });
  afterEach(() => proxy.close());

  it("opens a CONNECT tunnel: the proxy never sees the token request, the secret or a path in clear", async () => {
    await withProxyEnv({ HTTPS_PROXY: proxyUrl }, async () => {
      await expect(remoteClient().listProviders()).rejects.toThrow();
    });
    const seen = proxy.text();
    expect(seen).toMatch(/^CONNECT api\.example\.test:443 HTTP\/1\.1\r\n/);
    expect(seen).not.toContain(SECRET);
    expect(seen).not.toContain("client_secret");
    expect(seen).not.toContain("/oauth/token");
    expect(seen).not.toContain("/api/v1");
  });

  it("reads the lower-case https_proxy too", async () => {
    await withProxyEnv({ https_proxy: proxyUrl }, async () => {
      await expect(remoteClient().listProviders()).rejects.toThrow();
    });
    expect(proxy.text()).toMatch(/^CONNECT api\.example\.test:443 /);
    expect(proxy.text()).not.toContain(SECRET);
  });

  it("goes direct for a host NO_PROXY names: the proxy sees nothing", async () => {
    await withProxyEnv({ HTTPS_PROXY: proxyUrl, NO_PROXY: "localhost,.example.test" }, async () => {
      await expect(remoteClient().listProviders()).rejects.toThrow();
    });
    expect(proxy.connections).toBe(0);
  });

  describe("loopback targets", () => {
    const emulator = useEmulator();
    it("go direct (the local emulator), even with HTTP_PROXY and HTTPS_PROXY set", async () => {
      await withProxyEnv({ HTTPS_PROXY: proxyUrl, HTTP_PROXY: proxyUrl, http_proxy: proxyUrl }, async () => {
        const em = emulator();
        const client = new ScalekitClient({ environmentUrl: em.url, clientId: em.clientId, clientSecret: em.clientSecret });
        await expect(client.listProviders()).resolves.toEqual([]);
      });
      expect(proxy.connections).toBe(0);
    });
  });
});

describe("a proxy that refuses the tunnel", () => {
  /** Answers every CONNECT with 407: the head at once, the body (if any) a moment later, as real proxies may. */
  async function refusingProxy(lateBody: boolean): Promise<{ url: string; close: () => Promise<void> }> {
    const server = createServer((socket) => {
      socket.on("error", () => undefined);
      socket.once("data", () => {
        const body = "<html>Proxy authentication required</html>";
        socket.write(
          'HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm="corp"\r\n' +
            `Content-Type: text/html\r\nContent-Length: ${body.length}\r\n\r\n` +
            (lateBody ? "" : body),
        );
        if (lateBody) setTimeout(() => socket.end(body), 30);
        else socket.end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    return {
      url: `127.0.0.1:${(server.address() as AddressInfo).port}`,
      close: () => new Promise((resolve) => server.close(() => resolve())),
    };
  }

  it.each([
    ["with its body", false],
    ["with a late body (which used to read 'stream has been aborted')", true],
  ])("a 407 %s is named as proxy authentication, never as refused Scalekit credentials", async (_name, lateBody) => {
    const proxy = await refusingProxy(lateBody);
    try {
      const err = await withProxyEnv({ HTTPS_PROXY: `http://corp-user:pr0xy-pa55w0rd@${proxy.url}` }, () =>
        remoteClient()
          .listProviders()
          .catch((e) => e),
      );
      expect(err).toBeInstanceOf(ScalekitProxyError);
      expect(err.status).toBe(407);
      expect(err.message).toMatch(/the proxy 127\.0\.0\.1:\d+ refused to open a tunnel \(HTTP 407/);
      expect(err.message).toMatch(/Proxy authentication failed: check the user and password in HTTPS_PROXY/);
      expect(err.message).not.toMatch(/aborted|client credentials/);
      expect(err.message).not.toContain("pr0xy-pa55w0rd");
      expect(err.message).not.toContain(SECRET);
    } finally {
      await proxy.close();
    }
  });
});

describe("proxyFor", () => {
  const P = "http://proxy.corp:3128";
  it.each([
    ["https://acme.scalekit.dev", {}, undefined],
    ["https://acme.scalekit.dev", { HTTPS_PROXY: P }, "http://proxy.corp:3128/"],
    ["https://acme.scalekit.dev", { https_proxy: P, HTTPS_PROXY: "http://other:1" }, "http://proxy.corp:3128/"],
    ["https://acme.scalekit.dev", { HTTPS_PROXY: "proxy.corp:3128" }, "http://proxy.corp:3128/"],
    ["https://acme.scalekit.dev", { HTTPS_PROXY: P, NO_PROXY: "*" }, undefined],
    ["https://acme.scalekit.dev", { HTTPS_PROXY: P, NO_PROXY: "scalekit.dev" }, undefined],
    ["https://acme.scalekit.dev", { HTTPS_PROXY: P, no_proxy: ".scalekit.dev" }, undefined],
    ["https://acme.scalekit.dev", { HTTPS_PROXY: P, NO_PROXY: "acme.scalekit.dev:443" }, undefined],
    ["https://acme.scalekit.dev", { HTTPS_PROXY: P, NO_PROXY: "acme.scalekit.dev:8443" }, "http://proxy.corp:3128/"],
    ["https://acme.scalekit.dev", { HTTPS_PROXY: P, NO_PROXY: "kit.dev,other.com" }, "http://proxy.corp:3128/"],
    ["https://acme.scalekit.dev", { HTTP_PROXY: P }, undefined],
    ["http://127.0.0.1:8787", { HTTPS_PROXY: P, HTTP_PROXY: P }, undefined],
    ["https://localhost:8787", { HTTPS_PROXY: P }, undefined],
  ] as [string, NodeJS.ProcessEnv, string | undefined][])("%s with %j: %s", (target, env, expected) => {
    expect(proxyFor(target, env)).toBe(expected);
  });

  it.each([
    // IPv6, bare or bracketed, single or as a range, compared as addresses
    ["https://[2001:db8::5]", "2001:db8::5", true],
    ["https://[2001:db8::5]", "[2001:db8::5]", true],
    ["https://[2001:db8::5]", "2001:db8:0:0:0:0:0:5", true],
    ["https://[2001:db8::5]", "2001:db8::/32", true],
    ["https://[2001:db8::5]", "[2001:db8::]/32", true],
    ["https://[2001:db8::5]", "[2001:db8::5]:443", true],
    ["https://[2001:db8::5]", "[2001:db8::5]:8443", false],
    ["https://[2001:db8::5]", "2001:db9::/32", false],
    ["https://[2001:db8::5]", "2001:db8::6", false],
    // IPv4, single, with a port, or as a CIDR range
    ["https://10.1.2.3", "10.1.2.3", true],
    ["https://10.1.2.3", "10.0.0.0/8", true],
    ["https://10.1.2.3", "10.1.2.3:443", true],
    ["https://10.1.2.3", "10.1.2.3:8443", false],
    ["https://10.1.2.3", "11.0.0.0/8", false],
    ["https://10.1.2.3", "10.1.2.0/33", false],
    ["https://10.1.2.3", "2.3", false], // a name never matches an address
    ["https://10.1.2.3", "::ffff:10.1.2.3", false], // nor an address of the other family
    // trailing dots, on either side
    ["https://acme.scalekit.dev.", "scalekit.dev", true],
    ["https://acme.scalekit.dev", "acme.scalekit.dev.", true],
    ["https://acme.scalekit.dev.", ".scalekit.dev.", true],
    ["https://acme.scalekit.dev.", "kit.dev", false],
    // blanks and commas as separators, as curl
    ["https://acme.scalekit.dev", " other.com ,, scalekit.dev ", true],
  ] as [string, string, boolean][])("%s with NO_PROXY=%j: bypassed=%s", (target, noProxy, bypassed) => {
    expect(proxyFor(target, { HTTPS_PROXY: P, NO_PROXY: noProxy }) === undefined).toBe(bypassed);
  });

  it("reports a proxy setting that is not a URL without its password", () => {
    for (const raw of ["http://user:s3cret-pa55@proxy:99999", "user:s3cret-pa55@proxy:99999", "http://u:s3cret/pa@55@pr oxy:1"]) {
      const err = (() => {
        try {
          proxyFor("https://acme.scalekit.dev", { HTTPS_PROXY: raw });
        } catch (e) {
          return e as Error;
        }
      })();
      expect(err).toBeInstanceOf(ScalekitConfigError);
      expect(err!.message).toMatch(/is not a URL/);
      expect(err!.message).toContain("[REDACTED]@");
      expect(err!.message).not.toMatch(/s3cret|pa55|pa@55/);
    }
  });

  it("refuses a proxy it cannot tunnel through, and redacts the proxy password", () => {
    expect(() => proxyFor("https://acme.scalekit.dev", { HTTPS_PROXY: "socks5://proxy:1080" })).toThrow(ScalekitConfigError);
    proxyFor("https://acme.scalekit.dev", { HTTPS_PROXY: "http://user:pr0xy-pa55@proxy:3128" });
    expect(redact("auth pr0xy-pa55 sent")).not.toContain("pr0xy-pa55");
  });
});
