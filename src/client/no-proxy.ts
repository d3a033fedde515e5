import { BlockList, isIP } from "net";

/**
 * Whether NO_PROXY sends a request to `hostname` (as a URL gives it: an IPv6 address in brackets) and
 * `port` around the proxy, the way curl reads it:
 * - entries are separated by commas and blanks; `*` alone matches everything;
 * - a host name matches itself and its subdomains; a leading `.` (or `*.`) and a trailing `.` on either
 *   side are ignored, so `example.com`, `.example.com` and `example.com.` all match `www.example.com.`;
 * - an IP address target matches an IP entry, IPv6 with or without brackets (`::1`, `[::1]`), or a CIDR
 *   range (`10.0.0.0/8`, `fd00::/8`, `[fd00::]/8`), compared as addresses (`::1` is `0:0::1`);
 *   never a host name;
 * - an entry may name a port (`host:8443`, `10.0.0.1:8443`, `[::1]:8443`; not a bare IPv6 address,
 *   whose colons are its own): it then matches that port only. curl ignores ports; other tools honour them.
 */
export function bypassesProxy(hostname: string, port: number, noProxy: string): boolean {
  const target = targetOf(hostname);
  return noProxy
    .split(/[,\s]+/)
    .filter(Boolean)
    .some((raw) => {
      if (raw === "*") return true;
      const entry = parseEntry(raw);
      if (entry.port !== undefined && entry.port !== port) return false;
      return target.ip ? ipMatches(target.name, entry) : hostMatches(target.name, entry.host);
    });
}

interface Target {
  name: string;
  ip: boolean;
}

function targetOf(hostname: string): Target {
  const bare = hostname.replace(/^\[(.*)\]$/, "$1");
  if (isIP(bare)) return { name: bare, ip: true };
  return { name: bare.toLowerCase().replace(/\.$/, ""), ip: false };
}

interface Entry {
  /** A host name or an address, without brackets, port or prefix length. */
  host: string;
  port?: number;
  /** A CIDR prefix length (`/8`). */
  bits?: number;
}

function parseEntry(raw: string): Entry {
  const entry = raw.toLowerCase();
  // [v6], [v6]:port, [v6]/bits
  const bracketed = /^\[([^\]]*)\](?::(\d+))?(?:\/(\d+))?$/.exec(entry);
  if (bracketed) return { host: bracketed[1], port: num(bracketed[2]), bits: num(bracketed[3]) };
  // A bare IPv6 address (two colons or more), optionally with /bits: its colons are not a port.
  const slash = entry.indexOf("/");
  const address = slash >= 0 ? entry.slice(0, slash) : entry;
  if (isIP(address) === 6) return { host: address, bits: num(entry.slice(slash + 1)) };
  // host, host:port, v4, v4:port, v4/bits
  const m = /^([^:/]*)(?::(\d+))?(?:\/(\d+))?$/.exec(entry);
  if (!m) return { host: entry };
  return { host: m[1], port: num(m[2]), bits: num(m[3]) };
}

function num(text: string | undefined): number | undefined {
  return text === undefined || text === "" || !/^\d+$/.test(text) ? undefined : Number(text);
}

function hostMatches(name: string, pattern: string): boolean {
  const host = pattern.replace(/^\*?\./, "").replace(/\.$/, "");
  if (host === "" || isIP(host)) return false;
  return name === host || name.endsWith(`.${host}`);
}

function ipMatches(address: string, entry: Entry): boolean {
  const family = isIP(entry.host);
  if (family === 0 || family !== isIP(address)) return false;
  const type = family === 4 ? "ipv4" : "ipv6";
  const max = family === 4 ? 32 : 128;
  const list = new BlockList();
  if (entry.bits === undefined || entry.bits === 0) list.addAddress(entry.host, type);
  else if (entry.bits <= max) list.addSubnet(entry.host, entry.bits, type);
  else return false;
  return list.check(address, type);
}
