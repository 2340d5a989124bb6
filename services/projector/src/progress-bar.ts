/** A one-line progress bar on stderr: events done of total, percentage and events per second. */
import type { RebuildProgress } from './rebuild';

const WIDTH = 30;

export const formatProgress = (progress: RebuildProgress): string => {
  const rate = `${Math.round(progress.eventsPerSecond).toLocaleString('en-GB')} events/s`;
  const done = progress.done.toLocaleString('en-GB');
  if (progress.total === null || progress.total <= 0) return `rebuild ${done} events  ${rate}`;
  const share = Math.min(1, progress.done / progress.total);
  const filled = Math.round(share * WIDTH);
  return `rebuild [${'#'.repeat(filled)}${'-'.repeat(WIDTH - filled)}] ${done}/${progress.total.toLocaleString('en-GB')} ${(share * 100).toFixed(1)}%  ${rate}`;
};

/** Redraws at most every 100 ms; on a non-terminal stderr prints a line every 5 s instead. */
export const createProgressBar = (stream: NodeJS.WriteStream = process.stderr) => {
  let last = 0;
  const interactive = stream.isTTY === true;
  return {
    update: (progress: RebuildProgress) => {
      const now = Date.now();
      if (now - last < (interactive ? 100 : 5000)) return;
      last = now;
      stream.write(interactive ? `\r${formatProgress(progress)}\u001b[K` : `${formatProgress(progress)}\n`);
    },
    finish: (progress: RebuildProgress) => {
      stream.write(interactive ? `\r${formatProgress(progress)}\u001b[K\n` : `${formatProgress(progress)}\n`);
    },
  };
};
