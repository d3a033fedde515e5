import { z } from "zod";
import { collectPages } from "./pages";
import { malformed } from "./answers";
import type { HttpRequest, HttpResponse } from "./send";

/**
 * ListAppConnections, `GET /api/v1/connections/app`: the connections of an environment, each naming
 * its provider in `provider_key` (the provider's identifier). Scalekit marks the route PREVIEW, so
 * the client believes only the documented shape: anything else is a ScalekitProtocolError, never
 * an empty list, and the caller reads a failure as "unknown", never as "no connections".
 */
export const CONNECTIONS_PATH = "/api/v1/connections/app";
/** The largest page the server accepts (buf.validate `lte: 30`). */
export const CONNECTIONS_PAGE_SIZE = 30;
/** The `provider` filter takes 1 to 50 characters: a longer identifier is matched in an unfiltered listing. */
export const PROVIDER_FILTER_MAX = 50;
/** A listing needing more pages than this fails: 50 pages of 30 are 1,500 connections. */
export const CONNECTIONS_MAX_PAGES = 50;

/** One connection as listed; only the fields the client reads are checked, the rest are kept. */
export interface ApiConnection {
  id?: string;
  /** The connection's name. */
  key_id?: string;
  provider_key: string;
  [key: string]: unknown;
}

const connectionShape = z
  .object({ id: z.string().optional(), key_id: z.string().optional(), provider_key: z.string() })
  .passthrough();

const pageShape = z.object({ connections: z.array(connectionShape), next_page_token: z.string().optional() }).passthrough();

export interface ConnectionListing {
  /** Sends one request of the listing (the client's authorized call, within one operation). */
  send: (req: HttpRequest) => Promise<HttpResponse>;
  permission: string;
  maxPages?: number;
  /** Told the size of each page's answer (its JSON, in bytes) before the next page is asked for; throws to stop the listing. */
  onPage?: (bytes: number) => void;
}

/**
 * What a caller may bound one connections listing by, on top of the client's own limits: a
 * shorter deadline, and a look at each page (a caller with an overall budget throws from it).
 */
export interface ConnectionListingBudget {
  /** The listing's deadline, retries and waits included (at most the client's operationTimeout). */
  timeoutMs?: number;
  /** As ConnectionListing.onPage. */
  onPage?: (bytes: number) => void;
}

/**
 * Every connection of the provider `providerKey`, following next_page_token. The filter is sent
 * when the server takes it; the answer is matched on `provider_key` either way, so a server that
 * ignored the filter cannot inflate the count.
 */
export async function listConnections(providerKey: string, listing: ConnectionListing): Promise<ApiConnection[]> {
  const length = [...providerKey].length;
  const filter = length >= 1 && length <= PROVIDER_FILTER_MAX ? { provider: providerKey } : {};
  return collectPages(CONNECTIONS_PATH, listing.maxPages ?? CONNECTIONS_MAX_PAGES, async (pageToken) => {
    const response = await listing.send({
      method: "GET",
      path: CONNECTIONS_PATH,
      query: { ...filter, page_size: CONNECTIONS_PAGE_SIZE, page_token: pageToken || undefined },
      permission: listing.permission,
    });
    const parsed = pageShape.safeParse(response.data);
    if (!parsed.success) {
      throw malformed(
        response.data,
        { method: "GET", path: CONNECTIONS_PATH, status: response.status },
        "a connection list",
        parsed.error,
      );
    }
    listing.onPage?.(Buffer.byteLength(JSON.stringify(response.data) ?? ""));
    const items = parsed.data.connections.filter((c) => c.provider_key === providerKey) as ApiConnection[];
    return { items, nextPageToken: parsed.data.next_page_token ?? "" };
  });
}
