import type { ScalekitApiError } from "./api-error";
import type { ScalekitConfigError } from "./config-error";
import type { ScalekitDuplicateNameError } from "./duplicate-name-error";
import type { ScalekitNotFoundError } from "./not-found-error";
import { SCALEKIT_ERROR_BRAND, type ScalekitError } from "./scalekit-error";
import type { ScalekitNetworkError } from "./network-error";
import { REQUEST_OUTCOMES } from "./outcome";

/**
 * Type guards over the library's errors, in place of `instanceof` and status checks at each call site.
 * They match by name as well as by class: two copies of this package can meet in one process (a
 * program's copy and the provider's, or two versions under node_modules), and an error thrown by one
 * copy is not an `instanceof` the other copy's class.
 */

type Named = { name: string } & Record<string, unknown>;

function named(err: unknown, names: readonly string[]): err is Named {
  return err !== null && typeof err === "object" && names.includes(String((err as { name?: unknown }).name));
}

/** The names of ScalekitApiError and its subclasses: an HTTP error status from the API. */
const API_ERRORS = ["ScalekitApiError", "ScalekitPermissionError"] as const;
/** Errors whose `status` is a real HTTP status of an answer from Scalekit (the API or the token endpoint). */
const STATUS_ERRORS = [...API_ERRORS, "ScalekitRateLimitError", "ScalekitUnavailableError", "ScalekitAuthError"] as const;

/** Any error this library throws (every copy of it: see SCALEKIT_ERROR_BRAND). */
export function isScalekitError(err: unknown): err is ScalekitError {
  return err !== null && typeof err === "object" && (err as Record<symbol, unknown>)[SCALEKIT_ERROR_BRAND] === true;
}

/** The API answered with an error status (any status). */
export function isApiError(err: unknown): err is ScalekitApiError {
  return named(err, API_ERRORS) && typeof err.status === "number";
}

function statusOf(err: unknown): number | undefined {
  return named(err, STATUS_ERRORS) && typeof err.status === "number" ? err.status : undefined;
}

/** 404 from the API. A 404 alone never proves a provider is gone: the client confirms by listing. */
export function isNotFound(err: unknown): err is ScalekitApiError {
  return isApiError(err) && err.status === 404;
}

/** 409: a provider of that name exists. */
export function isConflict(err: unknown): err is ScalekitApiError {
  return isApiError(err) && err.status === 409;
}

/** 401 from the API: the token expired or was revoked. */
export function isUnauthorized(err: unknown): err is ScalekitApiError {
  return isApiError(err) && err.status === 401;
}

/** 403: the API client lacks the route's permission. */
export function isPermissionDenied(err: unknown): err is ScalekitApiError {
  return isApiError(err) && err.status === 403;
}

/** 429 from the API or the token endpoint: throttled, and the server did nothing. */
export function isRateLimited(err: unknown): boolean {
  return statusOf(err) === 429;
}

/** 503 from the API or the token endpoint. */
export function isUnavailable(err: unknown): boolean {
  return statusOf(err) === 503;
}

/** Scalekit refused a delete because connections still use the provider. */
export function isInUse(err: unknown): err is ScalekitApiError {
  if (!isApiError(err)) return false;
  return (
    err.errorCode === "PROVIDER_HAS_EXISTING_CONNECTIONS" || (err.status === 400 && /connection/i.test(String(err.serverMessage)))
  );
}

/**
 * The token endpoint throttled or failed (ScalekitRateLimitError, ScalekitUnavailableError): the API
 * request it was fetched for was never sent.
 */
export function isTokenRequestFailure(err: unknown): err is Named & { status: number; retryAfterMs?: number } {
  return named(err, ["ScalekitRateLimitError", "ScalekitUnavailableError"]) && typeof err.status === "number";
}

/** A proxy refused the CONNECT tunnel: nothing reached Scalekit. */
export function isProxyError(err: unknown): err is Named & { status: number } {
  return named(err, ["ScalekitProxyError"]) && typeof err.status === "number";
}

export function isNetworkError(err: unknown): err is ScalekitNetworkError {
  return named(err, ["ScalekitNetworkError"]) && typeof err.code === "string";
}

/** A 2xx answer whose shape is not the documented one (ScalekitProtocolError and its subclass ScalekitIdentifierMismatchError). */
export function isProtocolError(err: unknown): boolean {
  return named(err, ["ScalekitProtocolError", "ScalekitIdentifierMismatchError"]);
}

export function isConfigError(err: unknown): err is ScalekitConfigError {
  return named(err, ["ScalekitConfigError"]);
}

/**
 * Whether the request that failed may have been applied (REQUEST_OUTCOMES): a create after such a
 * failure must be looked up, never sent blindly again.
 */
export function mayHaveBeenApplied(err: unknown): boolean {
  if (isNetworkError(err)) return err.outcomeUnknown;
  if (isProtocolError(err)) return true;
  return isApiError(err) && (REQUEST_OUTCOMES.mayHaveBeenAppliedStatuses as readonly number[]).includes(err.status);
}

/**
 * A provider that must exist does not (ScalekitNotFoundError): a lookup, a `CustomProvider.get` or an
 * `import` named one the environment lacks. Unlike `isNotFound`, not an HTTP status.
 */
export function isProviderNotFound(err: unknown): err is ScalekitNotFoundError {
  return named(err, ["ScalekitNotFoundError"]);
}

/** A lookup by name found several providers holding it (ScalekitDuplicateNameError). */
export function isDuplicateName(err: unknown): err is ScalekitDuplicateNameError {
  return named(err, ["ScalekitDuplicateNameError"]);
}
