import { z } from "zod";
import { MAX_DEFINITION_DEPTH, nestedDeeperThan } from "../definition/depth";
import type { ApiProvider } from "../definition/types";
import { ScalekitProtocolError } from "../errors";

/**
 * The documented shapes of the answers the client believes. A 2xx body of any other shape is a
 * ScalekitProtocolError, never an empty list: "gone" may only be concluded from a well-formed answer.
 * Unknown keys are kept (the server adds fields over time).
 */
const providerShape = z
  .object({
    identifier: z.string().min(1),
    // Absent, null or "": a provider with no name, skipped where names are read (namedProviders).
    display_name: z.string().nullish(),
  })
  .passthrough();

const listPageShape = z
  .object({
    providers: z.array(providerShape),
    next_page_token: z.string().optional(),
  })
  .passthrough();

const providerAnswerShape = z.object({ provider: providerShape }).passthrough();

/**
 * How deeply an answer may nest objects and arrays: a definition within MAX_DEFINITION_DEPTH (which a
 * declaration is held to at preview) in the envelope of a listing or an answer. An answer far deeper
 * is not one, and the recursive code that reads definitions would overflow the stack on it: it is
 * refused as a protocol error instead.
 */
export const MAX_ANSWER_DEPTH = MAX_DEFINITION_DEPTH + 8;

export { nestedDeeperThan };

/**
 * The providers of a listing that have a name. One without `display_name` (absent, null or "") cannot
 * be matched by name, written as a definition file or compared: it is skipped, and `warn` says so
 * (once per identifier). Look-ups by identifier keep it: "gone" is never concluded from a missing name.
 */
export function namedProviders(providers: ApiProvider[], warn: (message: string) => void): ApiProvider[] {
  const named: ApiProvider[] = [];
  for (const p of providers) {
    if (typeof p.display_name === "string" && p.display_name !== "") named.push(p);
    else warn(unnamedProvider(p.identifier));
  }
  return named;
}

export function unnamedProvider(identifier: string): string {
  return (
    `Scalekit listed custom provider ${identifier} without a display_name: it is skipped where providers are matched ` +
    `or written by name (a create's look-up, export, compare, the lookups). Give it a name in the Scalekit Dashboard.`
  );
}

export interface ListPage {
  providers: ApiProvider[];
  nextPageToken: string;
}

export interface Where {
  method: string;
  path: string;
  status: number;
}

export function parseListPage(data: unknown, where: Where): ListPage {
  const parsed = listPageShape.safeParse(data);
  if (!parsed.success) throw malformed(data, where, "a provider list", parsed.error);
  return { providers: parsed.data.providers as unknown as ApiProvider[], nextPageToken: parsed.data.next_page_token ?? "" };
}

export function parseProviderAnswer(data: unknown, where: Where): ApiProvider {
  const parsed = providerAnswerShape.safeParse(data);
  if (!parsed.success) throw malformed(data, where, '{"provider": {...}}', parsed.error);
  return parsed.data.provider as unknown as ApiProvider;
}

/** A 2xx body of another shape than `expected`, as the error that says so (an excerpt of the body included). */
export function malformed(data: unknown, where: Where, expected: string, error: z.ZodError): ScalekitProtocolError {
  const issue = error.issues[0];
  const at = issue && issue.path.length ? ` at ${issue.path.join(".")}` : "";
  const got =
    typeof data === "string"
      ? "text that is not JSON"
      : data === null || data === undefined
        ? "an empty body"
        : `a body that is not ${expected}`;
  return new ScalekitProtocolError({ ...where, reason: `${got}${issue ? ` (${issue.message}${at})` : ""}`, body: data });
}
