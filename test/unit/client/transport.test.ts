import * as zlib from "zlib";
import { createHttp, requestUrl, sendOnce } from "../../../src/client/send";
import { ScalekitApiError, ScalekitNetworkError, ScalekitProtocolError } from "../../../src/errors";
import { FakeScalekit, startFakeScalekit } from "../../support/fake-scalekit";

/**
 * The client speaks HTTP through Node's own modules (send.ts): what an HTTP library did for it is
 * pinned here, so that no answer reads differently than before: the query as it was encoded, JSON
 * and form bodies, compressed answers, a byte-order mark, text that is not JSON, an empty body.
 */
let server: FakeScalekit | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function serve(answer: (res: import("http").ServerResponse) => void): Promise<ReturnType<typeof createHttp>> {
  server = await startFakeScalekit((_req, res) => answer(res));
  return createHttp(server.url);
}

it("encodes the query as it always has: `:`, `$` and `,` kept, spaces as +, undefined left out", () => {
  const url = requestUrl("https://acme.scalekit.dev", "/api/v1/providers", {
    "filter.provider_type": "CUSTOM",
    page_size: 1000,
    page_token: undefined,
    identifier: "MY ASANA:1$2,3&x=é",
  });
  expect(`${url.pathname}${url.search}`).toBe(
    "/api/v1/providers?filter.provider_type=CUSTOM&page_size=1000&identifier=MY+ASANA:1$2,3%26x%3D%C3%A9",
  );
  expect(requestUrl("https://acme.scalekit.dev/", "/api/v1/custom-providers/A:1").href).toBe(
    "https://acme.scalekit.dev/api/v1/custom-providers/A:1",
  );
});

describe("answers", () => {
  const body = { providers: [{ identifier: "A:1", display_name: "Ä" }] };

  it.each([
    ["gzip", (b: Buffer) => zlib.gzipSync(b)],
    ["deflate", (b: Buffer) => zlib.deflateSync(b)],
    ["deflate", (b: Buffer) => zlib.deflateRawSync(b)],
    ["br", (b: Buffer) => zlib.brotliCompressSync(b)],
  ])("are decompressed (%s)", async (encoding, compress) => {
    const http = await serve((res) => {
      const bytes = compress(Buffer.from(JSON.stringify(body)));
      res.writeHead(200, { "Content-Type": "application/json", "Content-Encoding": encoding, "Content-Length": bytes.length });
      res.end(bytes);
    });
    expect(await sendOnce(http, { method: "GET", path: "/api/v1/providers" }, 5000)).toEqual({ status: 200, data: body });
  });

  it("are parsed as JSON, without a byte-order mark; other text stays text, and nothing is an empty string", async () => {
    let next = "\ufeff" + JSON.stringify(body);
    const http = await serve((res) => {
      res.writeHead(200, { "Content-Type": "text/plain" });
      res.end(next);
    });
    expect((await sendOnce(http, { method: "GET", path: "/x" }, 5000)).data).toEqual(body);
    next = "<html>not json</html>";
    expect((await sendOnce(http, { method: "GET", path: "/x" }, 5000)).data).toBe("<html>not json</html>");
    next = "";
    expect((await sendOnce(http, { method: "GET", path: "/x" }, 5000)).data).toBe("");
  });

  it("are errors with their body and Retry-After when not 2xx, and a redirect is not followed", async () => {
    let status = 429;
    const http = await serve((res) => {
      res.writeHead(status, { "Content-Type": "application/json", "Retry-After": "3", Location: "https://elsewhere.example" });
      res.end(JSON.stringify({ message: "slow down", error_code: "RATE_LIMITED" }));
    });
    const err = await sendOnce(http, { method: "GET", path: "/x" }, 5000).catch((e) => e);
    expect(err).toBeInstanceOf(ScalekitApiError);
    expect(err).toMatchObject({ status: 429, retryAfterMs: 3000, serverMessage: "slow down" });
    status = 302;
    expect(await sendOnce(http, { method: "GET", path: "/x" }, 5000).catch((e) => e)).toMatchObject({ status: 302 });
  });

  it("are bounded in size, compressed or not", async () => {
    const big = JSON.stringify({ pad: "x".repeat(200_000) });
    let gzip = false;
    server = await startFakeScalekit((_req, res) => {
      const bytes = gzip ? zlib.gzipSync(big) : Buffer.from(big);
      res.writeHead(200, { "Content-Type": "application/json", ...(gzip ? { "Content-Encoding": "gzip" } : {}) });
      res.end(bytes);
    });
    const http = createHttp(server.url, { maxResponseBytes: 64 * 1024 });
    for (const compressed of [false, true]) {
      gzip = compressed;
      const err = await sendOnce(http, { method: "GET", path: "/x" }, 5000).catch((e) => e);
      expect(err).toBeInstanceOf(ScalekitProtocolError);
      expect(err.message).toMatch(/larger than 65536 bytes/);
    }
  });
});

describe("requests", () => {
  it("send JSON and forms with their length and type, the API version, and ask for JSON", async () => {
    const arrived: { method?: string; headers: import("http").IncomingHttpHeaders; body: string }[] = [];
    const { createServer } = await import("http");
    const srv = createServer((req, res) => {
      let text = "";
      req.on("data", (c) => (text += c));
      req.on("end", () => {
        arrived.push({ method: req.method, headers: req.headers, body: text });
        res.writeHead(200, { "Content-Type": "application/json" });
        res.end("{}");
      });
    });
    await new Promise<void>((resolve) => srv.listen(0, "127.0.0.1", resolve));
    try {
      const http = createHttp(`http://127.0.0.1:${(srv.address() as import("net").AddressInfo).port}`);
      await sendOnce(http, { method: "POST", path: "/json", body: { display_name: "Ä" } }, 5000);
      await sendOnce(
        http,
        { method: "POST", path: "/oauth/token", form: { grant_type: "client_credentials", client_id: "a b" } },
        5000,
      );
      expect(arrived[0].body).toBe('{"display_name":"Ä"}');
      expect(arrived[0].headers).toMatchObject({
        "content-type": "application/json",
        "content-length": String(Buffer.byteLength('{"display_name":"Ä"}')),
        accept: "application/json",
        "x-api-version": expect.any(String),
      });
      expect(arrived[1].body).toBe("grant_type=client_credentials&client_id=a+b");
      expect(arrived[1].headers["content-type"]).toBe("application/x-www-form-urlencoded");
    } finally {
      srv.closeAllConnections();
      await new Promise((resolve) => srv.close(resolve));
    }
  });

  it("refuse a body over 1 MB without sending it, and name a refused connection as never sent", async () => {
    const http = createHttp("http://127.0.0.1:9");
    const tooBig = await sendOnce(http, { method: "POST", path: "/x", body: { pad: "x".repeat(1_100_000) } }, 5000).catch(
      (e) => e,
    );
    expect(tooBig).toBeInstanceOf(ScalekitNetworkError);
    const refused = await sendOnce(http, { method: "GET", path: "/x" }, 5000).catch((e) => e);
    expect(refused).toBeInstanceOf(ScalekitNetworkError);
    expect(refused).toMatchObject({ code: "ECONNREFUSED", outcomeUnknown: false });
  });
});
