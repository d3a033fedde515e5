// Two Scalekit environments from one TypeScript program with the native plugin: the default provider
// (the stack's scalekit:* config) and an explicit one for production (scalekitProd:*), with a lookup.
// See docs/languages/typescript-native.md.
import * as pulumi from "@pulumi/pulumi";
import { CustomProvider, Provider, getCustomProviderOutput } from "pulumi-scalekit-providers/native";

const prodConfig = new pulumi.Config("scalekitProd");
const prod = new Provider("prod", {
  environmentUrl: prodConfig.require("environmentUrl"),
  clientId: prodConfig.require("clientId"),
  clientSecret: prodConfig.requireSecret("clientSecret"),
});

const tavily = new CustomProvider("tavily", {
  displayName: "My Tavily",
  authPatterns: [
    {
      type: "BEARER",
      displayName: "Bearer token",
      fields: [{ fieldName: "token", label: "API Key", inputType: "password", required: true }],
    },
  ],
  proxyUrl: "https://api.tavily.com",
});

// Scalekit's own JSON, pasted from its docs, in production.
const docs = new CustomProvider(
  "docs",
  {
    definition: {
      display_name: "Public Docs MCP",
      auth_patterns: [{ type: "NO_AUTH", display_name: "None", is_mcp: true, fields: [] }],
      proxy_url: "https://docs.example.com/mcp",
    },
  },
  { provider: prod },
);

export const tavilyIdentifier = tavily.identifier;
export const docsIdentifier = docs.identifier;
// Read-only: one provider of production by name (secret as a whole: its definition may hold secrets).
export const docsInProd = docs.identifier.apply(
  (identifier) => getCustomProviderOutput({ identifier }, { provider: prod }).identifier,
);
