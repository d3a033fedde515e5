/** Shared helpers for the emulator tests: an API client on fetch, sample definitions. */
import { startEmulator, type Emulator, type EmulatorOptions } from "../../src/emulator";
import { CONTRACT_EXAMPLES, named } from "../fixtures/definitions";

export interface Reply {
  status: number;
  headers: Headers;
  body: any;
  text: string;
}

async function toReply(res: Response): Promise<Reply> {
  const text = await res.text();
  let body: unknown;
  try {
    body = text === "" ? undefined : JSON.parse(text);
  } catch {
    body = undefined;
  }
  return { status: res.status, headers: res.headers, body, text };
}

export async function requestToken(
  em: Emulator,
  form: Record<string, string> = { grant_type: "client_credentials", client_id: em.clientId, client_secret: em.clientSecret },
  contentType = "application/x-www-form-urlencoded",
): Promise<Reply> {
  const res = await fetch(`${em.url}/oauth/token`, {
    method: "POST",
    headers: { "Content-Type": contentType },
    body: new URLSearchParams(form).toString(),
  });
  return toReply(res);
}

export async function getToken(em: Emulator): Promise<string> {
  const r = await requestToken(em);
  if (r.status !== 200) throw new Error(`token: ${r.status} ${r.text}`);
  return r.body.access_token as string;
}

export interface Client {
  token: string;
  call(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<Reply>;
  create(def: unknown): Promise<Reply>;
  update(identifier: string, def: unknown): Promise<Reply>;
  remove(identifier: string): Promise<Reply>;
  list(query: Record<string, string | number>): Promise<Reply>;
  /** Every provider of a list, following next_page_token. */
  listAll(query: Record<string, string | number>): Promise<{ providers: any[]; pages: number }>;
}

export async function client(em: Emulator): Promise<Client> {
  const token = await getToken(em);
  const c: Client = {
    token,
    async call(method, path, body, headers = {}) {
      const res = await fetch(`${em.url}${path}`, {
        method,
        headers: {
          Authorization: `Bearer ${token}`,
          ...(body !== undefined ? { "Content-Type": "application/json" } : {}),
          ...headers,
        },
        body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
      });
      return toReply(res);
    },
    create: (def) => c.call("POST", "/api/v1/custom-providers", def),
    update: (identifier, def) => c.call("PUT", `/api/v1/custom-providers/${encodeURIComponent(identifier)}`, def),
    remove: (identifier) => c.call("DELETE", `/api/v1/custom-providers/${encodeURIComponent(identifier)}`),
    list: (query) => {
      const qs = new URLSearchParams(Object.entries(query).map(([k, v]): [string, string] => [k, String(v)])).toString();
      return c.call("GET", `/api/v1/providers${qs ? `?${qs}` : ""}`);
    },
    async listAll(query) {
      const providers: any[] = [];
      let pageToken = "";
      let pages = 0;
      do {
        const r = await c.list({ ...query, ...(pageToken ? { page_token: pageToken } : {}) });
        if (r.status !== 200) throw new Error(`list: ${r.status} ${r.text}`);
        providers.push(...r.body.providers);
        pageToken = r.body.next_page_token;
        pages++;
      } while (pageToken !== "");
      return { providers, pages };
    },
  };
  return c;
}

export async function withEmulator(opts: EmulatorOptions = {}): Promise<Emulator> {
  return startEmulator(opts);
}

/**
 * One emulator for a describe block, closed after it, reset before each test, which gets a freshly
 * authenticated client: `set` hands both to the block's variables.
 */
export function useEmulatorApi(set: (em: Emulator, c: Client) => void, opts: EmulatorOptions = {}): void {
  let em: Emulator;
  beforeAll(async () => {
    em = await withEmulator(opts);
  });
  afterAll(() => em.close());
  beforeEach(async () => {
    em.reset();
    set(em, await client(em));
  });
}

// ---- sample definitions: the shared examples (test/fixtures/definitions.ts), fresh copies under any name ----

const example =
  (displayName: string) =>
  (name = displayName): any =>
    named(CONTRACT_EXAMPLES[displayName], name);

export const asana = example("My Asana");
export const freshdesk = example("My Freshdesk");
export const tavily = example("My Tavily");
export const klaviyo = example("My Klaviyo");
export const githubMcp = example("Github MCP");
export const docsMcp = example("Public Docs MCP");

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
