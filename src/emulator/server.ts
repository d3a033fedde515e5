/**
 * The HTTP server: routes control requests to control.ts and everything else through fault
 * injection, the API handlers and the request log.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'http';
import { handleApi } from './api';
import { handleControl, isControlPath } from './control';
import type { EmulatorCore } from './core';
import { faultError, invalidArgument } from './errors';
import { BodyTooLarge, readBody, sendJson, splitTarget, type JsonResponse } from './http-util';
import { loggableQuery } from './request-log';
import type { RequestLogEntry } from './types';

export class EmulatorServer {
  readonly http: Server;
  private closed = false;
  private readonly timers = new Map<NodeJS.Timeout, () => void>();

  constructor(private readonly core: EmulatorCore) {
    this.http = createServer((req, res) => {
      this.handle(req, res).catch((e: unknown) => {
        if (!res.headersSent && !res.destroyed) sendJson(res, { status: 500, body: { code: 13, message: String(e), details: [] } });
      });
    });
  }

  listen(port: number, host: string): Promise<number> {
    return new Promise((resolve, reject) => {
      const onError = (e: Error) => reject(e);
      this.http.once('error', onError);
      this.http.listen(port, host, () => {
        this.http.off('error', onError);
        const addr = this.http.address();
        resolve(typeof addr === 'object' && addr !== null ? addr.port : port);
      });
    });
  }

  close(): Promise<void> {
    this.closed = true;
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
    const method = (req.method ?? 'GET').toUpperCase();
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
    const answer = (r: JsonResponse, extra: Partial<RequestLogEntry> = {}) => {
      this.core.log.add({ ...entry, status: r.status, ...extra });
      sendJson(res, r);
    };
    const drop = (status: number, fault: RequestLogEntry['fault']) => {
      this.core.log.add({ ...entry, status, dropped: true, fault });
      req.socket.destroy();
    };

    let body: Buffer;
    try {
      body = await readBody(req);
    } catch (e) {
      if (e instanceof BodyTooLarge) {
        const err = invalidArgument('request body too large');
        answer({ status: err.httpStatus, body: err.toBody() });
      }
      return;
    }

    const fault = this.core.faults.take(method, target.rawPath, target.decodedPath);
    if (fault?.latencyMs !== undefined && fault.latencyMs > 0) await this.delay(fault.latencyMs);
    if (this.closed) {
      req.socket.destroy();
      return;
    }
    if (fault?.dropBeforeCommit) return drop(0, 'dropBeforeCommit');
    if (fault?.status !== undefined) {
      const f = faultError(fault.status, fault.retryAfterSeconds);
      return answer(f, { fault: 'status' });
    }

    const r = handleApi(this.core.api, { method, rawPath: target.rawPath, params: target.params, headers: req.headers, body });
    if (fault?.dropAfterCommit) return drop(r.status, 'dropAfterCommit');
    answer(r, fault !== undefined ? { fault: 'latency' } : {});
  }
}
