import { ScalekitConfigError } from "../errors";
import { redact } from "../errors/redact";

/** One Scalekit environment and the client credentials for it. */
export interface ScalekitEnvironment {
  environmentUrl: string;
  clientId: string;
  clientSecret: string;
}

const LOOPBACK_HOSTS = new Set(["localhost", "[::1]", "::1"]);

export function isLoopbackHost(hostname: string): boolean {
  return LOOPBACK_HOSTS.has(hostname) || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname);
}

/**
 * An environment URL without its trailing slash, and without the trailing dot of a fully qualified
 * host name (`https://acme.scalekit.dev.` is `https://acme.scalekit.dev`), so that one environment
 * has one spelling wherever URLs are compared: compare's same-environment check, the URL recorded in
 * state against the configured one, the registry's key. It must be https, except on loopback
 * addresses, where the local emulator runs: credentials never travel in clear text over a network.
 */
export function normalizeEnvironmentUrl(raw: string, settingName = "environmentUrl"): string {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw new ScalekitConfigError(`${settingName} "${shown(raw)}" is not a URL: expected e.g. https://acme.scalekit.dev`);
  }
  const hostname = url.hostname.replace(/\.$/, "");
  if (url.protocol !== "https:" && !(url.protocol === "http:" && isLoopbackHost(hostname))) {
    throw new ScalekitConfigError(
      `${settingName} "${shown(raw)}" must use https:// (plain http is accepted only for loopback addresses such as the local emulator)`,
    );
  }
  if (url.search || url.hash) {
    throw new ScalekitConfigError(`${settingName} "${shown(raw)}" must not carry a query or fragment`);
  }
  const port = url.port ? `:${url.port}` : "";
  return `${url.protocol}//${hostname}${port}${url.pathname.replace(/\/+$/, "")}`;
}

/** A URL as an error may show it: without a user name and password (dropped from the URL itself too). */
function shown(raw: string): string {
  return redact(raw.replace(/(\/\/)[^/?#]*@/, "$1…@"));
}

/**
 * Whether two environment URLs name one environment once normalised (a URL recorded in state by an
 * older version may still carry a trailing dot or slash). A URL that does not parse equals only itself.
 */
export function sameEnvironmentUrl(a: string, b: string): boolean {
  if (a === b) return true;
  try {
    return normalizeEnvironmentUrl(a) === normalizeEnvironmentUrl(b);
  } catch {
    return false;
  }
}
