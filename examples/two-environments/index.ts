/**
 * One program that manages the same custom provider in two Scalekit environments at once. Each
 * environment has its own config namespace, and each CustomProvider names the one it belongs to:
 *
 *   scalekitDev:environmentUrl,  scalekitDev:clientId,  scalekitDev:clientSecret  (secret)
 *   scalekitProd:environmentUrl, scalekitProd:clientId, scalekitProd:clientSecret (secret)
 *
 * Credentials are read from the stack config when Pulumi calls the provider; they are never stored
 * in the state.
 */
import * as pulumi from "@pulumi/pulumi";
import { ApiDefinition, CustomProvider } from "pulumi-scalekit-providers";

const search: ApiDefinition = {
  display_name: "My Tavily",
  description: "Tavily web search",
  auth_patterns: [
    {
      type: "BEARER",
      display_name: "API Key",
      description: "A Tavily API key",
      fields: [{ field_name: "token", label: "API Key", input_type: "password", hint: "tvly-...", required: true }],
    },
  ],
  proxy_url: "https://api.tavily.com",
  proxy_enabled: true,
};

/** Resource name suffix to config namespace. */
const environments = { dev: "scalekitDev", prod: "scalekitProd" };

const providers = Object.entries(environments).map(
  ([env, configNamespace]) => [env, new CustomProvider(`my-tavily-${env}`, { configNamespace, definition: search })] as const,
);

/** The provider's identifier in each environment (each environment assigns its own). */
export const identifiers = pulumi.all(Object.fromEntries(providers.map(([env, p]) => [env, p.identifier])));
