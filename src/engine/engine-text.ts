import { redact } from "../client";
import { terminalText } from "../definition/visible-text";

/**
 * Text a plugin process hands to the engine (a log line, an error, a check failure), which the CLI
 * prints to a terminal and to CI logs. Names and messages from Scalekit or a declaration are data:
 * redacted, and no character of theirs may drive or hide in a terminal (definition/visible-text.ts).
 */
export function engineText(text: string): string {
  return terminalText(redact(text));
}

/**
 * `err` made fit for the engine: its message as engineText, in place, so a typed error keeps its
 * class, fields and `cause` for whoever catches it in the same process (a frozen one is replaced).
 */
export function errorForEngine(err: unknown): unknown {
  if (!(err instanceof Error)) return new Error(engineText(String(err)));
  const shown = engineText(err.message);
  if (shown === err.message) return err;
  if (Object.isFrozen(err)) return new Error(shown);
  const raw = err.message;
  err.message = shown;
  // The SDK's provider host prints `stack` too, whose first line holds the message as it was when the
  // stack was first read.
  if (typeof err.stack === "string") err.stack = err.stack.split(raw).join(shown);
  return err;
}
