import type { Agent, ClientRequest, IncomingMessage } from "http";
import {
  isApiError,
  isNetworkError,
  isProxyError,
  isTokenRequestFailure,
  ScalekitApiError,
  ScalekitNetworkError,
  ScalekitPermissionError,
  ScalekitProtocolError,
  ScalekitProxyError,
} from "../errors";
import { Operation } from "./operation";
import { httpsAgentFor, proxyRefusal } from "./proxy";
import { Attempt, parseRetryAfter } from "./retry-policy";
import { API_VERSION, API_VERSION_HEADER } from "./api-version";
import { networkCodeMayHaveBeenApplied } from "../errors/outcome";

export interface HttpRequest {
  method: string;
  /** Path below the environment URL, already encoded. */
  path: string;
  query?: Record<string, string | number | undefined>;
  body?: unknown;
  form?: Record<string, string>;
  headers?: Record<string, string>;
  /** The permission the route needs, named in the error when the server answers 403. */
  permission?: string;
}

export interface HttpResponse {
  status: number;
  data: unknown;
}

export const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Definitions are a few kilobytes; a listing page of hundreds of providers stays well below this. */
export const DEFAULT_MAX_RESPONSE_BYTES = 8 * 1024 * 1024;
const MAX_REQUEST_BYTES = 1024 * 1024;

/**
 * One environment's HTTP settings: where it is, the agent (a CONNECT tunnel through HTTPS_PROXY, or
 * Node's own keep-alive agent), and the largest answer read.
 */
export interface HttpTransport {
  baseURL: string;
  agent: Agent | undefined;
  maxResponseBytes: number;
}

/**
 * Requests go through Node's own http and https modules: the provider process sends one request per
 * resource written, and an HTTP library costs it time to load (axios and its dependencies: about
 * 0.1 s, on every refresh) and to prepare each request. What that library did for us is here:
 * the query encoded as it encoded it, JSON bodies and forms, gzip, deflate and brotli answers, a cap
 * on the answer's size, no redirects followed, and JSON answers parsed (other text kept as text).
 */
export function createHttp(baseURL: string, options: { env?: NodeJS.ProcessEnv; maxResponseBytes?: number } = {}): HttpTransport {
  return {
    baseURL,
    // Proxies are tunnelled by the agent, so the proxy never sees a path, a form or a token.
    agent: httpsAgentFor(baseURL, options.env),
    maxResponseBytes: options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES,
  };
}

const DEFAULT_HEADERS = {
  Accept: "application/json",
  "Accept-Encoding": "gzip, compress, deflate, br",
  "User-Agent": "pulumi-scalekit-providers",
  [API_VERSION_HEADER]: API_VERSION,
};

/** A query value as the client has always encoded it (axios's rule): encodeURIComponent, then `:`, `$` and `,` kept, spaces as `+`. */
function encodeQueryPart(value: string): string {
  return encodeURIComponent(value).replace(/%3A/gi, ":").replace(/%24/g, "$").replace(/%2C/gi, ",").replace(/%20/g, "+");
}

