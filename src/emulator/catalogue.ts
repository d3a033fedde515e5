/**
 * A small built-in catalogue standing in for Scalekit's own providers (is_custom false). It is what
 * the list returns without a filter, and custom providers may not take one of these names.
 * It holds more entries than the default page size so that the unfiltered list paginates too.
 */
import type { ProviderObject } from "./types";

interface Entry {
  name: string;
  identifier: string;
  category: string;
  host: string;
  scopes: string[];
}

const ENTRIES: Entry[] = [
  { name: "Asana", identifier: "ASANA", category: "Project Management", host: "app.asana.com", scopes: ["default"] },
  { name: "Slack", identifier: "SLACK", category: "Communication", host: "slack.com", scopes: ["chat:write", "channels:read"] },
  { name: "Github", identifier: "GITHUB", category: "Developer Tools", host: "github.com", scopes: ["repo", "read:user"] },
  {
    name: "Google Workspace",
    identifier: "GOOGLEWORKSPACE",
    category: "Productivity",
    host: "accounts.google.com",
    scopes: ["openid", "email"],
  },
  {
    name: "Gmail",
    identifier: "GMAIL",
    category: "Communication",
    host: "accounts.google.com",
    scopes: ["https://www.googleapis.com/auth/gmail.readonly"],
  },
  {
    name: "Google Calendar",
    identifier: "GOOGLECALENDAR",
    category: "Productivity",
    host: "accounts.google.com",
    scopes: ["https://www.googleapis.com/auth/calendar"],
  },
  {
    name: "Google Drive",
    identifier: "GOOGLEDRIVE",
    category: "Productivity",
    host: "accounts.google.com",
    scopes: ["https://www.googleapis.com/auth/drive"],
  },
  { name: "Notion", identifier: "NOTION", category: "Productivity", host: "api.notion.com", scopes: [] },
  { name: "Jira", identifier: "JIRA", category: "Project Management", host: "auth.atlassian.com", scopes: ["read:jira-work"] },
  {
    name: "Confluence",
    identifier: "CONFLUENCE",
    category: "Productivity",
    host: "auth.atlassian.com",
    scopes: ["read:confluence-content.all"],
  },
  {
    name: "Salesforce",
    identifier: "SALESFORCE",
    category: "CRM",
    host: "login.salesforce.com",
    scopes: ["api", "refresh_token"],
  },
  { name: "Hubspot", identifier: "HUBSPOT", category: "CRM", host: "app.hubspot.com", scopes: ["crm.objects.contacts.read"] },
];

function toProvider(e: Entry, index: number): ProviderObject {
  return {
    id: `prv_9000000000000${String(index + 1).padStart(4, "0")}`,
    identifier: e.identifier,
    display_name: e.name,
    description: `Connect to ${e.name}`,
    auth_patterns: [
      {
        type: "OAUTH",
        display_name: "OAuth 2.0",
        description: `Authorize access to ${e.name}`,
        fields: [],
        account_fields: [],
        oauth_config: {
          authorize_uri: `https://${e.host}/oauth/authorize`,
          token_uri: `https://${e.host}/oauth/token`,
          user_info_uri: "",
          available_scopes: e.scopes.map((scope) => ({ scope, display_name: scope, description: "", required: true })),
          pkce_enabled: false,
          allow_use_scalekit_credentials: true,
          custom_scope_name: "",
        },
        is_mcp: false,
        auth_header_key_override: "",
        auth_field_mutations: {},
      },
    ],
    proxy_url: `https://${e.host}`,
    proxy_enabled: true,
    icon_src: `https://cdn.scalekit.com/icons/${e.identifier.toLowerCase()}.svg`,
    metadata: {},
    is_custom: false,
    is_custom_mcp: false,
    categories: [e.category],
    display_priority: index + 1,
    coming_soon: false,
  };
}

const CATALOGUE: readonly ProviderObject[] = ENTRIES.map(toProvider);

/** Fresh copies of the built-in providers, in catalogue order. */
export function builtinProviders(): ProviderObject[] {
  return CATALOGUE.map((p) => structuredClone(p));
}
