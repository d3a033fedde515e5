/**
 * An existing Pulumi program that already manages its own resources (here a local "release record",
 * standing in for whatever the program had before) and now also declares Scalekit custom providers.
 *
 * The Scalekit settings live under this project's own config namespace, `existing-program`, next to
 * the program's other settings, so every CustomProvider is given `configNamespace: "existing-program"`:
 *
 *   existing-program:environmentUrl, existing-program:clientId, existing-program:clientSecret (secret)
 */
import * as pulumi from "@pulumi/pulumi";
import { CustomProvider } from "pulumi-scalekit-providers";

const config = new pulumi.Config(); // the "existing-program" namespace
const service = config.get("service") ?? "support-desk";
const version = config.get("version") ?? "2024.06";

// ---------------------------------------------------------------------------------------------
// What the program had before: a resource of its own kind. A tiny local dynamic resource keeps the
// example free of clouds and plugins; its `tag` is generated on create, so, like any cloud resource's
// id, it is unknown during the first preview.
// ---------------------------------------------------------------------------------------------

interface ReleaseInputs {
  service: string;
  version: string;
}

const releaseProvider: pulumi.dynamic.ResourceProvider = {
  async create(inputs: ReleaseInputs) {
    const suffix = require("crypto").randomBytes(3).toString("hex");
    const tag = `${inputs.service}-${inputs.version}-${suffix}`;
    return { id: tag, outs: { ...inputs, tag } };
  },
  async diff(_id: string, olds: ReleaseInputs, news: ReleaseInputs) {
    const replaces = (["service", "version"] as const).filter((k) => olds[k] !== news[k]);
    return { changes: replaces.length > 0, replaces };
  },
};

class Release extends pulumi.dynamic.Resource {
  declare public readonly tag: pulumi.Output<string>;
  constructor(
    name: string,
    args: { service: pulumi.Input<string>; version: pulumi.Input<string> },
    opts?: pulumi.CustomResourceOptions,
  ) {
    super(releaseProvider, name, { ...args, tag: undefined }, opts, "example", "Release");
  }
}

const release = new Release("release", { service, version });

// ---------------------------------------------------------------------------------------------
// What this example adds: custom providers in the Scalekit environment that this stack's
// `existing-program:*` settings point at.
// ---------------------------------------------------------------------------------------------

const configNamespace = "existing-program";

/** Declared with camelCase keys; its description and metadata come from the release's outputs. */
const helpdesk = new CustomProvider("helpdesk", {
  configNamespace,
  displayName: "Support Desk Freshdesk",
  description: pulumi.interpolate`Freshdesk for ${service}, release ${release.tag}`,
  authPatterns: [
    {
      type: "BASIC",
      displayName: "API Key",
      description: "Your Freshdesk domain and API key",
      fields: [
        { fieldName: "domain", label: "Freshdesk domain", inputType: "text", hint: "acme.freshdesk.com", required: true },
        { fieldName: "username", label: "API Key", inputType: "password", hint: "Profile settings > API key", required: true },
      ],
      authFieldMutations: { password: { default: "X" } },
    },
  ],
  proxyUrl: "https://{{domain}}/api",
  metadata: { service, release: release.tag },
});

/** Declared with the API's own JSON, for comparison. */
const search = new CustomProvider("search", {
  configNamespace,
  definition: {
    display_name: "Support Desk Search",
    description: "Tavily web search for the support agents",
    auth_patterns: [
      {
        type: "BEARER",
        display_name: "API Key",
        fields: [{ field_name: "token", label: "API Key", input_type: "password", hint: "tvly-...", required: true }],
      },
    ],
    proxy_url: "https://api.tavily.com",
    proxy_enabled: true,
  },
});

// The program's existing outputs, plus the providers' identifiers.
export const releaseTag = release.tag;
export const helpdeskProvider = helpdesk.identifier;
export const searchProvider = search.identifier;
