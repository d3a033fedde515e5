/**
 * GET /api/v1/connections/app (ListAppConnections, marked PREVIEW by Scalekit). The request's rules
 * come from its buf.validate options in sdk 2.21's connections_pb2: `page_size` is a uint32 with
 * `lte: 30`; `provider` is an `optional` string of 1 to 50 characters, so leaving it out lists every
 * connection while `provider=` (present, empty) is refused. `query` is a text search over connections
 * (its rules are not published: the emulator matches it, case-insensitively, as a part of a
 * connection's name `key_id`, its `id`, its `provider_key`, its organization's name or a domain; absent
 * or empty, it lists every connection). The permission it needs,
 * `agent_connectors:read`, is the provider list's; the emulator has one client with every permission.
 */
import type { ApiContext, ApiRequest } from "./api-context";
import { invalidArgument, validationFailed } from "./errors";
import type { JsonResponse } from "./http-util";
import { paginate } from "./pagination";
import { codePoints, single } from "./query";
import type { ConnectionObject, FieldViolation } from "./types";

export const CONNECTIONS_PATH = "/api/v1/connections/app";
export const CONNECTIONS_MAX_PAGE_SIZE = 30;
const PROVIDER_MIN = 1;
const PROVIDER_MAX = 50;
const UINT32_MAX = 4294967295;

/** grpc-gateway parses a uint32 with strconv.ParseUint: digits only, no sign. A parse failure is not a field violation. */
function parsePageSize(raw: string | undefined): number {
  if (raw === undefined) return 0;
  if (!/^\d+$/.test(raw) || Number(raw) > UINT32_MAX) {
    throw invalidArgument(`invalid value for page_size: "${raw}" is not an unsigned 32-bit integer`);
  }
  return Number(raw);
}

/** Whether `query` is a part of the connection's name, id, provider key, organization name or a domain (any case). */
export function matchesQuery(c: ConnectionObject, query: string): boolean {
  if (query === "") return true;
  const q = query.toLowerCase();
  return [c.key_id, c.id, c.provider_key, c.organization_name, ...c.domains].some((v) => v.toLowerCase().includes(q));
}

export function listConnections(ctx: ApiContext, req: ApiRequest): JsonResponse {
  const requested = parsePageSize(single(req.params, "page_size"));
  const token = single(req.params, "page_token") ?? "";
  const provider = single(req.params, "provider");
  const query = single(req.params, "query") ?? "";

  // buf.validate reports every violation at once, in field-number order (page_size 1, provider 3).
  const violations: FieldViolation[] = [];
  if (requested > CONNECTIONS_MAX_PAGE_SIZE) {
    violations.push({
      field: "page_size",
      description: `value must be less than or equal to ${CONNECTIONS_MAX_PAGE_SIZE}`,
      constraint: "uint32.lte",
    });
  }
  if (provider !== undefined && codePoints(provider) < PROVIDER_MIN) {
    violations.push({
      field: "provider",
      description: `value length must be at least ${PROVIDER_MIN} characters`,
      constraint: "string.min_len",
    });
  }
  if (provider !== undefined && codePoints(provider) > PROVIDER_MAX) {
    violations.push({
      field: "provider",
      description: `value length must be at most ${PROVIDER_MAX} characters`,
      constraint: "string.max_len",
    });
  }
  if (violations.length > 0) throw validationFailed(violations);

  const size = requested === 0 ? Math.min(ctx.config.defaultPageSize, CONNECTIONS_MAX_PAGE_SIZE) : requested;
  const listed = ctx.store.connections.list(provider).filter((c) => matchesQuery(c, query));
  // A page token is bound to its listing: the same provider and the same query.
  const page = paginate(listed, size, token, `connections|${provider ?? ""}|${query}`, ctx.pageTokens);
  return {
    status: 200,
    body: {
      connections: page.items,
      next_page_token: page.next_page_token,
      prev_page_token: page.prev_page_token,
      total_size: page.total_size,
    },
  };
}
