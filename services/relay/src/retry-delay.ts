/**
 * The wait before the relay retries a batch the broker refused: exponential from `initialMs`, jittered so that
 * several relays do not retry in step, and never above `maxMs`. The jitter is applied before the cap, so the cap is
 * the longest the relay ever waits after the broker returns (a jitter added after the cap once made it 12 s).
 */
export type RetryPolicy = { initialMs: number; maxMs: number };

/** `random` is a number in [0, 1) (Math.random in production, fixed in tests). */
export const retryDelayMs = (policy: RetryPolicy, attempt: number, random: number): number => {
  const base = policy.initialMs * 2 ** Math.min(Math.max(attempt, 0), 30);
  const jittered = base * (0.8 + random * 0.4);
  return Math.min(policy.maxMs, jittered);
};
