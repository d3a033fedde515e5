import { ScalekitError } from "./scalekit-error";

/**
 * A request gave up waiting for one of the environment's request slots because its deadline passed
 * first. Nothing was sent. The cap adapts below `maxConcurrentRequests` (its ceiling): it starts
 * lower and falls while Scalekit throttles, so both are named.
 */
export class ScalekitSlotWaitError extends ScalekitError {
  readonly cap: number;
  readonly maxConcurrentRequests: number;

  constructor(cap: number, detail: string, maxConcurrentRequests: number = cap) {
    const ceiling = maxConcurrentRequests > cap ? `, of at most ${maxConcurrentRequests} (maxConcurrentRequests)` : "";
    super(
      `Gave up waiting for a request slot (${cap} Scalekit requests in flight per environment${ceiling}): ${detail}. ` +
        `Nothing was sent; raise maxConcurrentRequests or operationTimeout, or lower Pulumi's --parallel.`,
    );
    this.cap = cap;
    this.maxConcurrentRequests = maxConcurrentRequests;
  }
}
