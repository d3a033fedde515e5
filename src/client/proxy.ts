import type { Agent } from "http";
import type { HttpsProxyAgent as HttpsProxyAgentType } from "https-proxy-agent";
import { ScalekitConfigError } from "../errors";
import { isLoopbackHost } from "../config/environment";
import { REDACTED, registerSecret } from "../errors/redact";
import { bypassesProxy } from "./no-proxy";

/**
 * Corporate networks reach Scalekit through the proxy named by HTTPS_PROXY. Every request to it goes
 * through a CONNECT tunnel, so the proxy sees the host name and encrypted bytes only: never a path, a
 * form or the client secret.
 * Loopback targets (the local emulator) never use a proxy; NO_PROXY is honoured as curl does.
 */
export function proxyFor(targetUrl: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const target = new URL(targetUrl);
  if (target.protocol !== "https:" || isLoopbackHost(target.hostname)) return undefined;
  const raw = (env.https_proxy ?? env.HTTPS_PROXY ?? "").trim();
  if (raw === "") return undefined;
  const port = Number(target.port || 443);
  if (bypassesProxy(target.hostname, port, env.no_proxy ?? env.NO_PROXY ?? "")) return undefined;
  const proxy = raw.includes("://") ? raw : `http://${raw}`;
  let parsed: URL;
  try {
    parsed = new URL(proxy);
  } catch {
    throw new ScalekitConfigError(
      `HTTPS_PROXY "${withoutCredentials(raw)}" is not a URL: expected e.g. http://user:password@proxy.example.com:3128`,
    );
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") {
    throw new ScalekitConfigError(
      `HTTPS_PROXY "${parsed.protocol}//${parsed.host}" is not supported: only http:// and https:// proxies (CONNECT tunnels) are`,
    );
  }
  registerSecret(parsed.password);
  try {
    registerSecret(decodeURIComponent(parsed.password));
  } catch {
    throw new ScalekitConfigError(
      `HTTPS_PROXY "${withoutCredentials(raw)}" has a password that is not valid percent-encoding (a "%" not followed by two hex digits)`,
    );
  }
  return parsed.href;
}

/**
 * A proxy setting that did not parse, for an error message: its password cannot be registered for
 * redaction (it was never parsed out), so everything up to the last "@" goes. A password may hold an
 * unencoded "/" or "@", so the authority cannot be trusted to end where a URL's would.
 */
function withoutCredentials(raw: string): string {
  return raw.replace(/^([a-z][a-z0-9+.-]*:\/\/)?.*@/is, `$1${REDACTED}@`);
}

/** The agent for https requests to `targetUrl`: a CONNECT tunnel through the proxy, or none (direct). */
export function httpsAgentFor(targetUrl: string, env: NodeJS.ProcessEnv = process.env): Agent | undefined {
  const proxy = proxyFor(targetUrl, env);
  if (proxy === undefined) return undefined;
  // Loaded only when a proxy is in use: it and its dependencies add about 5 MB to every provider
  // process, and most environments reach Scalekit directly.
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a lazy load needs a synchronous require
  const { HttpsProxyAgent } = require("https-proxy-agent") as { HttpsProxyAgent: typeof HttpsProxyAgentType };
  const agent = new HttpsProxyAgent(proxy, { keepAlive: true });
  const where = new URL(proxy).host;
  agent.on("proxyConnect", (connect: { statusCode: number; statusText?: string }, req: object) => {
    if (connect.statusCode !== 200)
      refusals.set(req, { status: connect.statusCode, statusText: connect.statusText, proxy: where });
  });
  return agent;
}

export interface ProxyRefusal {
  status: number;
  statusText?: string;
  /** host:port, without credentials. */
  proxy: string;
}

/**
 * The proxy's answers to CONNECT that were not 200, by request. The agent hands the refusal on to the
 * HTTP machinery as if it were the server's answer, and loses a body that arrives late, so the
 * exchange (send.ts) asks here what really happened.
 */
const refusals = new WeakMap<object, ProxyRefusal>();

/** The refusal of the tunnel for this request (an http.ClientRequest), if the proxy refused it. */
export function proxyRefusal(request: unknown): ProxyRefusal | undefined {
  return request !== null && typeof request === "object" ? refusals.get(request) : undefined;
}
