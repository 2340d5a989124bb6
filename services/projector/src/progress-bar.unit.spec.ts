import { describe, expect, it } from 'vitest';
import { formatProgress } from './progress-bar';

describe('rebuild progress bar', () => {
  it('shows events done of total, the share and events per second', () => {
    expect(formatProgress({ done: 250_000, total: 1_000_000, eventsPerSecond: 12_345.6, elapsedSeconds: 20 })).toBe(
      'rebuild [########----------------------] 250,000/1,000,000 25.0%  12,346 events/s',
    );
  });

  it('without a known total shows the count and the rate only', () => {
    expect(formatProgress({ done: 42, total: null, eventsPerSecond: 7, elapsedSeconds: 6 })).toBe(
      'rebuild 42 events  7 events/s',
    );
  });
});
