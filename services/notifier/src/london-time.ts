/**
 * Wall-clock time in England. Reminders go out at a configured local time (09:00 Europe/London), so the instant
 * differs by an hour between GMT and BST; Intl carries the rules, nothing here hard-codes an offset.
 */
import { londonDate } from '@cspr/domain';

const parts = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** The local time in England of an instant, `HH:MM`. */
export const londonTime = (now: Date): string => {
  const p = parts.formatToParts(now);
  return `${p.find((x) => x.type === 'hour')!.value}:${p.find((x) => x.type === 'minute')!.value}`;
};

export const londonToday = (now: Date): string => londonDate(now.toISOString());

/**
 * The instant at which it is `time` on `date` in England. Tries the two offsets England uses (GMT, BST): the one whose
 * instant reads back as the wanted local time wins. A time inside the spring-forward gap (01:00–02:00 on the last
 * Sunday of March, never a working day) does not exist and falls back to reading the time as UTC.
 */
export const londonInstant = (date: string, time: string): Date => {
  for (const offsetHours of [0, 1]) {
    const candidate = new Date(`${date}T${time}:00Z`);
    candidate.setUTCHours(candidate.getUTCHours() - offsetHours);
    if (londonToday(candidate) === date && londonTime(candidate) === time) return candidate;
  }
  return new Date(`${date}T${time}:00Z`);
};
