/**
 * Credentials must never reach an error, a log line, the preview or state. Every secret the client
 * handles (client secrets, access tokens, a proxy password) is registered here, and all text leaving
 * the client passes through `redact`. A secret is also found as it appears inside JSON (escaped once
 * or twice: quotes and backslashes) and URL-encoded. Patterns catch credentials that were never
 * registered (e.g. from a server echo).
 */

const secrets = new Set<string>();

/**
 * Secrets of any length are registered. Those shorter than this are redacted only where they stand
 * alone (not touching a letter or digit), so that a one- or two-character secret (a test value) does
 * not shred every word containing it; real secrets are far longer and are redacted wherever they occur.
 */
const SHORT_SECRET_LENGTH = 8;

export const REDACTED = "[REDACTED]";

export function registerSecret(value: string | undefined): void {
  if (value) secrets.add(value);
}

const KEYS = "access_token|client_secret|clientSecret|refresh_token";
const PATTERNS: [RegExp, string][] = [
  // A token after "Bearer": it has a digit or punctuation, or is long. Plain words stay, so that
  // "the auth type changes from BEARER to API_KEY" keeps its "to". Tokens the client handled are
  // registered and removed whatever they look like.
  [/(Bearer\s+)(?=[A-Za-z0-9._~+/=-]*[0-9._~+/=-]|[A-Za-z0-9._~+/=-]{20})[A-Za-z0-9._~+/=-]+/gi, `$1${REDACTED}`],
  [/(client_secret=)[^&\s"'\\]+/gi, `$1${REDACTED}`],
  // "key": "value" with escaped characters inside the value.
  [new RegExp(`("(?:${KEYS})"\\s*:\\s*")(?:[^"\\\\]|\\\\.)*(")`, "gi"), `$1${REDACTED}$2`],
  // The same inside a JSON string: \"key\": \"value\".
  [new RegExp(`(\\\\"(?:${KEYS})\\\\"\\s*:\\s*\\\\")(?:(?!\\\\").)*(\\\\")`, "gi"), `$1${REDACTED}$2`],
];

/** The ways a secret's text appears: as is, JSON-escaped once and twice, URL-encoded. */
function appearances(secret: string): string[] {
  const jsonOnce = JSON.stringify(secret).slice(1, -1);
  const jsonTwice = JSON.stringify(jsonOnce).slice(1, -1);
  const urlEncoded = encodeURIComponent(secret);
  const formEncoded = new URLSearchParams({ s: secret }).toString().slice(2);
  return [...new Set([jsonTwice, jsonOnce, secret, urlEncoded, formEncoded])].filter(Boolean);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

export function redact(text: string): string {
  let out = text;
  // Longest first, so that a secret containing a shorter one is removed whole.
  const ordered = [...secrets].sort((a, b) => b.length - a.length);
  for (const secret of ordered) {
    for (const form of appearances(secret)) {
      if (secret.length >= SHORT_SECRET_LENGTH) out = out.split(form).join(REDACTED);
      else out = out.replace(new RegExp(`(?<![A-Za-z0-9])${escapeRegExp(form)}(?![A-Za-z0-9])`, "g"), REDACTED);
    }
  }
  for (const [pattern, replacement] of PATTERNS) out = out.replace(pattern, replacement);
  return out;
}

/**
 * Text from a server, redacted and then cut to `max` characters. Never the other way round: a cut can
 * split a registered secret, or the `"client_secret": "…"` a pattern needs whole, and the part before
 * the cut would no longer be recognised.
 */
export function redactedExcerpt(text: string, max: number): string {
  const clean = redact(text);
  return clean.length > max ? `${clean.slice(0, max)}…` : clean;
}
