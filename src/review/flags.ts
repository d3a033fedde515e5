import { NAME_WORDS, type Tier } from "./environment";
import { Prose, prose, proseText, quoted, wording } from "./prose";

/**
 * The risks a review calls out. Each kind is a name for `--fail-on` and one plain sentence that says
 * what the reviewer should do; the texts are kept together so they stay consistent.
 */
export const FLAG_KINDS = [
  "replace",
  "rename",
  "auth-changed",
  "scopes-added",
  "scopes-removed",
  "proxy-disabled",
  "delete",
  "adopt",
  "environment-mismatch",
  "unknown-keys",
  "preview-errors",
] as const;

export type FlagKind = (typeof FLAG_KINDS)[number];

/**
 * When each flag is raised: the "when" column of the flags table in docs/review-and-promotion.md,
 * which `npm run docs` writes from this table (so the docs list every `--fail-on` name there is).
 */
/** The stack-name words of a tier, as the docs list them (environment.ts decides with the same list). */
const words = (tier: Tier) => NAME_WORDS[tier].map((w) => `\`${w}\``).join(", ");

export const FLAG_DESCRIPTIONS: Record<FlagKind, string> = {
  replace:
    "A replacement (auth `type` or `is_mcp` changed). The provider's connections and connected accounts go with it and must be re-made, and its identifier changes.",
  rename:
    "A `display_name` change. Agents call the provider's tools by names derived from its name, so every tool is renamed for every agent; the identifier may change too.",
  "auth-changed": "An in-place change to auth settings: connections may need re-creating.",
  "scopes-added": "OAuth scopes added: connected accounts must re-authorize.",
  "scopes-removed": "OAuth scopes removed: connected accounts must re-authorize, and tools that need them fail.",
  "proxy-disabled": "`proxy_enabled: false`: tool calling needs the proxy.",
  delete: "A delete. It fails while the provider has connections.",
  adopt:
    "A step that sets `adopt: true`, or a create with Pulumi's `import` option (the `importIdentifier` input). A create takes over an existing provider; an update takes nothing (`adopt` acts once, when the resource enters the state) and a replacement's create may take one over: the preview cannot see whose the provider is, so those are marked cannot verify (`owner`).",
  "environment-mismatch": `A stack named for production (${words("production")}) on a \`.scalekit.dev\` URL, or one named for development (${words("development")}) on a \`.scalekit.com\` URL.`,
  "unknown-keys": "Keys or enumeration values that this version of the library does not know. They are sent as-is.",
  "preview-errors": "The preview itself failed, so the review may be incomplete. Its error messages are included.",
};

/**
 * Why a flag cannot be verified from the preview: a value marked secret, or known only after apply;
 * or who manages the provider now (`owner`), which only Scalekit knows.
 */
export type Opacity = "secret" | "unknown" | "owner";

export interface Flag {
  kind: FlagKind;
  /** The sentence as plain text. */
  message: string;
  /** The same sentence with its data marked: what the Markdown renders (values as code). */
  prose: Prose;
  /**
   * Set when the flag is raised because a secret or unknown value might trigger it: the preview
   * cannot tell. `--fail-on` counts such a flag unless `--allow-unverified` is given.
   */
  unverified?: Opacity[];
}

export function isFlagKind(name: string): name is FlagKind {
  return (FLAG_KINDS as readonly string[]).includes(name);
}

/** A flag whose message and prose cannot disagree. */
export function flag(kind: FlagKind, sentence: Prose): Flag {
  return { kind, message: proseText(sentence), prose: sentence };
}

/** One value the preview does not show: where (an API path of the definition, or a setting) and why. */
export interface OpaqueValue {
  path: string;
  opacity: Opacity;
}

/** At most this many paths are named in an unverified flag's sentence. */
const PATHS_SHOWN = 5;

/** The sentence's ending: which values could not be read, and what to do. */
function cannotVerify(values: OpaqueValue[]): Prose {
  const paths = [...new Set(values.map((v) => v.path))];
  const shown = paths.slice(0, PATHS_SHOWN);
  const more = paths.length > shown.length ? wording(` and ${paths.length - shown.length} more`) : wording("");
  const secret = values.some((v) => v.opacity === "secret");
  const unknown = values.some((v) => v.opacity === "unknown");
  const why = secret && unknown ? "secret or known only after apply" : secret ? "secret" : "known only after apply";
  return prose` The preview cannot tell: ${plural(paths.length, "the value at", "the values at")} ${shown}${more} ${plural(paths.length, "is", "are")} ${wording(why)}. Review ${plural(paths.length, "it", "them")} in the code.`;
}

/** A flag that a secret or unknown value might trigger: what would follow if it did, and why it is not known. */
export function unverifiedFlag(kind: FlagKind, might: Prose, values: OpaqueValue[]): Flag {
  const sentence = [...might, ...cannotVerify(values)];
  const opacities = (["secret", "unknown"] as const).filter((o) => values.some((v) => v.opacity === o));
  return { ...flag(kind, sentence), unverified: [...opacities] };
}

const q = quoted;
/** The example in Scalekit's docs of a tool name derived from its provider's name. */
const TOOL_NAME_EXAMPLE = prose`(Scalekit's "Custom Context7 MCP" gives ${"c-customcontext7mcp_query-docs"})`;
const plural = (count: number, one: string, many: string) => wording(count === 1 ? one : many);

