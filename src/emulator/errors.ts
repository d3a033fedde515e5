/**
 * grpc-gateway status bodies: `{"code", "message", "details": [ErrorInfo]}` and the gRPC code <-> HTTP
 * status mapping that grpc-gateway applies.
 */
import type { FieldViolation } from "./types";

export const GrpcCode = {
  OK: 0,
  CANCELLED: 1,
  UNKNOWN: 2,
  INVALID_ARGUMENT: 3,
  DEADLINE_EXCEEDED: 4,
  NOT_FOUND: 5,
  ALREADY_EXISTS: 6,
  PERMISSION_DENIED: 7,
  RESOURCE_EXHAUSTED: 8,
  FAILED_PRECONDITION: 9,
  ABORTED: 10,
  OUT_OF_RANGE: 11,
  UNIMPLEMENTED: 12,
  INTERNAL: 13,
  UNAVAILABLE: 14,
  DATA_LOSS: 15,
  UNAUTHENTICATED: 16,
} as const;
export type GrpcCodeName = keyof typeof GrpcCode;

const HTTP_BY_CODE: Record<number, number> = {
  0: 200,
  1: 499,
  2: 500,
  3: 400,
  4: 504,
  5: 404,
  6: 409,
  7: 403,
  8: 429,
  9: 400,
  10: 409,
  11: 400,
  12: 501,
  13: 500,
  14: 503,
  15: 500,
  16: 401,
};

const CODE_BY_HTTP: Record<number, number> = {
  400: GrpcCode.INVALID_ARGUMENT,
  401: GrpcCode.UNAUTHENTICATED,
  403: GrpcCode.PERMISSION_DENIED,
  404: GrpcCode.NOT_FOUND,
  409: GrpcCode.ALREADY_EXISTS,
  429: GrpcCode.RESOURCE_EXHAUSTED,
  499: GrpcCode.CANCELLED,
  500: GrpcCode.INTERNAL,
  501: GrpcCode.UNIMPLEMENTED,
  502: GrpcCode.UNAVAILABLE,
  503: GrpcCode.UNAVAILABLE,
  504: GrpcCode.DEADLINE_EXCEEDED,
};

export function httpStatusForCode(code: number): number {
  return HTTP_BY_CODE[code] ?? 500;
}

/** The gRPC code an HTTP status stands for (used for injected faults). */
export function codeForHttpStatus(status: number): number {
  return CODE_BY_HTTP[status] ?? GrpcCode.UNKNOWN;
}

export function codeName(code: number): GrpcCodeName {
  const found = (Object.keys(GrpcCode) as GrpcCodeName[]).find((k) => GrpcCode[k] === code);
  return found ?? "UNKNOWN";
}

export const ERROR_INFO_TYPE = "type.googleapis.com/scalekit.v1.errdetails.ErrorInfo";

export interface ErrorInfoDetail {
  "@type": typeof ERROR_INFO_TYPE;
  error_code: string;
  validation_error_info?: { field_violations: FieldViolation[] };
}

export interface GrpcStatusBody {
  code: number;
  message: string;
  details: ErrorInfoDetail[];
}

/** An API error: carries the gRPC code, the ErrorInfo error_code and optional field violations. */
export class ApiError extends Error {
  readonly code: number;
  readonly errorCode: string | undefined;
  readonly violations: FieldViolation[] | undefined;
  readonly headers: Record<string, string>;

  constructor(
    code: number,
    message: string,
    opts: { errorCode?: string | null; violations?: FieldViolation[]; headers?: Record<string, string> } = {},
  ) {
    super(message);
    this.name = "ApiError";
    this.code = code;
    // null means "no ErrorInfo detail at all" (grpc-gateway routing errors); undefined means "the code's name".
    this.errorCode = opts.errorCode === null ? undefined : (opts.errorCode ?? codeName(code));
    this.violations = opts.violations;
    this.headers = opts.headers ?? {};
  }

  get httpStatus(): number {
    return httpStatusForCode(this.code);
  }

  toBody(): GrpcStatusBody {
    return grpcBody(this.code, this.message, this.errorCode, this.violations);
  }
}

export function grpcBody(code: number, message: string, errorCode?: string, violations?: FieldViolation[]): GrpcStatusBody {
  const details: ErrorInfoDetail[] = [];
  if (errorCode !== undefined) {
    const detail: ErrorInfoDetail = { "@type": ERROR_INFO_TYPE, error_code: errorCode };
    if (violations && violations.length > 0) detail.validation_error_info = { field_violations: violations };
    details.push(detail);
  }
  return { code, message, details };
}

// ---- the errors the emulator raises ----

/** grpc-gateway's answer to a path no route matches. */
export function routeNotFound(): ApiError {
  return new ApiError(GrpcCode.NOT_FOUND, "Not Found", { errorCode: null });
}

/** grpc-gateway's answer to a known path with the wrong method (405 mapped to UNIMPLEMENTED -> 501). */
export function methodNotAllowed(): ApiError {
  return new ApiError(GrpcCode.UNIMPLEMENTED, "Method Not Allowed", { errorCode: null });
}

export function unauthenticated(message = "invalid or expired access token"): ApiError {
  return new ApiError(GrpcCode.UNAUTHENTICATED, message, {
    errorCode: "UNAUTHENTICATED",
    headers: { "WWW-Authenticate": 'Bearer error="invalid_token"' },
  });
}

export function invalidArgument(message: string, violations?: FieldViolation[], errorCode = "INVALID_ARGUMENT"): ApiError {
  return new ApiError(GrpcCode.INVALID_ARGUMENT, message, { errorCode, violations });
}

/**
 * A failed validation, as Scalekit answers it: the bare message `Validation error` (Scalekit's newest
 * Node SDK source quotes it for an update without auth_patterns and for a connections listing with
 * page_size over 30), the violations only in `details`. The emulator shows no more than Scalekit does.
 */
export const VALIDATION_ERROR_MESSAGE = "Validation error";

export function validationFailed(violations: FieldViolation[]): ApiError {
  return invalidArgument(VALIDATION_ERROR_MESSAGE, violations);
}

export function notFound(message: string): ApiError {
  return new ApiError(GrpcCode.NOT_FOUND, message, { errorCode: "NOT_FOUND" });
}

export function alreadyExists(message: string): ApiError {
  return new ApiError(GrpcCode.ALREADY_EXISTS, message, { errorCode: "RESOURCE_ALREADY_EXISTS" });
}

export function failedPrecondition(message: string, errorCode = "FAILED_PRECONDITION"): ApiError {
  return new ApiError(GrpcCode.FAILED_PRECONDITION, message, { errorCode });
}

/** The body of an injected fault with HTTP status `status`. */
export function faultError(
  status: number,
  retryAfterSeconds?: number,
): { status: number; body: GrpcStatusBody; headers: Record<string, string> } {
  const code = codeForHttpStatus(status);
  const message =
    status === 429
      ? "Rate limit exceeded"
      : status === 503
        ? "service unavailable"
        : status === 403
          ? "permission denied"
          : `injected fault (HTTP ${status})`;
  const headers: Record<string, string> = {};
  if (retryAfterSeconds !== undefined) headers["Retry-After"] = String(retryAfterSeconds);
  return { status, body: grpcBody(code, message, codeName(code)), headers };
}
