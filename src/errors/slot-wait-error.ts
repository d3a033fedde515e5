import { ScalekitError } from "./scalekit-error";

/**
 * A request gave up waiting for one of the environment's request slots (`maxConcurrentRequests`)
 * because its deadline passed first. Nothing was sent.
 */
export class ScalekitSlotWaitError extends ScalekitError {
  readonly maxConcurrentRequests: number;

  constructor(maxConcurrentRequests: number, detail: string) {
    super(
      `Gave up waiting for a request slot (at most ${maxConcurrentRequests} Scalekit requests in flight per environment): ${detail}. ` +
        `Nothing was sent; raise maxConcurrentRequests or lower Pulumi's --parallel.`,
    );
    this.maxConcurrentRequests = maxConcurrentRequests;
  }
}
