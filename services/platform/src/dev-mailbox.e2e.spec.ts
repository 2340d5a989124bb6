/**
 * `npm start` with the notifier: a partnership names its shared mailbox over GraphQL, an incident is notified, and
 * the confirmation shows on the web app's development mailbox page, http://localhost:<port>/dev/mailbox; /health carries the notifier's state.
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadOrCreateDevSigningKey, mintDevToken } from '@cspr/gateway';
import { createTestDatabase, type TestDatabase } from '@cspr/testing';
import { startPlatform, type StartedPlatform } from './platform';

const freePort = () =>
  new Promise<number>((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });

let db: TestDatabase;
let dataDir: string;
let platform: StartedPlatform;
const NOW = new Date('2027-04-01T10:00:00Z');

beforeAll(async () => {
  db = await createTestDatabase();
  dataDir = await mkdtemp(join(tmpdir(), 'cspr-mailbox-'));
  platform = await startPlatform({
    env: {
      DATABASE_URL: db.url,
      DATA_DIR: dataDir,
      PORT: String(await freePort()),
      LOG_LEVEL: 'warn',
      CSPR_ADMIN_USER_IDS: 'admin-1',
    },
    notifierClock: () => NOW,
  });
}, 120_000);
afterAll(async () => {
  await platform?.runtime.shutdown('test done');
  await db?.drop();
  await rm(dataDir, { recursive: true, force: true });
});

describe('npm start: the development mailbox', () => {
  it('shows the confirmation sent to the shared mailbox a partnership named', async () => {
    const base = `http://127.0.0.1:${platform.port}`;
    const token = await mintDevToken(await loadOrCreateDevSigningKey(dataDir), { role: 'admin', sub: 'admin-1' });
    const added = (await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({
        query: `mutation { addPartnershipContact(input: { partnershipId: "leeds", contactId: "business-unit",
        kind: "shared-mailbox", email: "lscp@leeds.example" }) { __typename } }`,
      }),
    }).then((r) => r.json())) as { data: { addPartnershipContact: { __typename: string } } };
    expect(added.data.addPartnershipContact.__typename).toBe('PartnershipPayload');

    const incidentId = randomUUID();
    const eventId = randomUUID();
    await platform.runtime.store.appendToStream(`incident-${incidentId}`, [
      {
        eventId,
        type: 'IncidentNotified',
        data: {
          incidentId,
          partnershipId: 'leeds',
          localAuthorityCode: 'E08000035',
          nature: 'looked-after-child-death',
          becameAwareOn: '2027-03-30',
          notifiedOn: '2027-04-01',
          notifiedAt: NOW.toISOString(),
          guidanceEdition: 'panel-guidance-2025',
          children: [{}],
        },
        metadata: {
          actor: { userId: 'user-leeds', role: 'partnership' },
          correlationId: eventId,
          causationId: eventId,
          occurredAt: NOW.toISOString(),
        },
      },
    ]);
    // Written straight to the log, the incident has no reference: the email names it by its date, never by its id.
    const subject = 'Received: notification to the Panel for the incident notified Thursday 1 April 2027';
    let page = '';
    for (let waited = 0; waited < 30_000 && !page.includes(subject); waited += 500) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      page = await fetch(`${base}/dev/mailbox`).then((r) => r.text());
    }
    expect(page).toContain(subject);
    expect(page).toContain('lscp@leeds.example');
    const health = (await fetch(`${base}/health`).then((r) => r.json())) as {
      status: string;
      checks: { notifier: { emails: string; counts: Record<string, number> } };
    };
    expect(health).toMatchObject({ status: 'ok', checks: { notifier: { emails: 'ok', counts: { sent: 1 } } } });
  }, 60_000);
});
