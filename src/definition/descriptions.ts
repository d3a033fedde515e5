import { LIMITS } from "./limits";
import { DEFAULT_PROXY_ENABLED } from "./normalize";
import { OWNER_KEY } from "./ownership";
import type { ApiDefinition } from "./types";

const patternCount =
  LIMITS.authPatternsPerProvider === 1 ? "Exactly one auth pattern" : `1 to ${LIMITS.authPatternsPerProvider} auth patterns`;

/**
 * What each top-level key of a definition means to its author: the notes column of the resource's
 * inputs table (docs/reference/custom-provider.md, written by scripts/docs/generate.ts). Keyed on
 * the schema's own keys, so a key added to schema.ts does not compile until it has its note here.
 */
export const DEFINITION_KEY_NOTES: Record<keyof ApiDefinition, string> = {
  display_name:
    `1–${LIMITS.displayNameMax} letters, digits and spaces; hyphens, underscores and dots are refused. ` +
    "Scalekit derives the identifier from it, so names clash case- and space-insensitively.",
  description: "Free text.",
  auth_patterns: `${patternCount}.`,
  proxy_url:
    `\`https://\`, at most ${LIMITS.urlMax} characters. May hold \`{{domain}}\`, \`{{version}}\` or \`{{name}}\`, where \`name\` ` +
    "is a field with `isPathParam: true`. Every placeholder needs a matching field, and every path-parameter field must appear in the URL.",
  proxy_enabled: `Default **${DEFAULT_PROXY_ENABLED}**. Setting it to \`false\` warns: tool calling works only through the proxy.`,
  icon_src: `Empty or an \`https://\` URL, at most ${LIMITS.urlMax} characters.`,
  metadata:
    `At most ${LIMITS.metadataMaxPairs - 1} pairs (Scalekit allows ${LIMITS.metadataMaxPairs}; one holds the ownership marker); ` +
    `keys ${LIMITS.metadataKeyMin}–${LIMITS.metadataKeyMax} characters, values ${LIMITS.metadataValueMin}–${LIMITS.metadataValueMax}; ` +
    `the key \`${OWNER_KEY}\` is reserved.`,
};
