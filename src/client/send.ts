import type { AxiosInstance, AxiosResponse } from "axios";
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
import { MAX_ANSWER_DEPTH, nestedDeeperThan } from "./answers";

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

export function createAxios(
  baseURL: string,
  options: { env?: NodeJS.ProcessEnv; maxResponseBytes?: number } = {},
): AxiosInstance {
  // Loaded on first use, not with the provider: check and diff (all a preview runs) never send, and
  // axios costs the provider process about 0.3 s and 6 MB to load.
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a lazy load needs a synchronous require
  const axios: typeof import("axios").default = require("axios");
  return axios.create({
    baseURL,
    // axios would send requests to an HTTP(S)_PROXY in clear text; proxies are tunnelled by the agent.
    proxy: false,
    httpsAgent: httpsAgentFor(baseURL, options.env),
    maxContentLength: options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES,
    maxBodyLength: MAX_REQUEST_BYTES,
    // Statuses are judged here, not by axios, so that error bodies are always read.
    validateStatus: () => true,
    maxRedirects: 0,
    headers: { Accept: "application/json", [API_VERSION_HEADER]: API_VERSION },
  });
}

/**
 * One HTTP exchange within `timeoutMs` of wall-clock time, body included: an abort signal ends it,
 * where axios's own `timeout` only measures idle time and lets a trickling server stall a call forever.
 * A missing answer becomes a ScalekitNetworkError without any request details.
 */
export async function sendOnce(http: AxiosInstance, req: HttpRequest, timeoutMs: number): Promise<HttpResponse> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  let response: AxiosResponse;
  try {
    response = await http.request({
      method: req.method,
      url: req.path,
      params: req.query,
      data: req.form ? new URLSearchParams(req.form).toString() : req.body,
      headers: {
        ...(req.form ? { "Content-Type": "application/x-www-form-urlencoded" } : {}),
        ...(req.body !== undefined ? { "Content-Type": "application/json" } : {}),
        ...req.headers,
      },
      signal: controller.signal,
    });
  } catch (err) {
    // The axios error holds the request config and its Authorization header: never rethrow or wrap it.
    const e = err as { code?: string; message?: string; request?: unknown };
    const refused = proxyRefusal(e.request);
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
    if (/maxContentLength/.test(e.message ?? "")) {
      throw new ScalekitProtocolError({
        method: req.method,
        path: req.path,
        reason: `an answer larger than ${http.defaults.maxContentLength} bytes`,
      });
    }
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
  // Before anything reads it: the code that reads answers recurses, and must not overflow on one.
  const tooDeep = nestedDeeperThan(response.data, MAX_ANSWER_DEPTH);
  const ok = response.status >= 200 && response.status < 300;
  if (ok && tooDeep) {
    throw new ScalekitProtocolError({
      method: req.method,
      path: req.path,
      status: response.status,
      reason: `an answer nested more than ${MAX_ANSWER_DEPTH} levels deep`,
    });
  }
  if (ok) return { status: response.status, data: response.data };
  const init = {
    status: response.status,
    method: req.method,
    path: req.path,
    body: tooDeep ? `(an error body nested more than ${MAX_ANSWER_DEPTH} levels deep, not read)` : response.data,
    retryAfterMs: parseRetryAfter(response.headers?.["retry-after"]),
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
