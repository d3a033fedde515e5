/**
 * The HTTP server: routes control requests to control.ts and everything else through fault
 * injection, the API handlers and the request log.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "http";
import { handleApi } from "./api";
import { handleControl, isControlPath } from "./control";
import type { EmulatorCore } from "./core";
import { faultError, invalidArgument } from "./errors";
import { MALFORMED_BODIES, type Fault } from "./faults";
import { BodyTooLarge, readBody, sendJson, serialize, splitTarget, type JsonResponse } from "./http-util";
import { loggableQuery } from "./request-log";
import type { RequestLogEntry } from "./types";

export class EmulatorServer {
  readonly http: Server;
  private closed = false;
  private readonly timers = new Map<NodeJS.Timeout, () => void>();

  constructor(private readonly core: EmulatorCore) {
    this.http = createServer((req, res) => {
      this.handle(req, res).catch((e: unknown) => {
        if (!res.headersSent && !res.destroyed)
          sendJson(res, { status: 500, body: { code: 13, message: String(e), details: [] } });
      });
    });
  }

  listen(port: number, host: string): Promise<number> {
    return new Promise((resolve, reject) => {
      const onError = (e: Error) => reject(e);
      this.http.once("error", onError);
      this.http.listen(port, host, () => {
        this.http.off("error", onError);
        const addr = this.http.address();
        resolve(typeof addr === "object" && addr !== null ? addr.port : port);
      });
    });
  }

  close(): Promise<void> {
    this.closed = true;
    this.core.releaseHeld();
    for (const [timer, wake] of this.timers) {
      clearTimeout(timer);
      wake();
    }
    this.timers.clear();
    return new Promise((resolve, reject) => {
      if (!this.http.listening) return resolve();
      this.http.close((e) => (e ? reject(e) : resolve()));
      this.http.closeAllConnections();
    });
  }

  private delay(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        resolve();
      }, ms);
      this.timers.set(timer, resolve);
    });
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = (req.method ?? "GET").toUpperCase();
    const target = splitTarget(req.url);

    if (isControlPath(target.rawPath)) {
      let body: Buffer;
      try {
        body = await readBody(req);
      } catch (e) {
        if (e instanceof BodyTooLarge) sendJson(res, { status: 413, body: { error: e.message } });
        return;
      }
      sendJson(res, handleControl(this.core, method, target, body));
      return;
    }

    const entry: RequestLogEntry = {
      seq: this.core.log.nextSeq(),
      method,
      path: target.rawPath,
      query: loggableQuery(target.params),
      status: 0,
    };
    // Taken before the body is read, so a fault also applies to a request whose body is refused.
    const fault: Fault | undefined = this.core.faults.take(method, target.rawPath, target.decodedPath);
    const answer = (r: JsonResponse, extra: Partial<RequestLogEntry> = {}) => {
      this.core.log.add({ ...entry, status: r.status, ...extra });
      if (fault?.trickleMs !== undefined) return this.trickle(req, res, r, fault.trickleMs);
      sendJson(res, r);
    };
    const drop = (status: number, fault: RequestLogEntry["fault"]) => {
      this.core.log.add({ ...entry, status, dropped: true, fault });
      req.socket.destroy();
    };

    let body: Buffer;
    try {
      body = await readBody(req);
    } catch (e) {
      if (e instanceof BodyTooLarge) {
        const err = invalidArgument("request body too large");
        answer({ status: err.httpStatus, body: err.toBody() });
      }
      return;
    }

    const keys = bodyKeys(body);
    if (keys) entry.bodyKeys = keys;

    if (fault?.latencyMs !== undefined && fault.latencyMs > 0) await this.delay(fault.latencyMs);
    if (fault?.hold) await this.core.hold();
    if (this.closed) {
      req.socket.destroy();
      return;
    }
    if (fault?.dropBeforeCommit) return drop(0, "dropBeforeCommit");
    if (fault?.status !== undefined) {
      const f = faultError(fault.status, fault.retryAfterSeconds);
      return answer(f, { fault: "status" });
    }
    if (fault?.malformedBody !== undefined) {
      const text = MALFORMED_BODIES[fault.malformedBody];
      const contentType = fault.malformedBody === "html" ? "text/html; charset=utf-8" : "application/json";
      return answer({ status: 200, body: undefined, raw: { text, contentType } }, { fault: "malformedBody" });
    }

    const r = handleApi(this.core.api, {
      method,
      rawPath: target.rawPath,
      params: target.params,
      headers: req.headers,
      body,
      listLagWrites: fault?.listLagWrites,
    });
    if (fault?.dropAfterCommit) return drop(r.status, "dropAfterCommit");
    if (fault?.hangAfterCommit) {
      // Committed; the answer never comes. The socket stays open until the client gives up or close().
      this.core.log.add({ ...entry, status: r.status, fault: "hangAfterCommit" });
      return;
    }
    const tag: RequestLogEntry["fault"] | undefined =
      fault === undefined
        ? undefined
        : fault.listLagWrites !== undefined
          ? "listLagWrites"
          : fault.trickleMs !== undefined
            ? "trickle"
            : fault.hold && fault.latencyMs === undefined
              ? "hold"
              : "latency";
    answer(r, tag !== undefined ? { fault: tag } : {});
  }

  /** Headers at once, then the body one byte at a time. */
  private async trickle(req: IncomingMessage, res: ServerResponse, r: JsonResponse, everyMs: number): Promise<void> {
    const { text, contentType } = serialize(r);
    const bytes = Buffer.from(text, "utf8");
    res.writeHead(r.status, {
      "Content-Type": contentType,
      "Content-Length": bytes.length,
      ...(r.headers ?? {}),
    });
    res.flushHeaders();
    for (const byte of bytes) {
      await this.delay(everyMs);
      if (this.closed || req.socket.destroyed) return;
      res.write(Buffer.from([byte]));
    }
    res.end();
  }
}

/** The top-level keys of a JSON object body, sorted (never a value); undefined for any other body. */
function bodyKeys(body: Buffer): string[] | undefined {
  if (body.length === 0) return undefined;
  try {
    const parsed: unknown = JSON.parse(body.toString("utf8"));
    return parsed !== null && typeof parsed === "object" && !Array.isArray(parsed) ? Object.keys(parsed).sort() : undefined;
  } catch {
    return undefined;
  }
}
