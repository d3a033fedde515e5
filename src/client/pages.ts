import { ScalekitProtocolError } from "../errors";

/**
 * Every item of a paged listing, following next_page_token to the end (a server's page size is its
 * own, so pages are always followed). A server that repeats a page token, or never stops, would
 * otherwise keep a run busy forever: either is a protocol error.
 */
export async function collectPages<T>(
  path: string,
  maxPages: number,
  page: (pageToken: string) => Promise<{ items: T[]; nextPageToken: string }>,
): Promise<T[]> {
  const all: T[] = [];
  const seenTokens = new Set<string>();
  let pageToken = "";
  for (let pages = 1; ; pages++) {
    const { items, nextPageToken } = await page(pageToken);
    for (const item of items) all.push(item);
    pageToken = nextPageToken;
    if (!pageToken) return all;
    if (seenTokens.has(pageToken))
      throw new ScalekitProtocolError({ method: "GET", path, reason: "a page token it had already sent" });
    if (pages >= maxPages) {
      throw new ScalekitProtocolError({
        method: "GET",
        path,
        reason: `more than ${maxPages} pages (the client's limit per listing)`,
      });
    }
    seenTokens.add(pageToken);
  }
}
