import { redact } from "../errors/redact";

/** Where the client reports retries and recoveries. Every line is redacted before it is written. */
export interface Logger {
  debug(message: string): void;
  warn(message: string): void;
}

export const silentLogger: Logger = { debug: () => undefined, warn: () => undefined };

export function redactingLogger(inner: Logger): Logger {
  return {
    debug: (m) => inner.debug(redact(m)),
    warn: (m) => inner.warn(redact(m)),
  };
}
