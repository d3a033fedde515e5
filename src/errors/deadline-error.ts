import { ScalekitError } from "./scalekit-error";

/**
 * An operation ran out of time: its total deadline passed, or the server asked for a wait (Retry-After,
 * or the next backoff) longer than what is left of it. Carries the last failure, whose server message
 * is part of this message.
 */
export class ScalekitDeadlineError extends ScalekitError {
  readonly operation: string;
  readonly deadlineMs: number;
  readonly lastError: unknown;

  constructor(init: { operation: string; deadlineMs: number; detail: string; lastError?: unknown }) {
    const last = init.lastError instanceof Error ? ` Last failure: ${init.lastError.message}` : "";
    super(
      `${init.operation}: ${init.detail} (the operation deadline is ${init.deadlineMs / 1000} s: the operationTimeout setting).${last}`,
      { cause: init.lastError },
    );
    this.operation = init.operation;
    this.deadlineMs = init.deadlineMs;
    this.lastError = init.lastError;
  }
}
