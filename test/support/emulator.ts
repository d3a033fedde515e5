import { startEmulator, Emulator, EmulatorOptions } from "../../src/emulator";
import { ScalekitClient, ClientOptions } from "../../src/client";
import { clearTokenCache } from "../../src/client/tokens";

/** An emulator for one test file, reset before each test, closed after all. */
export function useEmulator(options: EmulatorOptions = {}): () => Emulator {
  let emulator: Emulator | undefined;
  beforeAll(async () => {
    emulator = await startEmulator(options);
  });
  beforeEach(() => {
    emulator!.reset();
    clearTokenCache();
  });
  afterAll(async () => {
    await emulator?.close();
  });
  return () => emulator!;
}

/** Sleeps are recorded, not waited for: tests never depend on timing. */
export function recordingSleep(): { sleep: (ms: number) => Promise<void>; delays: number[] } {
  const delays: number[] = [];
  return { delays, sleep: async (ms: number) => void delays.push(ms) };
}

export function clientFor(emulator: Emulator, options: ClientOptions = {}): ScalekitClient {
  return new ScalekitClient(
    { environmentUrl: emulator.url, clientId: emulator.clientId, clientSecret: emulator.clientSecret },
    { sleep: async () => undefined, ...options },
  );
}

/** Requests other than the token endpoint's, as "METHOD path". */
export function apiCalls(emulator: Emulator): string[] {
  return emulator
    .requests()
    .filter((r) => r.path !== "/oauth/token")
    .map((r) => `${r.method} ${decodeURIComponent(r.path)}`);
}

export function tokenCalls(emulator: Emulator): number {
  return emulator.requests().filter((r) => r.path === "/oauth/token").length;
}

export const tavily = {
  display_name: "My Tavily",
  description: "Tavily web search",
  auth_patterns: [
    {
      type: "BEARER" as const,
      display_name: "API Key",
      fields: [{ field_name: "token", label: "API Key", input_type: "password" as const, required: true }],
    },
  ],
  proxy_url: "https://api.tavily.com",
  proxy_enabled: true,
};

export function numbered(i: number) {
  return { ...tavily, display_name: `Provider ${String(i).padStart(3, "0")}` };
}

/** "My Asana" (OAUTH) with the given required scopes. */
export function asanaWithScopes(scopes: string[]) {
  return {
    display_name: "My Asana",
    auth_patterns: [
      {
        type: "OAUTH" as const,
        fields: [],
        oauth_config: {
          authorize_uri: "https://app.asana.com/-/oauth_authorize",
          token_uri: "https://app.asana.com/-/oauth_token",
          available_scopes: scopes.map((scope) => ({ scope, required: true })),
        },
      },
    ],
    proxy_url: "https://app.asana.com/api",
    proxy_enabled: true,
  };
}
