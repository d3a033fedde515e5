import { createServer, IncomingMessage, Server, ServerResponse } from "http";
import { AddressInfo } from "net";

/**
 * A bare HTTP server standing in for Scalekit where the emulator, which answers correctly, cannot:
 * answers the client must refuse to believe. The token endpoint always issues "tok_fake"; every other
 * request goes to `handle`, and every request's "METHOD path" is recorded.
 */
export interface FakeScalekit {
  url: string;
  requests: string[];
  close(): Promise<void>;
}

export async function startFakeScalekit(handle: (req: IncomingMessage, res: ServerResponse) => void): Promise<FakeScalekit> {
  const requests: string[] = [];
  const server: Server = createServer((req, res) => {
    requests.push(`${req.method} ${req.url}`);
    req.resume();
    req.on("end", () => {
      if (req.url === "/oauth/token") {
        res.writeHead(200, { "Content-Type": "application/json" });
        res.end(JSON.stringify({ access_token: "tok_fake_0123456789", token_type: "Bearer", expires_in: 3600 }));
        return;
      }
      handle(req, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export function json(res: ServerResponse, body: unknown, status = 200): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(text) });
  res.end(text);
}
