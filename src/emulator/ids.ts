/** Random digits for server-made ids (`prv_…`, `conn_…`, identifier suffixes): never a leading zero. */
import { randomInt } from "crypto";

export function randomDigits(n: number): string {
  let s = String(randomInt(1, 10));
  while (s.length < n) s += String(randomInt(0, 10));
  return s;
}