/** The request's URL: the environment's base, the path, and the query (undefined values left out). */
export function requestUrl(baseURL: string, path: string, query?: HttpRequest["query"]): URL {
  const pairs = Object.entries(query ?? {})
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${encodeQueryPart(k)}=${encodeQueryPart(String(v))}`);
  const joined = `${baseURL.replace(/\/+$/, "")}/${path.replace(/^\/+/, "")}`;
  return new URL(pairs.length ? `${joined}${joined.includes("?") ? "&" : "?"}${pairs.join("&")}` : joined);
}

/** A failure before any answer: the request, to ask the proxy what it said, and Node's error. */
class NoAnswer extends Error {
  constructor(
    readonly request: ClientRequest | undefined,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

class TooLarge extends Error {}

/** One exchange: the status, the headers and the body as text (decompressed), or a NoAnswer/TooLarge. */
async function exchange(
  transport: HttpTransport,
  req: HttpRequest,
  signal: AbortSignal,
): Promise<{ status: number; headers: IncomingMessage["headers"]; text: string; request: ClientRequest }> {
  const url = requestUrl(transport.baseURL, req.path, req.query);
  const payload = req.form
    ? new URLSearchParams(req.form).toString()
    : req.body !== undefined
      ? typeof req.body === "string"
        ? req.body
        : JSON.stringify(req.body)
      : undefined;
  const headers: Record<string, string | number> = {
    ...DEFAULT_HEADERS,
    ...(req.form ? { "Content-Type": "application/x-www-form-urlencoded" } : {}),
    ...(req.body !== undefined ? { "Content-Type": "application/json" } : {}),
    ...req.headers,
  };
  const body = payload === undefined ? undefined : Buffer.from(payload, "utf8");
  if (body && body.length > MAX_REQUEST_BYTES)
    throw new NoAnswer(undefined, "ERR_BAD_REQUEST", "Request body larger than maxBodyLength limit");
  if (body) headers["Content-Length"] = body.length;
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded with the first request: check and diff never send
  const transportModule: typeof import("http") = url.protocol === "https:" ? require("https") : require("http");
  return new Promise((resolve, reject) => {
    // Called only once `request` exists (from its callbacks).
    const fail = (err: unknown) => {
      const e = err as { code?: string; message?: string };
      reject(err instanceof TooLarge ? err : new NoAnswer(request, e?.code ?? "ERR_NETWORK", e?.message ?? "network error"));
    };
    const request: ClientRequest = transportModule.request(
      url,
      { method: req.method, headers, agent: transport.agent, signal },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on("data", (chunk: Buffer) => {
          size += chunk.length;
          if (size > transport.maxResponseBytes) {
            // Settled first: destroying the answer makes it report itself aborted.
            fail(new TooLarge());
            res.destroy();
            return;
          }
          chunks.push(chunk);
        });
        res.on("aborted", () => fail(Object.assign(new Error("stream has been aborted"), { code: "ERR_BAD_RESPONSE" })));
        res.on("error", fail);
        res.on("end", () => {
          let raw: Buffer;
          try {
            raw = decompress(Buffer.concat(chunks), res, req.method, transport.maxResponseBytes);
          } catch (err) {
            fail(err);
            return;
          }
          let text = raw.toString("utf8");
          if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text, request });
        });
      },
    );
    request.on("error", fail);
    request.end(body);
  });
}

/** The body as the server's Content-Encoding says (gzip, deflate, brotli), at most `max` bytes once decompressed. */
function decompress(body: Buffer, res: IncomingMessage, method: string, max: number): Buffer {
  const encoding = String(res.headers["content-encoding"] ?? "").toLowerCase();
  if (body.length === 0 || method === "HEAD" || res.statusCode === 204) return body;
  if (!["gzip", "x-gzip", "compress", "x-compress", "deflate", "br"].includes(encoding)) return body;
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- only for compressed answers
  const zlib: typeof import("zlib") = require("zlib");
  const options = { maxOutputLength: max, finishFlush: zlib.constants.Z_SYNC_FLUSH };
  try {
    if (encoding === "br") return zlib.brotliDecompressSync(body, { maxOutputLength: max });
    // "deflate" is zlib-wrapped by the standard and raw by some servers: a zlib header's low nibble is 8.
    if (encoding === "deflate")
      return (body[0] & 0x0f) === 0x08 ? zlib.inflateSync(body, options) : zlib.inflateRawSync(body, options);
    return zlib.unzipSync(body, options);
  } catch (err) {
    if ((err as { code?: string }).code === "ERR_BUFFER_TOO_LARGE") throw new TooLarge();
    throw err;
  }
}

/** A body as the client reads it: JSON parsed when it is JSON, other text kept as text, nothing as "". */
function bodyOf(text: string): unknown {
  if (text === "") return "";
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/**
 * One HTTP exchange within `timeoutMs` of wall-clock time, body included: an abort signal ends it,
 * where a socket timeout only measures idle time and lets a trickling server stall a call forever.
 * A missing answer becomes a ScalekitNetworkError without any request details.
 */
export async function sendOnce(http: HttpTransport, req: HttpRequest, timeoutMs: number): Promise<HttpResponse> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  let response: Awaited<ReturnType<typeof exchange>>;
  try {
    response = await exchange(http, req, controller.signal);
  } catch (err) {
    // Only the code and message travel on: never the request, its headers or its token.
    const refused = err instanceof NoAnswer ? proxyRefusal(err.request) : undefined;
    if (refused) throw new ScalekitProxyError({ ...refused, method: req.method, path: req.path });
    if (controller.signal.aborted) {
      throw new ScalekitNetworkError({
        code: "ETIMEDOUT",
        method: req.method,
        path: req.path,
        detail: `no complete answer within ${timeoutMs} ms (the requestTimeout setting)`,
        outcomeUnknown: true,
      });
    }
    if (err instanceof TooLarge) {
      throw new ScalekitProtocolError({
        method: req.method,
        path: req.path,
        reason: `an answer larger than ${http.maxResponseBytes} bytes`,
      });
    }
    const e = err as { code?: string; message?: string };
    const code = e.code ?? "ERR_NETWORK";
    throw new ScalekitNetworkError({
      code,
      method: req.method,
      path: req.path,
      detail: e.message ?? "network error",
      outcomeUnknown: networkCodeMayHaveBeenApplied(code),
    });
  } finally {
    clearTimeout(timer);
  }
  const refused = proxyRefusal(response.request);
  if (refused) throw new ScalekitProxyError({ ...refused, method: req.method, path: req.path });
  const data = bodyOf(response.text);
  if (response.status >= 200 && response.status < 300) return { status: response.status, data };
  const retryAfter = response.headers["retry-after"];
  const init = {
    status: response.status,
    method: req.method,
    path: req.path,
    body: data,
    retryAfterMs: parseRetryAfter(Array.isArray(retryAfter) ? retryAfter[0] : retryAfter),
  };
  if (response.status === 403 && req.permission) throw new ScalekitPermissionError({ ...init, permission: req.permission });
  throw new ScalekitApiError(init);
}

/** How the retry policy sees a failure; undefined for failures that are never retried. */
export function attemptOf(err: unknown, method: string): Attempt | undefined {
  // The token request came before the API request, which was therefore never sent.
  if (isTokenRequestFailure(err)) {
    return { kind: "status", method, status: err.status, retryAfterMs: err.retryAfterMs, safe: true };
  }
  if (isApiError(err)) return { kind: "status", method, status: err.status, retryAfterMs: err.retryAfterMs };
  // A proxy's own gateway failure (502/503/504 to CONNECT) is transient, and nothing reached Scalekit;
  // its refusals (407, 403) are not retried.
  if (isProxyError(err) && err.status >= 500) return { kind: "status", method, status: err.status, safe: true };
  if (isNetworkError(err)) return { kind: "network", method, code: err.code, safe: !err.outcomeUnknown };
  return undefined;
}

/** Runs `attempt` until it succeeds or the operation's policy or deadline says stop. */
export async function withRetries<T>(op: Operation, method: string, label: string, attempt: () => Promise<T>): Promise<T> {
  for (;;) {
    try {
      return await attempt();
    } catch (err) {
      await op.retryAfter(err, attemptOf(err, method), `${label}: ${describeFailure(err)}`);
    }
  }
}

/** A short name for a failure in debug lines: `HTTP 503`, `ECONNRESET`. */
export function describeFailure(err: unknown): string {
  const e = Object(err) as { status?: unknown; code?: unknown };
  if (typeof e.status === "number") return `HTTP ${e.status}`;
  if (typeof e.code === "string") return e.code;
  return err instanceof Error ? err.name : "failure";
}
