import { z } from "zod";
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
    display_name: z.string().optional(),
  })
  .passthrough();

const listPageShape = z
  .object({
    providers: z.array(providerShape),
    next_page_token: z.string().optional(),
  })
  .passthrough();

const providerAnswerShape = z.object({ provider: providerShape }).passthrough();

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
