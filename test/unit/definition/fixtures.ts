import type { ApiDefinition } from "../../../src/definition/types";

/**
 * The six example definitions the API contract describes ("Example definitions", shortened from
 * Scalekit's docs), written out in full in the API's snake_case shape.
 */
export const CONTRACT_EXAMPLES: Record<string, ApiDefinition> = {
  "My Asana": {
    display_name: "My Asana",
    auth_patterns: [
      {
        type: "OAUTH",
        display_name: "OAuth 2.0",
        fields: [],
        oauth_config: {
          authorize_uri: "https://app.asana.com/-/oauth_authorize",
          token_uri: "https://app.asana.com/-/oauth_token",
          user_info_uri: "https://app.asana.com/api/1.0/users/me",
          available_scopes: [
            { scope: "profile", display_name: "Profile", required: true },
            { scope: "email", display_name: "Email", required: true },
          ],
        },
      },
    ],
    proxy_url: "https://app.asana.com/api",
    proxy_enabled: true,
  },
  "My Freshdesk": {
    display_name: "My Freshdesk",
    auth_patterns: [
      {
        type: "BASIC",
        fields: [
          { field_name: "domain", label: "Domain", input_type: "text", required: true },
          { field_name: "username", label: "API Key", input_type: "password", required: true },
        ],
      },
    ],
    proxy_url: "https://{{domain}}/api",
    proxy_enabled: true,
  },
  "My Tavily": {
    display_name: "My Tavily",
    auth_patterns: [
      { type: "BEARER", fields: [{ field_name: "token", label: "API Key", input_type: "password", required: true }] },
    ],
    proxy_url: "https://api.tavily.com",
    proxy_enabled: true,
  },
  "My Klaviyo": {
    display_name: "My Klaviyo",
    auth_patterns: [
      {
        type: "API_KEY",
        fields: [{ field_name: "api_key", label: "Private API Key", input_type: "password", required: true }],
        auth_header_key_override: "x-api-key",
        auth_field_mutations: { api_key: { prefix: "Klaviyo-API-Key " } },
      },
    ],
    proxy_url: "https://a.klaviyo.com/api",
    proxy_enabled: true,
  },
  "Github MCP": {
    display_name: "Github MCP",
    auth_patterns: [{ type: "OAUTH", is_mcp: true, fields: [], oauth_config: { pkce_enabled: true } }],
    proxy_url: "https://api.githubcopilot.com/mcp/",
    proxy_enabled: true,
  },
  "Public Docs MCP": {
    display_name: "Public Docs MCP",
    auth_patterns: [{ type: "NO_AUTH", is_mcp: true, fields: [] }],
    proxy_url: "https://docs.example.com/mcp",
    proxy_enabled: true,
  },
};

/** A deep copy, so a test can break one thing without touching the shared fixture. */
export function copy<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}
