/** Shared helpers for the emulator tests: an API client on fetch, sample definitions. */
import { startEmulator, type Emulator, type EmulatorOptions } from '../../src/emulator';

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
    body = text === '' ? undefined : JSON.parse(text);
  } catch {
    body = undefined;
  }
  return { status: res.status, headers: res.headers, body, text };
}

export async function requestToken(
  em: Emulator,
  form: Record<string, string> = { grant_type: 'client_credentials', client_id: em.clientId, client_secret: em.clientSecret },
  contentType = 'application/x-www-form-urlencoded',
): Promise<Reply> {
  const res = await fetch(`${em.url}/oauth/token`, {
    method: 'POST',
    headers: { 'Content-Type': contentType },
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
          ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}),
          ...headers,
        },
        body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
      });
      return toReply(res);
    },
    create: (def) => c.call('POST', '/api/v1/custom-providers', def),
    update: (identifier, def) => c.call('PUT', `/api/v1/custom-providers/${encodeURIComponent(identifier)}`, def),
    remove: (identifier) => c.call('DELETE', `/api/v1/custom-providers/${encodeURIComponent(identifier)}`),
    list: (query) => {
      const qs = new URLSearchParams(Object.entries(query).map(([k, v]): [string, string] => [k, String(v)])).toString();
      return c.call('GET', `/api/v1/providers${qs ? `?${qs}` : ''}`);
    },
    async listAll(query) {
      const providers: any[] = [];
      let pageToken = '';
      let pages = 0;
      do {
        const r = await c.list({ ...query, ...(pageToken ? { page_token: pageToken } : {}) });
        if (r.status !== 200) throw new Error(`list: ${r.status} ${r.text}`);
        providers.push(...r.body.providers);
        pageToken = r.body.next_page_token;
        pages++;
      } while (pageToken !== '');
      return { providers, pages };
    },
  };
  return c;
}

export async function withEmulator(opts: EmulatorOptions = {}): Promise<Emulator> {
  return startEmulator(opts);
}

// ---- sample definitions (after Scalekit's documented examples) ----

export function asana(name = 'My Asana'): any {
  return {
    display_name: name,
    description: 'Asana through the Scalekit proxy',
    auth_patterns: [
      {
        type: 'OAUTH',
        display_name: 'OAuth 2.0',
        description: 'Sign in with Asana',
        fields: [],
        oauth_config: {
          authorize_uri: 'https://app.asana.com/-/oauth_authorize',
          token_uri: 'https://app.asana.com/-/oauth_token',
          user_info_uri: 'https://app.asana.com/api/1.0/users/me',
          available_scopes: [
            { scope: 'profile', display_name: 'Profile', description: 'Read your profile', required: true },
            { scope: 'email', display_name: 'Email', description: 'Read your email', required: true },
          ],
        },
      },
    ],
    proxy_url: 'https://app.asana.com/api',
    proxy_enabled: true,
  };
}

export function freshdesk(name = 'My Freshdesk'): any {
  return {
    display_name: name,
    auth_patterns: [
      {
        type: 'BASIC',
        display_name: 'API key',
        fields: [
          { field_name: 'domain', label: 'Domain', input_type: 'text', required: true },
          { field_name: 'username', label: 'API Key', input_type: 'password', required: true },
        ],
      },
    ],
    proxy_url: 'https://{{domain}}/api',
    proxy_enabled: true,
  };
}

export function tavily(name = 'My Tavily'): any {
  return {
    display_name: name,
    auth_patterns: [{ type: 'BEARER', fields: [{ field_name: 'token', label: 'API token', input_type: 'password', required: true }] }],
    proxy_url: 'https://api.tavily.com',
    proxy_enabled: true,
    metadata: { team: 'search', owner: 'platform' },
  };
}

export function klaviyo(name = 'My Klaviyo'): any {
  return {
    display_name: name,
    auth_patterns: [
      {
        type: 'API_KEY',
        fields: [{ field_name: 'api_key', label: 'Private API key', input_type: 'password', required: true }],
        auth_header_key_override: 'Authorization',
        auth_field_mutations: { api_key: { prefix: 'Klaviyo-API-Key ' } },
      },
    ],
    proxy_url: 'https://a.klaviyo.com/api',
    proxy_enabled: true,
  };
}

export function githubMcp(name = 'Github MCP'): any {
  return {
    display_name: name,
    auth_patterns: [{ type: 'OAUTH', is_mcp: true, fields: [], oauth_config: { pkce_enabled: true } }],
    proxy_url: 'https://api.githubcopilot.com/mcp/',
    proxy_enabled: true,
  };
}

export function docsMcp(name = 'Public Docs MCP'): any {
  return {
    display_name: name,
    auth_patterns: [{ type: 'NO_AUTH', is_mcp: true, fields: [] }],
    proxy_url: 'https://docs.example.com/mcp',
    proxy_enabled: true,
  };
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
