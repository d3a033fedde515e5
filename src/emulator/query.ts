/** Query parameters as grpc-gateway reads them into a request message. */
import { invalidArgument } from "./errors";

/** A singular query parameter: absent -> undefined, repeated -> 400 (a non-repeated field takes one value). */
export function single(params: URLSearchParams, name: string): string | undefined {
  const all = params.getAll(name);
  if (all.length > 1) throw invalidArgument(`query parameter ${name} must not be repeated`);
  return all[0];
}

/** Length in Unicode code points, as buf.validate counts it. */
export function codePoints(s: string): number {
  return [...s].length;
}
