import { redactedExcerpt } from "./redact";
import { ScalekitError } from "./scalekit-error";

/**
 * A 2xx answer whose shape is not the documented one (`{}`, an HTML maintenance page, a null list, a
 * provider without an identifier, an oversized or endless listing). Never read as "nothing there":
 * concluding that a provider is gone from such an answer would drop it from state.
 */
export class ScalekitProtocolError extends ScalekitError {
  readonly method: string;
  readonly path: string;
  readonly status: number | undefined;
  readonly reason: string;

  constructor(init: { method: string; path: string; status?: number; reason: string; body?: unknown }) {
    const status = init.status !== undefined ? ` (HTTP ${init.status})` : "";
    const excerpt = init.body === undefined ? "" : ` The answer began: ${excerptOf(init.body)}`;
    super(`Scalekit answered ${init.method} ${init.path}${status} with ${init.reason}; nothing was concluded from it.${excerpt}`);
    this.method = init.method;
    this.path = init.path;
    this.status = init.status;
    this.reason = init.reason;
  }
}

function excerptOf(body: unknown): string {
  let text: string;
  try {
    text = typeof body === "string" ? body : (JSON.stringify(body) ?? String(body));
  } catch {
    // Too deep, circular or holding a BigInt: an excerpt must never be what fails.
    text = "(a body that cannot be shown)";
  }
  return redactedExcerpt(text, 200);
}
