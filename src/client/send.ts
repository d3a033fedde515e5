import type { AxiosInstance, AxiosResponse } from "axios";
import { ScalekitApiError, ScalekitNetworkError } from "./errors";
import { Logger } from "./logger";
import { parseRetryAfter, retryDelay, RetryPolicy } from "./retry-policy";

export interface HttpRequest {
  method: string;
  /** Path below the environment URL, already encoded. */
  path: string;
  query?: Record<string, string | number | undefined>;
  body?: unknown;
  form?: Record<string, string>;
  headers?: Record<string, string>;
}

export interface HttpResponse {
  status: number;
  data: unknown;
}

export interface SendOptions {
  policy: RetryPolicy;
  logger: Logger;
  sleep: (ms: number) => Promise<void>;
}

export const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function createAxios(baseURL: string, timeoutMs: number): AxiosInstance {
  // Loaded on first use, not with the provider: check and diff (all a preview runs) never send, and
  // axios costs the provider process about 0.3 s and 6 MB to load.
  const axios: typeof import("axios").default = require("axios");
  return axios.create({
    baseURL,
    timeout: timeoutMs,
    // Statuses are judged here, not by axios, so that error bodies are always read.
    validateStatus: () => true,
    maxRedirects: 0,
    headers: { Accept: "application/json" },
  });
}

/** One HTTP exchange; a missing answer becomes a ScalekitNetworkError without any request details. */
export async function sendOnce(http: AxiosInstance, req: HttpRequest): Promise<HttpResponse> {
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
    });
  } catch (err) {
    // The axios error holds the request config and its Authorization header: never rethrow or wrap it.
    const e = err as { code?: string; message?: string };
    const code = e.code ?? "ERR_NETWORK";
    throw new ScalekitNetworkError({
      code,
      method: req.method,
      path: req.path,
      detail: e.message ?? "network error",
      outcomeUnknown: !["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN"].includes(code),
    });
  }
  if (response.status >= 200 && response.status < 300) return { status: response.status, data: response.data };
  throw new ScalekitApiError({
    status: response.status,
    method: req.method,
    path: req.path,
    body: response.data,
    retryAfterMs: parseRetryAfter(response.headers?.["retry-after"]),
  });
}

/** Runs `attempt` until it succeeds or the policy says stop; the last error is thrown as is. */
export async function withRetries<T>(method: string, label: string, attempt: () => Promise<T>, opts: SendOptions): Promise<T> {
  for (let retries = 0; ; retries++) {
    try {
      return await attempt();
    } catch (err) {
      const delay =
        err instanceof ScalekitApiError
          ? retryDelay({ kind: "status", method, status: err.status, retryAfterMs: err.retryAfterMs }, retries, opts.policy)
          : err instanceof ScalekitNetworkError
            ? retryDelay({ kind: "network", method, code: err.code }, retries, opts.policy)
            : undefined;
      if (delay === undefined) throw err;
      const why = err instanceof ScalekitApiError ? `HTTP ${err.status}` : (err as ScalekitNetworkError).code;
      opts.logger.debug(`${label}: ${why}; retry ${retries + 1}/${opts.policy.limit} in ${delay} ms`);
      await opts.sleep(delay);
    }
  }
}
