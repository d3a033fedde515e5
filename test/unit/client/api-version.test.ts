import { createServer, IncomingHttpHeaders } from "http";
import { AddressInfo } from "net";
import { ScalekitClient } from "../../../src/client";
import { API_VERSION } from "../../../src/client/api-version";

describe("x-api-version", () => {
  it("is sent on every request, the token request included, pinned as the newest official SDK pins it", async () => {
    const seen: [string, IncomingHttpHeaders][] = [];
    const server = createServer((req, res) => {
      seen.push([`${req.method} ${req.url?.split("?")[0]}`, req.headers]);
      req.resume();
      req.on("end", () => {
        res.writeHead(200, { "Content-Type": "application/json" });
        const body = req.url === "/oauth/token" ? { access_token: "tok_version_test_01", expires_in: 3600 } : { providers: [] };
        res.end(JSON.stringify(body));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      await new ScalekitClient({ environmentUrl: url, clientId: "skc_v", clientSecret: "version-test-secret" }).listProviders();
    } finally {
      server.close();
    }
    expect(API_VERSION).toBe("20261012");
    expect(seen.map(([what, headers]) => [what, headers["x-api-version"]])).toEqual([
      ["POST /oauth/token", "20261012"],
      ["GET /api/v1/providers", "20261012"],
    ]);
  });
});
