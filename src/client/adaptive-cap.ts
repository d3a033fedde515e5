/**
 * How the cap on requests in flight to one environment follows Scalekit's answers: additive increase,
 * multiplicative decrease, as TCP's congestion control does. A run starts at `start` requests in
 * flight; while every answer comes back unthrottled and the cap is in full use, it rises by one per
 * answer (slow start, so a large run is not held at the start value for long) up to the ceiling,
 * the configured `maxConcurrentRequests`. A 429 halves it (at least 1) and ends slow start: from
 * then on it rises by one per round of `cap` unthrottled answers, so a throttled run backs off fast
 * and recovers gradually. Pure: the limiter (limiter.ts) applies it.
 */
export interface AdaptiveCapRule {
  /** The cap a run starts with (the ceiling, when that is lower). */
  start: number;
  /** A throttled answer multiplies the cap by this (rounded down, at least 1). */
  decrease: number;
}

export const DEFAULT_ADAPTIVE_CAP_RULE: AdaptiveCapRule = { start: 4, decrease: 0.5 };

export interface CapState {
  cap: number;
  /** The configured maxConcurrentRequests: the cap never rises above it. */
  ceiling: number;
  /** Below it the cap rises by one per answer (slow start); from it on, by one per round of `cap` answers. */
  threshold: number;
  /** Unthrottled answers counted towards the next step of one, above the threshold. */
  credit: number;
  /**
   * Bumped by each decrease. Requests sent before a decrease were sent under the old cap: their 429s
   * say nothing new, so a burst of them halves the cap once, not once per request.
   */
  epoch: number;
}

export function initialCap(ceiling: number, rule: AdaptiveCapRule = DEFAULT_ADAPTIVE_CAP_RULE): CapState {
  return { cap: Math.min(rule.start, ceiling), ceiling, threshold: ceiling, credit: 0, epoch: 0 };
}

/** An unthrottled answer while the cap was in full use (the limiter judges "full use"). */
export function afterAnswer(s: CapState): CapState {
  if (s.cap >= s.ceiling) return s;
  if (s.cap < s.threshold) return { ...s, cap: s.cap + 1, credit: 0 };
  const credit = s.credit + 1;
  return credit >= s.cap ? { ...s, cap: s.cap + 1, credit: 0 } : { ...s, credit };
}

/** A throttled answer to a request sent during `sentInEpoch`. */
export function afterThrottle(s: CapState, sentInEpoch: number, rule: AdaptiveCapRule = DEFAULT_ADAPTIVE_CAP_RULE): CapState {
  if (sentInEpoch !== s.epoch) return s;
  const cap = Math.max(1, Math.floor(s.cap * rule.decrease));
  return { ...s, cap, threshold: cap, credit: 0, epoch: s.epoch + 1 };
}

/** A lower ceiling (two configurations naming one environment: the smaller wins). */
export function withCeiling(s: CapState, ceiling: number): CapState {
  const c = Math.min(s.ceiling, ceiling);
  return { ...s, ceiling: c, cap: Math.min(s.cap, c), threshold: Math.min(s.threshold, c) };
}
