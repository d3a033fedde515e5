/** Trimming grpc-gateway's empty defaults ("", false, 0, [], {}) from a server copy of a definition. */

export const isEmptyDefault = (v: unknown) =>
  v === "" ||
  v === false ||
  v === 0 ||
  v === null ||
  (Array.isArray(v) && v.length === 0) ||
  (v !== null && typeof v === "object" && !Array.isArray(v) && Object.keys(v as object).length === 0);

/**
 * The server's definition shaped like the previous declaration: keys the user wrote are kept even
 * when empty; empty server defaults the user never wrote are left out. So after a refresh that found
 * drift, the next preview shows the real differences and not grpc-gateway's empty fields.
 */
export function shapeLike(server: unknown, template: unknown): unknown {
  if (Array.isArray(server)) {
    const t = Array.isArray(template) ? template : [];
    return server.map((v, i) => shapeLike(v, t[i]));
  }
  if (server !== null && typeof server === "object") {
    const t =
      template !== null && typeof template === "object" && !Array.isArray(template)
        ? (template as Record<string, unknown>)
        : undefined;
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(server as Record<string, unknown>)) {
      if (t && key in t) out[key] = shapeLike(value, t[key]);
      else if (!isEmptyDefault(value)) out[key] = shapeLike(value, undefined);
    }
    return out;
  }
  return server;
}
