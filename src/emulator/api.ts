/**
 * The emulated Scalekit API: the token endpoint, the /api/v1 provider routes and the connections
 * list. Handlers are synchronous once the body has been read, so each request commits atomically.
 */
import type { ApiContext, ApiRequest } from "./api-context";
import { CONNECTIONS_PATH, listConnections } from "./connections-route";
import { ApiError, invalidArgument, methodNotAllowed, routeNotFound, unauthenticated, GrpcCode } from "./errors";
import { parseJsonBody, type JsonResponse } from "./http-util";
import { pageSize, paginate } from "./pagination";
import { providerTypeFilter } from "./provider-type";
import { single } from "./query";
import { sameSecret } from "./tokens";

const CUSTOM_PROVIDERS = "/api/v1/custom-providers";

function errorResponse(e: ApiError): JsonResponse {
  return { status: e.httpStatus, body: e.toBody(), headers: e.headers };
}

function oauthError(status: number, error: string, description: string): JsonResponse {
  return {
    status,
    body: { error, error_description: description },
    headers: { "Cache-Control": "no-store", Pragma: "no-cache" },
  };
}

// ---- POST /oauth/token ----

function issueToken(ctx: ApiContext, req: ApiRequest): JsonResponse {
  const contentType = (req.headers["content-type"] ?? "").split(";")[0].trim().toLowerCase();
  if (contentType !== "application/x-www-form-urlencoded") {
    return oauthError(400, "invalid_request", "Content-Type must be application/x-www-form-urlencoded");
  }
  const form = new URLSearchParams(req.body.toString("utf8"));
  for (const name of ["grant_type", "client_id", "client_secret"]) {
    if (form.getAll(name).length > 1) return oauthError(400, "invalid_request", `parameter ${name} is repeated`);
  }
  const grantType = form.get("grant_type");
  if (grantType !== "client_credentials") {
    return oauthError(
      400,
      "unsupported_grant_type",
      grantType === null ? "grant_type is required" : `grant_type "${grantType}" is not supported`,
    );
  }
  const id = form.get("client_id") ?? "";
  const secret = form.get("client_secret") ?? "";
  const valid = sameSecret(id, ctx.config.clientId) && sameSecret(secret, ctx.config.clientSecret);
  if (!valid) return oauthError(401, "invalid_client", "client authentication failed: unknown client or wrong secret");
  return {
    status: 200,
    body: { access_token: ctx.tokens.issue(), token_type: "Bearer", expires_in: ctx.tokens.expiresIn, scope: "openid" },
    headers: { "Cache-Control": "no-store", Pragma: "no-cache" },
  };
}

// ---- /api/v1 ----

function requireToken(ctx: ApiContext, req: ApiRequest): void {
  const header = req.headers.authorization;
  if (header === undefined || header === "") throw unauthenticated("missing Authorization header");
  const m = /^Bearer ([^\s]+)$/i.exec(header);
  if (m === null) throw unauthenticated('Authorization header must be "Bearer <access token>"');
  if (!ctx.tokens.isValid(m[1])) throw unauthenticated("invalid or expired access token");
}

function listProviders(ctx: ApiContext, req: ApiRequest): JsonResponse {
  const type = providerTypeFilter(single(req.params, "filter.provider_type"));
  const size = pageSize(single(req.params, "page_size"), ctx.config.defaultPageSize, ctx.config.maxPageSize);
  const token = single(req.params, "page_token") ?? "";
  const identifier = single(req.params, "identifier") ?? "";
  const page = paginate(
    ctx.store.list(type, identifier, req.listLagWrites),
    size,
    token,
    `${type}|${identifier}`,
    ctx.pageTokens,
  );
  return {
    status: 200,
    body: {
      providers: page.items,
      next_page_token: page.next_page_token,
      prev_page_token: page.prev_page_token,
      total_size: page.total_size,
    },
  };
}

function jsonBody(req: ApiRequest): unknown {
  const parsed = parseJsonBody(req.body);
  if (!parsed.ok) throw invalidArgument(`invalid request body: ${parsed.error}`);
  return parsed.value;
}

/**
 * The identifier from the last path segment, raw (`MYASANA:12345`, as Scalekit's docs send it: RFC 3986
 * allows ':' in a segment) or percent-encoded (`MYASANA%3A12345`): both reach the same provider.
 */
function identifierFrom(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw invalidArgument("malformed path: invalid percent-encoding");
  }
}

function route(ctx: ApiContext, req: ApiRequest): JsonResponse {
  const { method, rawPath } = req;
  if (rawPath === "/oauth/token") {
    if (method !== "POST") throw methodNotAllowed();
    return issueToken(ctx, req);
  }
  if (rawPath !== "/api/v1" && !rawPath.startsWith("/api/v1/")) throw routeNotFound();
  requireToken(ctx, req);
  if (rawPath === "/api/v1/providers") {
    if (method !== "GET") throw methodNotAllowed();
    return listProviders(ctx, req);
  }
  if (rawPath === CONNECTIONS_PATH) {
    if (method !== "GET") throw methodNotAllowed();
    return listConnections(ctx, req);
  }
  if (rawPath === CUSTOM_PROVIDERS) {
    if (method !== "POST") throw methodNotAllowed();
    return { status: ctx.config.createStatus, body: { provider: ctx.store.create(jsonBody(req)) } };
  }
  if (rawPath.startsWith(`${CUSTOM_PROVIDERS}/`)) {
    const segment = rawPath.slice(CUSTOM_PROVIDERS.length + 1);
    if (segment === "" || segment.includes("/")) throw routeNotFound();
    if (method === "PUT") {
      const identifier = identifierFrom(segment);
      return { status: 200, body: { provider: ctx.store.update(identifier, jsonBody(req)) } };
    }
    if (method === "DELETE") {
      ctx.store.delete(identifierFrom(segment));
      return { status: 200, body: {} };
    }
    throw methodNotAllowed();
  }
  throw routeNotFound();
}

/** Answer one API or token request. Never throws. */
export function handleApi(ctx: ApiContext, req: ApiRequest): JsonResponse {
  try {
    return route(ctx, req);
  } catch (e) {
    if (e instanceof ApiError) return errorResponse(e);
    const internal = new ApiError(GrpcCode.INTERNAL, `internal error: ${(e as Error).message}`);
    return errorResponse(internal);
  }
}

export type { ApiConfig, ApiContext, ApiRequest } from "./api-context";
