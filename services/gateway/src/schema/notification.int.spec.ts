import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { incidentStreamId, PHONE_MAX } from '@cspr/domain';
import { startGatewayFixture } from '../gateway.fixture';
import type { GatewayFixture } from '../gateway.fixture';

const CHILD_NAME = 'Orlaith Testchild';

const NOTIFY = /* GraphQL */ `
  mutation Notify($input: NotifyIncidentInput!) {
    notifyIncident(input: $input) {
      __typename
      ... on IncidentPayload { incidentId position alreadyApplied }
      ... on ClientError { message code }
      ... on ValidationError { field }
    }
  }`;

export const notifyInput = (overrides: Record<string, unknown> = {}) => ({
  localAuthorityCode: 'E08000035',
  nature: 'SERIOUS_HARM',
  becameAwareOn: '2026-03-05',
  incidentOn: '2026-03-04',
  children: [
    {
      childRef: 'child-1',
      name: CHILD_NAME,
      dateOfBirth: '2019-06-15',
      sex: 'FEMALE',
      ethnicity: 'WHITE',
      disability: 'NO',
      placement: 'AT_HOME',
      lookedAfter: false,
      childInNeedPlan: true,
      childProtectionPlan: false,
      knownToAgencies: 'YES',
    },
  ],
  notifier: { name: 'Notifier Person', role: 'Head of service', email: 'notifier@leeds.gov.uk' },
  location: 'Home address',
  caseOutline: 'Outline.',
  ...overrides,
});

let f: GatewayFixture;
beforeAll(async () => {
  f = await startGatewayFixture();
});
afterAll(async () => {
  await f?.close();
});

describe('notifyIncident', () => {
  it("appends IncidentNotified for the token's partnership and answers with the position", async () => {
    const response = await f.graphql({ role: 'partnership', partnership: 'leeds' }, NOTIFY, { input: notifyInput() });
    const result = response.data!.notifyIncident;
    expect(result.__typename).toBe('IncidentPayload');
    expect(result.position).toMatch(/^\d+\.\d+$/);
    const events = await f.gateway.services.store.readStream(incidentStreamId(result.incidentId));
    expect(events.map((e) => e.type)).toEqual(['IncidentNotified']);
    expect(events[0]!.metadata.actor).toEqual({ userId: 'dev-partnership-leeds', role: 'partnership' });
  });

  it('applies a retried command id once', async () => {
    const input = notifyInput({ commandId: 'form-submit-7' });
    const first = (await f.graphql({ role: 'partnership', partnership: 'leeds' }, NOTIFY, { input })).data!
      .notifyIncident;
    const again = (await f.graphql({ role: 'partnership', partnership: 'leeds' }, NOTIFY, { input })).data!
      .notifyIncident;
    expect(again).toMatchObject({ incidentId: first.incidentId, position: first.position, alreadyApplied: true });
    expect(await f.gateway.services.store.readStream(incidentStreamId(first.incidentId))).toHaveLength(1);
  });

  it('answers a ValidationError naming the field, without echoing the value', async () => {
    const bad = notifyInput({ children: [{ ...notifyInput().children[0], dateOfBirth: `${CHILD_NAME}` }] });
    const result = (await f.graphql({ role: 'partnership', partnership: 'leeds' }, NOTIFY, { input: bad })).data!
      .notifyIncident;
    expect(result).toMatchObject({
      __typename: 'ValidationError',
      code: 'VALIDATION',
      field: 'children.0.dateOfBirth',
    });
    expect(result.message).not.toContain(CHILD_NAME);
  });

  it('answers a ValidationError from the decider for an LA outside the partnership', async () => {
    const result = (
      await f.graphql({ role: 'partnership', partnership: 'leeds' }, NOTIFY, {
        input: notifyInput({ localAuthorityCode: 'E08000032' }),
      })
    ).data!.notifyIncident;
    expect(result).toMatchObject({ __typename: 'ValidationError', field: 'localAuthorityCode' });
  });

  it('refuses Ofsted and the public with a ForbiddenError, and a bad token with 401', async () => {
    const ofsted = (await f.graphql({ role: 'ofsted' }, NOTIFY, { input: notifyInput() })).data!.notifyIncident;
    expect(ofsted).toMatchObject({ __typename: 'ForbiddenError', code: 'FORBIDDEN' });
    const anonymous = (await f.graphql('public', NOTIFY, { input: notifyInput() })).data!.notifyIncident;
    expect(anonymous.__typename).toBe('ForbiddenError');
    const response = await f.gateway.yoga.fetch('http://gateway.test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer a.b.c' },
      body: JSON.stringify({ query: '{ viewer { role } }' }),
    });
    expect(response.status).toBe(401);
    expect(((await response.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code).toBe(
      'UNAUTHENTICATED',
    );
  });

  it('refuses a partnership notifying for another partnership', async () => {
    const result = (
      await f.graphql({ role: 'partnership', partnership: 'leeds' }, NOTIFY, {
        input: notifyInput({ partnershipId: 'bradford', localAuthorityCode: 'E08000032' }),
      })
    ).data!.notifyIncident;
    expect(result.__typename).toBe('ForbiddenError');
  });
});

