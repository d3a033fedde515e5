import { ScalekitConfigError } from "../errors";

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
 * An environment URL without its trailing slash. It must be https, except on loopback addresses,
 * where the local emulator runs: credentials never travel in clear text over a network.
 */
export function normalizeEnvironmentUrl(raw: string, settingName = "environmentUrl"): string {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw new ScalekitConfigError(`${settingName} "${raw}" is not a URL: expected e.g. https://acme.scalekit.dev`);
  }
  if (url.protocol !== "https:" && !(url.protocol === "http:" && isLoopbackHost(url.hostname))) {
    throw new ScalekitConfigError(
      `${settingName} "${raw}" must use https:// (plain http is accepted only for loopback addresses such as the local emulator)`,
    );
  }
  if (url.search || url.hash) {
    throw new ScalekitConfigError(`${settingName} "${raw}" must not carry a query or fragment`);
  }
  return `${url.origin}${url.pathname.replace(/\/+$/, "")}`;
}
