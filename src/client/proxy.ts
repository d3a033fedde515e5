import type { Agent } from "http";
import type { HttpsProxyAgent as HttpsProxyAgentType } from "https-proxy-agent";
import { ScalekitConfigError } from "../errors";
import { isLoopbackHost } from "../config/environment";
import { registerSecret } from "../errors/redact";

/**
 * Corporate networks reach Scalekit through the proxy named by HTTPS_PROXY. Every request to it goes
 * through a CONNECT tunnel, so the proxy sees the host name and encrypted bytes only: never a path, a
 * form or the client secret (axios's own proxy support forwards them in clear, and is switched off).
 * Loopback targets (the local emulator) never use a proxy; NO_PROXY is honoured as curl does.
 */
export function proxyFor(targetUrl: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const target = new URL(targetUrl);
  if (target.protocol !== "https:" || isLoopbackHost(target.hostname)) return undefined;
  const raw = (env.https_proxy ?? env.HTTPS_PROXY ?? "").trim();
  if (raw === "") return undefined;
  const port = Number(target.port || 443);
  if (bypassed(target.hostname.replace(/^\[|\]$/g, "").toLowerCase(), port, env.no_proxy ?? env.NO_PROXY ?? "")) return undefined;
  const proxy = raw.includes("://") ? raw : `http://${raw}`;
  let parsed: URL;
  try {
    parsed = new URL(proxy);
  } catch {
    throw new ScalekitConfigError(`HTTPS_PROXY "${raw}" is not a URL: expected e.g. http://proxy.example.com:3128`);
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") {
    throw new ScalekitConfigError(
      `HTTPS_PROXY "${parsed.protocol}//${parsed.host}" is not supported: only http:// and https:// proxies (CONNECT tunnels) are`,
    );
  }
  registerSecret(decodeURIComponent(parsed.password));
  return parsed.href;
}

/** NO_PROXY entries: `*`, host names (matching the host and its subdomains), `.domain`, optional `:port`. */
function bypassed(hostname: string, port: number, noProxy: string): boolean {
  return noProxy
    .toLowerCase()
    .split(/[,\s]+/)
    .filter(Boolean)
    .some((entry) => {
      if (entry === "*") return true;
      const m = /^(.+?)(?::(\d+))?$/.exec(entry.replace(/^\[(.*)\](:\d+)?$/, "$1$2"))!;
      if (m[2] !== undefined && Number(m[2]) !== port) return false;
      const host = m[1].replace(/^\*?\./, "");
      return hostname === host || hostname.endsWith(`.${host}`);
    });
}

/** The agent for https requests to `targetUrl`: a CONNECT tunnel through the proxy, or none (direct). */
export function httpsAgentFor(targetUrl: string, env: NodeJS.ProcessEnv = process.env): Agent | undefined {
  const proxy = proxyFor(targetUrl, env);
  if (proxy === undefined) return undefined;
  // Loaded only when a proxy is in use: it and its dependencies add about 5 MB to every provider
  // process, and most environments reach Scalekit directly.
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a lazy load needs a synchronous require
  const { HttpsProxyAgent } = require("https-proxy-agent") as { HttpsProxyAgent: typeof HttpsProxyAgentType };
  return new HttpsProxyAgent(proxy, { keepAlive: true });
}
