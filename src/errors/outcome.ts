/**
 * The one list of what a failed request says about whether the server acted on it. The retry rules
 * (client/retry-policy.ts) and the create's look-up before a resend (client/client.ts) both read it,
 * so "may have been applied" cannot mean two things.
 */
export const REQUEST_OUTCOMES = {
  /** No answer, but the request may have reached the server and been applied. */
  mayHaveBeenAppliedNetworkCodes: ["ECONNRESET", "ETIMEDOUT", "ECONNABORTED", "EPIPE", "ERR_NETWORK", "ESOCKETTIMEDOUT"],
  /** Gateway answers: the backend may have committed before the gateway gave up. */
  mayHaveBeenAppliedStatuses: [502, 503, 504],
  /** The connection was never made: nothing reached the server. */
  notSentNetworkCodes: ["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH", "ENETUNREACH"],
  /** Answers that prove the server did not act. */
  notActedStatuses: [429],
} as const;

export function networkCodeMayHaveBeenApplied(code: string): boolean {
  return !(REQUEST_OUTCOMES.notSentNetworkCodes as readonly string[]).includes(code);
}
