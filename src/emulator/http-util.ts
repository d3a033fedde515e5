/** Small HTTP helpers: reading bodies, answering JSON, splitting the request target. */
import type { IncomingMessage, ServerResponse } from "http";

export const MAX_BODY_BYTES = 1024 * 1024;

export class BodyTooLarge extends Error {}

/** Read the whole request body; rejects with BodyTooLarge past `limit` bytes. */
export function readBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) tooLarge = true;
      else chunks.push(chunk);
    });
    req.on("end", () => (tooLarge ? reject(new BodyTooLarge("request body too large")) : resolve(Buffer.concat(chunks))));
    req.on("error", reject);
  });
}

export interface JsonResponse {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
  /** Sent as is instead of `body` (injected broken answers). */
  raw?: { text: string; contentType: string };
}

/** The bytes and content type of an answer. */
export function serialize(r: JsonResponse): { text: string; contentType: string } {
  return r.raw ?? { text: JSON.stringify(r.body), contentType: "application/json" };
}

export function sendJson(res: ServerResponse, r: JsonResponse): void {
  const { text, contentType } = serialize(r);
  res.writeHead(r.status, {
    "Content-Type": contentType,
    "Content-Length": Buffer.byteLength(text),
    ...(r.headers ?? {}),
  });
  res.end(text);
}

export interface Target {
  /** The path exactly as received (percent-encoding intact). */
  rawPath: string;
  /** The path percent-decoded (equal to rawPath if it cannot be decoded). */
  decodedPath: string;
  params: URLSearchParams;
}

/** Split a request target (origin-form or absolute-form) into its raw path and query. */
export function splitTarget(url: string | undefined): Target {
  let target = url ?? "/";
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(target)) {
    const u = new URL(target);
    target = u.pathname + u.search;
  }
  const hash = target.indexOf("#");
  if (hash >= 0) target = target.slice(0, hash);
  const q = target.indexOf("?");
  const rawPath = q >= 0 ? target.slice(0, q) : target;
  const params = new URLSearchParams(q >= 0 ? target.slice(q + 1) : "");
  let decodedPath = rawPath;
  try {
    decodedPath = decodeURIComponent(rawPath);
  } catch {
    // keep the raw path
  }
  return { rawPath, decodedPath, params };
}

/** Parse a JSON request body; an empty body is `{}` (as grpc-gateway treats io.EOF). */
export function parseJsonBody(body: Buffer): { ok: true; value: unknown } | { ok: false; error: string } {
  const text = body.toString("utf8");
  if (text.trim() === "") return { ok: true, value: {} };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (e) {
    return { ok: false, error: (e as Error).message };
  }
}
