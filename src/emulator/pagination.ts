/**
 * Page tokens and page slicing for the list endpoint. Tokens are opaque: standard base64 (with `+`,
 * `/` and `=`, so a client that does not URL-encode the query breaks), bound to the list's filter and
 * signed with a per-emulator key so they cannot be forged or reused with another filter.
 */
import { createHmac, randomBytes } from "crypto";
import { invalidArgument } from "./errors";

/** Encodes to "+/+/" at the start of every token. */
const MAGIC = Buffer.from([0xfb, 0xff, 0xbf]);
const MAC_BYTES = 8;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

export class PageTokens {
  private readonly key: Buffer = randomBytes(32);

  private mac(payload: Buffer): Buffer {
    return createHmac("sha256", this.key).update(payload).digest().subarray(0, MAC_BYTES);
  }

  encode(offset: number, scope: string): string {
    const payload = Buffer.from(JSON.stringify({ o: offset, s: scope }), "utf8");
    return Buffer.concat([MAGIC, payload, this.mac(payload)]).toString("base64");
  }

  /** The offset a token stands for; throws 400 INVALID_ARGUMENT for anything it did not issue for this scope. */
  decode(token: string, scope: string): number {
    const bad = () => invalidArgument("invalid page_token");
    if (!BASE64.test(token)) throw bad();
    const raw = Buffer.from(token, "base64");
    if (raw.toString("base64") !== token || raw.length <= MAGIC.length + MAC_BYTES) throw bad();
    if (!raw.subarray(0, MAGIC.length).equals(MAGIC)) throw bad();
    const payload = raw.subarray(MAGIC.length, raw.length - MAC_BYTES);
    if (!this.mac(payload).equals(raw.subarray(raw.length - MAC_BYTES))) throw bad();
    let parsed: unknown;
    try {
      parsed = JSON.parse(payload.toString("utf8"));
    } catch {
      throw bad();
    }
    const p = parsed as { o?: unknown; s?: unknown };
    if (typeof p.o !== "number" || !Number.isInteger(p.o) || p.o < 0 || p.s !== scope) throw bad();
    return p.o;
  }
}

export interface Page<T> {
  items: T[];
  next_page_token: string;
  prev_page_token: string;
  total_size: number;
}

/** Slice `all` at the offset `pageToken` stands for. */
export function paginate<T>(all: T[], pageSize: number, pageToken: string, scope: string, tokens: PageTokens): Page<T> {
  const offset = pageToken === "" ? 0 : tokens.decode(pageToken, scope);
  const items = all.slice(offset, offset + pageSize);
  const end = offset + items.length;
  return {
    items,
    next_page_token: end < all.length ? tokens.encode(end, scope) : "",
    prev_page_token: offset > 0 ? tokens.encode(Math.max(0, offset - pageSize), scope) : "",
    total_size: all.length,
  };
}

/**
 * The effective page size: absent or 0 -> the default; above the server maximum -> the maximum;
 * negative or not an integer -> 400.
 */
export function pageSize(raw: string | undefined, defaultSize: number, maxSize: number): number {
  if (raw === undefined) return Math.min(defaultSize, maxSize);
  if (!/^[+-]?\d+$/.test(raw)) throw invalidArgument(`invalid value for page_size: "${raw}" is not an integer`);
  const n = Number(raw);
  if (n > 2147483647 || n < -2147483648) throw invalidArgument(`invalid value for page_size: "${raw}" is out of range`);
  if (n < 0) throw invalidArgument("page_size must not be negative");
  if (n === 0) return Math.min(defaultSize, maxSize);
  return Math.min(n, maxSize);
}
