import { redact, redactedExcerpt } from "./redact";

/** How much of an error body's text a message keeps. */
const MAX_MESSAGE_CHARS = 500;
import { ScalekitError } from "./scalekit-error";

export interface FieldViolation {
  field: string;
  description: string;
  constraint?: string;
}

/**
 * The API answered with an error status. Carries the server's own `message` and `error_code`
 * (grpc-gateway status body), because Scalekit's exact texts are not documented and the user needs them.
 */
export class ScalekitApiError extends ScalekitError {
  readonly status: number;
  readonly errorCode: string | undefined;
  readonly serverMessage: string;
  readonly method: string;
  readonly path: string;
  readonly fieldViolations: FieldViolation[];
  readonly retryAfterMs: number | undefined;

  constructor(init: {
    status: number;
    method: string;
    path: string;
    body: unknown;
    retryAfterMs?: number;
    /** What the user can do about it, appended to the message. */
    hint?: string;
  }) {
    const parsed = parseStatusBody(init.body);
    const code = parsed.errorCode ? ` [${parsed.errorCode}]` : "";
    const violations = parsed.fieldViolations.map((v) => `\n  - ${v.field}: ${v.description}`).join("");
    const hint = init.hint ? `\n${init.hint}` : "";
    super(`Scalekit ${init.method} ${init.path} failed with HTTP ${init.status}${code}: ${parsed.message}${violations}${hint}`);
    this.status = init.status;
    this.errorCode = parsed.errorCode;
    this.serverMessage = redact(parsed.message);
    this.method = init.method;
    this.path = init.path;
    this.fieldViolations = parsed.fieldViolations.map((v) => ({ ...v, description: redact(v.description) }));
    this.retryAfterMs = init.retryAfterMs;
  }
}

function parseStatusBody(body: unknown): { message: string; errorCode?: string; fieldViolations: FieldViolation[] } {
  if (typeof body === "string")
    return { message: redactedExcerpt(body, MAX_MESSAGE_CHARS) || "(empty response)", fieldViolations: [] };
  if (body === null || typeof body !== "object") return { message: "(empty response)", fieldViolations: [] };
  const b = body as Record<string, unknown>;
  const details = Array.isArray(b.details) ? (b.details as Record<string, unknown>[]) : [];
  const info = details.find((d) => d && typeof d === "object" && ("error_code" in d || "validation_error_info" in d));
  const violationInfo = info?.validation_error_info as { field_violations?: unknown } | undefined;
  const message =
    typeof b.message === "string"
      ? b.message
      : typeof b.error_description === "string"
        ? b.error_description
        : typeof b.error === "string"
          ? b.error
          : JSON.stringify(b);
  return {
    message: redactedExcerpt(message, MAX_MESSAGE_CHARS),
    errorCode: typeof info?.error_code === "string" ? info.error_code : typeof b.error === "string" ? b.error : undefined,
    fieldViolations: fieldViolationsOf(violationInfo?.field_violations),
  };
}

/** The server's field violations, as far as they have the documented shape: a body is data, not a promise. */
function fieldViolationsOf(raw: unknown): FieldViolation[] {
  if (!Array.isArray(raw)) return [];
  return raw
    .filter((v): v is Record<string, unknown> => v !== null && typeof v === "object" && typeof v.field === "string")
    .map((v) => ({
      field: v.field as string,
      description: typeof v.description === "string" ? v.description : "",
      ...(typeof v.constraint === "string" ? { constraint: v.constraint } : {}),
    }));
}
