import type { Tier } from "./environment";
import { Prose, prose, proseText, quoted, wording } from "./prose";

/**
 * The risks a review calls out. Each kind is a name for `--fail-on` and one plain sentence that says
 * what the reviewer should do; the texts are kept together so they stay consistent.
 */
export const FLAG_KINDS = [
  "replace",
  "auth-changed",
  "scopes-added",
  "scopes-removed",
  "proxy-disabled",
  "delete",
  "environment-mismatch",
  "unknown-keys",
  "preview-errors",
] as const;

export type FlagKind = (typeof FLAG_KINDS)[number];

export interface Flag {
  kind: FlagKind;
  /** The sentence as plain text. */
  message: string;
  /** The same sentence with its data marked: what the Markdown renders (values as code). */
  prose: Prose;
}

export function isFlagKind(name: string): name is FlagKind {
  return (FLAG_KINDS as readonly string[]).includes(name);
}

/** A flag whose message and prose cannot disagree. */
export function flag(kind: FlagKind, sentence: Prose): Flag {
  return { kind, message: proseText(sentence), prose: sentence };
}

const q = quoted;
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
  previewErrors: (stack: string, count: number): Prose =>
    prose`The preview of stack ${q(stack)} reported ${count} ${plural(count, "error", "errors")}, so this review may be incomplete: fix ${plural(count, "it", "them")} and preview again.`,
};
