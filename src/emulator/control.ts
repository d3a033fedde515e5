/**
 * The /_emulator control routes, for other processes (shell scripts, Pulumi CLI tests). They need no
 * auth and are not logged. Answers are JSON; API-shaped failures (seeding an invalid definition,
 * connecting an unknown provider, a taken connection name) carry the API's grpc-gateway body and status.
 */
import { InvalidConnection } from "./connections";
import { InvalidUpdateMode, type EmulatorCore } from "./core";
import { ApiError } from "./errors";
import { InvalidFault } from "./faults";
import { parseJsonBody, type JsonResponse, type Target } from "./http-util";

export const CONTROL_PREFIX = "/_emulator";

function fail(status: number, message: string): JsonResponse {
  return { status, body: { error: message } };
}

function ok(body: unknown = {}, status = 200): JsonResponse {
  return { status, body };
}

type Handler = (core: EmulatorCore, body: unknown, arg: string) => JsonResponse;

const ROUTES: Record<string, Partial<Record<string, Handler>>> = {
  "/requests": {
    GET: (core) => ok({ requests: core.requests() }),
    DELETE: (core) => (core.clearRequests(), ok()),
  },
  "/faults": {
    POST: (core, body) => (core.injectFault(body), ok()),
  },
  "/faults/release": {
    POST: (core) => ok({ released: core.releaseHeld() }),
  },
  "/connections": {
    GET: (core) => ok({ connections: core.connections() }),
    POST: (core, body) => {
      const { identifier, ...spec } = (typeof body === "object" && body !== null ? body : {}) as Record<string, unknown>;
      if (typeof identifier !== "string" || identifier === "")
        return fail(400, 'body must be {"identifier": "<provider identifier>", "name"?, "type"?, "status"?, "enabled"?}');
      return ok({ identifier, connection: core.addConnection(identifier, spec) });
    },
  },
  "/connections/*": {
    DELETE: (core, _body, identifier) => (core.removeConnections(identifier), ok()),
  },
  "/providers": {
    GET: (core) => ok({ providers: core.providers() }),
    POST: (core, body) => ok({ provider: core.seedProvider(body) }, 201),
  },
  "/update-mode": {
    GET: (core) => ok(core.updateBehaviour()),
    POST: (core, body) => {
      const { mode, metadata, proxyEnabled, ...rest } = (typeof body === "object" && body !== null ? body : {}) as Record<
        string,
        unknown
      >;
      const unknown = Object.keys(rest);
      if (unknown.length > 0) {
        return fail(400, `unknown property "${unknown[0]}": expected {"mode", "metadata"?, "proxyEnabled"?}`);
      }
      core.setUpdateMode(mode, { metadata, proxyEnabled });
      return ok(core.updateBehaviour());
    },
  },
  "/reset": {
    POST: (core) => (core.reset(), ok()),
  },
  "/tokens": {
    GET: (core) => ok({ tokens: core.issuedTokens() }),
  },
  "/revoke-tokens": {
    POST: (core) => (core.revokeTokens(), ok()),
  },
};

export function isControlPath(rawPath: string): boolean {
  return rawPath === CONTROL_PREFIX || rawPath.startsWith(`${CONTROL_PREFIX}/`);
}

export function handleControl(core: EmulatorCore, method: string, target: Target, rawBody: Buffer): JsonResponse {
  let sub = target.rawPath.slice(CONTROL_PREFIX.length);
  let arg = "";
  const conn = "/connections/";
  if (sub.startsWith(conn) && sub.length > conn.length && !sub.slice(conn.length).includes("/")) {
    try {
      arg = decodeURIComponent(sub.slice(conn.length));
    } catch {
      return fail(400, "malformed identifier in path");
    }
    sub = "/connections/*";
  }
  const route = ROUTES[sub];
  if (route === undefined) return fail(404, `no control route ${target.rawPath}`);
  const handler = route[method];
  if (handler === undefined) {
    return {
      status: 405,
      body: { error: `method ${method} not allowed on ${target.rawPath}` },
      headers: { Allow: Object.keys(route).join(", ") },
    };
  }
  const parsed = parseJsonBody(rawBody);
  if (!parsed.ok) return fail(400, `invalid JSON body: ${parsed.error}`);
  try {
    return handler(core, parsed.value, arg);
  } catch (e) {
    if (e instanceof ApiError) return { status: e.httpStatus, body: e.toBody() };
    if (e instanceof InvalidFault || e instanceof InvalidConnection || e instanceof InvalidUpdateMode)
      return fail(400, e.message);
    return fail(500, (e as Error).message);
  }
}
