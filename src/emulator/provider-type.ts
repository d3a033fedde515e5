/**
 * The list's `filter.provider_type`. The enum, read from the ProviderType descriptor in
 * scalekit-sdk-python 2.21.0 (scalekit/v1/providers/providers_pb2.py, package scalekit.v1.providers):
 * DEFAULT = 0, CUSTOM = 1, ALL = 2. Its field doc: "DEFAULT (0) returns default providers, CUSTOM (1)
 * returns environment-scoped custom providers, and ALL (2) returns both"; omitted is DEFAULT.
 *
 * grpc-gateway (runtime/query.go, parseField) reads an enum query parameter by its name, exactly
 * (case-sensitive), and failing that by its number through Go's strconv.Atoi, which takes an optional
 * sign and leading zeros ("+1", "01"); any other value is a 400.
 */
import { invalidArgument } from "./errors";

export type ProviderTypeFilter = "BUILTIN" | "CUSTOM" | "ALL";

const BY_NAME: Record<string, ProviderTypeFilter> = { DEFAULT: "BUILTIN", CUSTOM: "CUSTOM", ALL: "ALL" };
const BY_NUMBER: ProviderTypeFilter[] = ["BUILTIN", "CUSTOM", "ALL"];

/** The filter a raw `filter.provider_type` value stands for; throws 400 INVALID_ARGUMENT for anything else. */
export function providerTypeFilter(raw: string | undefined): ProviderTypeFilter {
  if (raw === undefined) return "BUILTIN";
  if (Object.prototype.hasOwnProperty.call(BY_NAME, raw)) return BY_NAME[raw];
  if (/^[+-]?\d+$/.test(raw)) {
    const byNumber = BY_NUMBER[Number(raw)];
    if (byNumber !== undefined) return byNumber;
  }
  throw invalidArgument(
    `invalid value for filter.provider_type: "${raw}" (expected DEFAULT, CUSTOM or ALL, or their numbers 0, 1, 2)`,
  );
}
