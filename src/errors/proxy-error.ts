import { ScalekitError } from "./scalekit-error";

/**
 * The proxy in HTTPS_PROXY refused to open the tunnel to Scalekit (its CONNECT answer was not 200), so
 * nothing reached Scalekit. Named for what it is: without this, a 407 surfaced as refused Scalekit
 * credentials, or, when the proxy's body came late, as "stream has been aborted".
 */
export class ScalekitProxyError extends ScalekitError {
  readonly status: number;
  /** The proxy's host and port (never its user or password). */
  readonly proxy: string;

  constructor(init: { status: number; statusText?: string; proxy: string; method: string; path: string }) {
    const text = init.statusText ? ` ${init.statusText}` : "";
    const hint =
      init.status === 407
        ? "Proxy authentication failed: check the user and password in HTTPS_PROXY (http://user:password@host:port, special characters percent-encoded)."
        : "Check HTTPS_PROXY and NO_PROXY, or ask whoever runs the proxy.";
    super(
      `Scalekit ${init.method} ${init.path}: the proxy ${init.proxy} refused to open a tunnel (HTTP ${init.status}${text}); nothing reached Scalekit. ${hint}`,
    );
    this.status = init.status;
    this.proxy = init.proxy;
  }
}