describe('one input contract for notifications and referrals', () => {
  const AMEND = /* GraphQL */ `
    mutation Amend($input: AmendNotificationInput!) {
      amendNotification(input: $input) { __typename ... on ClientError { message } ... on ValidationError { field } }
    }`;
  const LEEDS = { role: 'partnership', partnership: 'leeds' } as const;
  const openedNotifier = async (incidentId: string, index: number) => {
    const events = await f.gateway.services.store.readStream(incidentStreamId(incidentId));
    const opened = await f.gateway.services.vault.open<{ notifier: { name: string } }>(
      incidentId,
      (events[index]!.data as { personal: unknown }).personal,
    );
    return opened.status === 'available' ? opened.value.notifier : undefined;
  };

  it("refuses a phone over the domain's limit, or not a number, naming the field, on notify and amend alike", async () => {
    const tooLong = { ...notifyInput().notifier, phone: '0'.repeat(PHONE_MAX + 1) };
    const notify = (await f.graphql(LEEDS, NOTIFY, { input: notifyInput({ notifier: tooLong }) })).data!.notifyIncident;
    expect(notify).toMatchObject({ __typename: 'ValidationError', field: 'notifier.phone' });
    const { incidentId } = (await f.graphql(LEEDS, NOTIFY, { input: notifyInput() })).data!.notifyIncident;
    const notANumber = { ...notifyInput().notifier, phone: 'call the office' };
    const amend = (
      await f.graphql(LEEDS, AMEND, {
        input: { incidentId, reason: 'CORRECTING_A_MISTAKE', changes: { notifier: notANumber } },
      })
    ).data!.amendNotification;
    expect(amend).toMatchObject({ __typename: 'ValidationError', field: 'changes.notifier.phone' });
    const longest = { ...notifyInput().notifier, phone: `+${'1'.repeat(PHONE_MAX - 1)}` };
    expect(
      (
        await f.graphql(LEEDS, AMEND, {
          input: { incidentId, reason: 'CORRECTING_A_MISTAKE', changes: { notifier: longest } },
        })
      ).data!.amendNotification.__typename,
    ).toBe('IncidentPayload');
  });

  it('passes the checked values on: a name is trimmed the same way when notified and when amended', async () => {
    const padded = { ...notifyInput().notifier, name: '  Padded Person  ' };
    const { incidentId } = (await f.graphql(LEEDS, NOTIFY, { input: notifyInput({ notifier: padded }) })).data!
      .notifyIncident;
    expect(await openedNotifier(incidentId, 0)).toMatchObject({ name: 'Padded Person' });
    await f.graphql(LEEDS, AMEND, {
      input: { incidentId, reason: 'NEW_INFORMATION', changes: { notifier: { ...padded, name: '  Other Person ' } } },
    });
    expect(await openedNotifier(incidentId, 1)).toMatchObject({ name: 'Other Person' });
  });
});

describe('amendNotification: why it changed', () => {
  const AMEND = /* GraphQL */ `
    mutation Amend($input: AmendNotificationInput!) {
      amendNotification(input: $input) { __typename ... on IncidentPayload { position } }
    }`;
  const LEEDS = { role: 'partnership', partnership: 'leeds' } as const;

  it('requires a reason from the list, and the history shows it beside what changed', async () => {
    const { incidentId } = (await f.graphql(LEEDS, NOTIFY, { input: notifyInput() })).data!.notifyIncident;
    const missing = await f.graphql(LEEDS, AMEND, { input: { incidentId, changes: { nature: 'CHILD_DEATH' } } });
    expect(missing.errors?.[0]?.message).toContain('reason');
    const unknown = await f.graphql(LEEDS, AMEND, {
      input: { incidentId, reason: 'BECAUSE', changes: { nature: 'CHILD_DEATH' } },
    });
    expect(unknown.errors?.[0]?.message).toContain('BECAUSE');
    const amended = (
      await f.graphql(LEEDS, AMEND, {
        input: { incidentId, reason: 'CHILD_DETAILS_CORRECTED', changes: { nature: 'CHILD_DEATH' } },
      })
    ).data!.amendNotification;
    expect(amended.__typename).toBe('IncidentPayload');
    const read = await f.graphql(
      LEEDS,
      'query($id: ID!, $after: String) { incident(id: $id, consistentAfter: $after) { ... on Incident { history { type reason changes { field from to } } } } }',
      { id: incidentId, after: amended.position },
    );
    expect(read.data!.incident.history).toEqual([
      { type: 'IncidentNotified', reason: null, changes: [] },
      {
        type: 'NotificationAmended',
        reason: 'CHILD_DETAILS_CORRECTED',
        changes: [{ field: 'nature', from: 'serious-harm', to: 'child-death' }],
      },
    ]);
  });
});
