import { describe, expect, it } from 'vitest';
import { retryDelayMs } from './retry-delay';

const policy = { initialMs: 250, maxMs: 10_000 };

describe('retryDelayMs', () => {
  it('doubles from the initial delay, jittered by ±20%', () => {
    expect(retryDelayMs(policy, 0, 0.5)).toBe(250);
    expect(retryDelayMs(policy, 1, 0.5)).toBe(500);
    expect(retryDelayMs(policy, 2, 0)).toBe(800);
    expect(retryDelayMs(policy, 2, 0.999_999)).toBeCloseTo(1200, 2);
  });

  it('never exceeds the cap, whatever the jitter and the attempt', () => {
    for (const attempt of [5, 6, 10, 16, 40, 1000]) {
      for (const random of [0, 0.25, 0.5, 0.75, 0.999_999]) {
        expect(retryDelayMs(policy, attempt, random)).toBeLessThanOrEqual(policy.maxMs);
      }
    }
    expect(retryDelayMs(policy, 40, 0.999_999)).toBe(10_000);
  });

  it('still spreads retries below the cap', () => {
    // 250 * 2^5 = 8000: jitter spans 6400..9600, under the 10 s cap.
    expect(retryDelayMs(policy, 5, 0)).toBe(6400);
    expect(retryDelayMs(policy, 5, 0.999_999)).toBeCloseTo(9600, 1);
  });
});
