/**
 * Every log line the platform writes while a notification with a child's personal data goes through it (accepted,
 * refused by validation, read back with its personal part, projected and relayed) is captured at debug level and
 * searched for the personal values: none may appear. Also: the open-deadline gauges' query counts the notification.
 */
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countOpenDeadlines } from '@cspr/read-models';
import {
  NOTIFY,
  notifyInput,
  PERSONAL,
  startObservedPlatform,
  type ObservedPlatform,
} from './observed-platform.fixture';

const lines: string[] = [];
const capture = new Writable({
  write: (chunk, _encoding, done) => {
    lines.push(String(chunk));
    done();
  },
});
let platform: ObservedPlatform;

beforeAll(async () => {
  platform = await startObservedPlatform(capture);
}, 60_000);
afterAll(async () => {
  await platform?.close();
});

describe('logs', () => {
  it('carry none of the personal data that passed through the platform', async () => {
    const accepted = await platform.graphql(NOTIFY, { input: notifyInput() });
    const { incidentId } = accepted.data?.notifyIncident as { incidentId: string };
    expect(incidentId).toBeTruthy();
    // Refused input, with the personal values in it.
    const refused = await platform.graphql(NOTIFY, {
      input: { ...notifyInput(), becameAwareOn: `not a date ${PERSONAL.childName}` },
    });
    expect(JSON.stringify(refused)).not.toContain('IncidentPayload');
    // Malformed GraphQL quoting personal data, which Yoga logs at debug level.
    await platform.graphql(`mutation { notifyIncident(input: { location: "${PERSONAL.location}" }) { __typename } }`);
    // The personal part read back (audited), once the read models have the incident.
    await platform.settled();
    const read = await platform.graphql(
      `query($id: ID!) { incident(id: $id) { ... on Incident { personal { children { name } } } } }`,
      { id: incidentId },
    );
    expect(JSON.stringify(read)).toContain(PERSONAL.childName);

    const output = lines.join('');
    expect(lines.length).toBeGreaterThan(10);
    for (const value of Object.values(PERSONAL)) expect(output, `log output contains "${value}"`).not.toContain(value);
  }, 90_000);

  it("counts the notification's open deadlines by kind for the deadline gauges", async () => {
    await platform.settled();
    const counts = await countOpenDeadlines(platform.db.sql, new Date('2026-03-10T12:00:00Z'));
    const kinds = counts.map((c) => c.kind);
    expect(kinds.length).toBeGreaterThan(0);
    expect(counts.every((c) => c.due >= 0 && c.overdue === 0)).toBe(true);
    // Months later, whatever is still open is overdue.
    const later = await countOpenDeadlines(platform.db.sql, new Date('2027-03-10T12:00:00Z'));
    expect(later.reduce((sum, c) => sum + c.overdue, 0)).toBeGreaterThan(0);
    expect(later.every((c) => c.due === 0)).toBe(true);
  }, 30_000);
});
