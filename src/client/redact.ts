/**
 * Credentials must never reach an error, a log line, the preview or state. Every secret the client
 * handles (client secrets, access tokens) is registered here, and all text leaving the client passes
 * through `redact`. Patterns catch credentials that were never registered (e.g. from a server echo).
 */

const secrets = new Set<string>();
const MIN_SECRET_LENGTH = 4;

export const REDACTED = "[REDACTED]";

export function registerSecret(value: string | undefined): void {
  if (value && value.length >= MIN_SECRET_LENGTH) secrets.add(value);
}

const PATTERNS: [RegExp, string][] = [
  [/(Bearer\s+)[A-Za-z0-9._~+/=-]+/gi, `$1${REDACTED}`],
  [/(client_secret=)[^&\s"']+/gi, `$1${REDACTED}`],
  [/("(?:access_token|client_secret|clientSecret|refresh_token)"\s*:\s*")[^"]*(")/gi, `$1${REDACTED}$2`],
];

export function redact(text: string): string {
  let out = text;
  for (const secret of secrets) out = out.split(secret).join(REDACTED);
  for (const [pattern, replacement] of PATTERNS) out = out.replace(pattern, replacement);
  return out;
}
