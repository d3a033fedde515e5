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
  message: string;
}

export function isFlagKind(name: string): name is FlagKind {
  return (FLAG_KINDS as readonly string[]).includes(name);
}

const q = (name: string) => `"${name}"`;
const list = (items: string[]) => items.join(", ");

export const flagMessages = {
  replace: (name: string, reasons: string[], identifier?: string): string =>
    `${q(name)} is deleted and created again (${list(reasons)}). Its connections and connected accounts are deleted with it: ` +
    `remove them in the Scalekit Dashboard before applying (the delete fails while they exist), then re-make them and have users connect again. ` +
    `Its identifier changes${identifier ? ` from ${identifier}` : ""}: update anything that stores it.`,
  authChanged: (name: string): string =>
    `The auth settings of ${q(name)} change: existing connections may need re-creating, and connected accounts re-authorizing, before tool calls use the new settings.`,
  scopesAdded: (name: string, scopes: string[]): string =>
    `OAuth scopes added to ${q(name)}: ${list(scopes)}. Connected accounts must re-authorize to grant them; tell the users.`,
  scopesRemoved: (name: string, scopes: string[]): string =>
    `OAuth scopes removed from ${q(name)}: ${list(scopes)}. Connected accounts must re-authorize, and tools that need these scopes will fail: check that none is still used.`,
  proxyDisabled: (name: string): string =>
    `${q(name)} sets proxy_enabled: false. Scalekit's tool calling works only through the proxy, so its tools will fail: set it to true unless that is the intent.`,
  delete: (name: string, identifier?: string): string =>
    `${q(name)}${identifier ? ` (${identifier})` : ""} is deleted. The delete fails while it is in use: first check that no agent needs it, then delete its connections and connected accounts in the Scalekit Dashboard.`,
  environmentMismatch: (stack: string, stackTier: string, url: string, urlTier: string): string =>
    `Stack ${q(stack)} is named like ${stackTier} but points at ${url}, a ${urlTier} environment: check this stack's environmentUrl setting before merging.`,
  unknownKeys: (name: string, keys: string[]): string =>
    `${q(name)} uses keys this version of pulumi-scalekit-providers does not know: ${list(keys)}. They are sent as-is: check their spelling against Scalekit's docs, or upgrade the library.`,
  previewErrors: (stack: string, count: number): string =>
    `The preview of stack ${q(stack)} reported ${count} error${count === 1 ? "" : "s"}, so this review may be incomplete: fix ${count === 1 ? "it" : "them"} and preview again.`,
};