export const flagMessages = {
  replace: (name: string, reasons: string[], identifier?: string): Prose => [
    ...prose`${q(name)} is deleted and created again `,
    ...(reasons.length ? prose`(${reasons})` : prose`(Pulumi plans a replacement)`),
    ...prose`. Its connections and connected accounts are deleted with it: `,
    ...prose`remove them in the Scalekit Dashboard before applying (the delete fails while they exist), then re-make them and have users connect again. `,
    ...(identifier ? prose`Its identifier changes from ${identifier}: ` : prose`Its identifier changes: `),
    ...prose`update anything that stores it.`,
  ],
  authChanged: (name: string): Prose =>
    prose`The auth settings of ${q(name)} change: existing connections may need re-creating, and connected accounts re-authorizing, before tool calls use the new settings.`,
  scopesAdded: (name: string, scopes: string[]): Prose =>
    prose`OAuth scopes added to ${q(name)}: ${scopes}. Connected accounts must re-authorize to grant them; tell the users.`,
  scopesRemoved: (name: string, scopes: string[]): Prose =>
    prose`OAuth scopes removed from ${q(name)}: ${scopes}. Connected accounts must re-authorize, and tools that need these scopes will fail: check that none is still used.`,
  proxyDisabled: (name: string): Prose =>
    prose`${q(name)} sets proxy_enabled: false. Scalekit's tool calling works only through the proxy, so its tools will fail: set it to true unless that is the intent.`,
  delete: (name: string, identifier?: string): Prose => [
    ...(identifier ? prose`${q(name)} (${identifier})` : prose`${q(name)}`),
    ...prose` is deleted. The delete fails while it is in use: first check that no agent needs it, then delete its connections and connected accounts in the Scalekit Dashboard.`,
  ],
  environmentMismatch: (stack: string, stackTier: Tier, url: string, urlTier: Tier): Prose =>
    prose`Stack ${q(stack)} is named like ${wording(stackTier)} but points at ${url}, a ${wording(urlTier)} environment: check this stack's environmentUrl setting before merging.`,
  unknownKeys: (name: string, keys: string[]): Prose =>
    prose`${q(name)} uses keys this version of pulumi-scalekit-providers does not know: ${keys}. They are sent as-is: check their spelling against Scalekit's docs, or upgrade the library.`,
  rename: (from: string, to: string, identifier?: string): Prose => [
    ...prose`${q(from)} is renamed to ${q(to)}. Agents call its tools by names derived from the provider's name `,
    ...TOOL_NAME_EXAMPLE,
    ...prose`, so every tool of it is renamed for every agent: update the agents, prompts and allow-lists that name them. `,
    ...(identifier ? prose`Its identifier ${identifier} may change too: ` : prose`Its identifier may change too: `),
    ...prose`update anything that stores it.`,
  ],
  adopt: (name: string, importIdentifier?: string): Prose => [
    ...prose`${q(name)} takes over an existing provider `,
    ...(importIdentifier ? prose`(Pulumi's import of ${importIdentifier})` : prose`(adopt: true)`),
    ...prose` and updates it to this declaration: check that it is the provider meant, that no other stack or team manages it, and that its connections can take the change.`,
  ],
  /** adopt: true on an update or a replacement (a lingering one, e.g. from an exported stack file). */
  adoptOnChange: (name: string, action: "update" | "replace"): Prose =>
    action === "update"
      ? prose`${q(name)} still sets adopt: true. An update takes nothing: adopt acts only when a resource is created (or imported), and an update of a provider that another stack has adopted since fails without writing. The preview cannot tell whose the provider is now: check that it is still this stack's, and remove adopt once the take-over is done, since a later replacement would take over whatever provider holds the name.`
      : prose`${q(name)} is replaced with adopt: true set: the replacement's create takes over any existing provider of its name, whoever manages it. The preview cannot tell whether one exists or whose it is: check, or remove adopt before applying.`,
  previewErrors: (stack: string, count: number): Prose =>
    prose`The preview of stack ${q(stack)} reported ${count} ${plural(count, "error", "errors")}, so this review may be incomplete: fix ${plural(count, "it", "them")} and preview again.`,
};

/** What a flag would mean, for a change the preview cannot show: the first half of an unverified flag. */
export const mightMessages = {
  rename: (name: string): Prose => [
    ...prose`${q(name)} may be renamed: if so, every tool of it is renamed for every agent (tool names are derived from the provider's name), and its identifier may change.`,
  ],
  authChanged: (name: string): Prose =>
    prose`The auth settings of ${q(name)} may change: if so, existing connections may need re-creating, and connected accounts re-authorizing.`,
  scopesAdded: (name: string): Prose =>
    prose`OAuth scopes may be added to ${q(name)}: if so, connected accounts must re-authorize to grant them.`,
  scopesRemoved: (name: string): Prose =>
    prose`OAuth scopes may be removed from ${q(name)}: if so, connected accounts must re-authorize, and tools that need those scopes will fail.`,
  proxyDisabled: (name: string): Prose =>
    prose`${q(name)} may set proxy_enabled: false: if so, its tools will fail, as tool calling works only through the proxy.`,
  unknownKeys: (name: string): Prose =>
    prose`${q(name)} may use keys this version of pulumi-scalekit-providers does not know: they would be sent as-is.`,
  adopt: (name: string): Prose =>
    prose`${q(name)} may take over an existing provider (adopt or Pulumi's import), and update it to this declaration.`,
  environmentMismatch: (stack: string, stackTier: Tier): Prose =>
    prose`Stack ${q(stack)} is named like ${wording(stackTier)}, and its environment URL may be another tier's.`,
};
