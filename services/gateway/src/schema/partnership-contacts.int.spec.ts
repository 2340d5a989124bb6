import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGatewayFixture, type GatewayFixture } from '../gateway-fixture';

let fx: GatewayFixture;
beforeAll(async () => {
  fx = await startGatewayFixture();
  const registered = await fx.graphql(
    { role: 'admin', sub: 'admin-1' },
    `mutation { registerPartnership(input: {
    partnershipId: "leeds", name: "Leeds", localAuthorityCodes: ["E08000035"] }) { __typename } }`,
  );
  expect(registered.data?.registerPartnership.__typename).toBe('PartnershipPayload');
});
afterAll(async () => {
  await fx?.close();
});

const ADD = `mutation ($input: PartnershipContactInput!) { addPartnershipContact(input: $input) {
  __typename ... on PartnershipPayload { partnershipId } ... on ClientError { message } ... on ValidationError { field } } }`;
const PREFS = `mutation ($input: EmailPreferencesInput!) { setEmailPreferences(input: $input) {
  __typename ... on ClientError { message } ... on ValidationError { field } } }`;
const CONTACTS = `query ($p: String!) { partnershipContacts(partnershipId: $p) { id kind email receives userId refusedReason } }`;
const admin = { role: 'admin', sub: 'admin-1' } as const;
const leedsUser = { role: 'partnership', partnership: 'leeds', sub: 'sam' } as const;

describe('partnership contacts over GraphQL', () => {
  it('an admin names the shared mailbox, a partnership user adds themselves and sets their own preferences', async () => {
    const mailbox = await fx.graphql(admin, ADD, {
      input: {
        partnershipId: 'leeds',
        contactId: 'business-unit',
        kind: 'shared-mailbox',
        email: 'lscp@leeds.example',
      },
    });
    expect(mailbox.data?.addPartnershipContact).toEqual({ __typename: 'PartnershipPayload', partnershipId: 'leeds' });
    const sam = await fx.graphql(leedsUser, ADD, {
      input: { partnershipId: 'leeds', contactId: 'sam', kind: 'person', email: 'sam@leeds.example', userId: 'sam' },
    });
    expect(sam.data?.addPartnershipContact.__typename).toBe('PartnershipPayload');
    const prefs = await fx.graphql(leedsUser, PREFS, {
      input: { partnershipId: 'leeds', contactId: 'sam', receives: ['deadline-reminders', 'weekly-digest'] },
    });
    expect(prefs.data?.setEmailPreferences.__typename).toBe('PartnershipPayload');
    const mine = await fx.graphql(leedsUser, '{ myEmailPreferences { id receives } }');
    expect(mine.data?.myEmailPreferences).toEqual({ id: 'sam', receives: ['deadline-reminders', 'weekly-digest'] });
    const list = await fx.graphql(admin, CONTACTS, { p: 'leeds' });
    expect(list.data?.partnershipContacts).toEqual([
      {
        id: 'business-unit',
        kind: 'shared-mailbox',
        email: 'lscp@leeds.example',
        receives: ['deadline-reminders', 'submission-confirmations', 'panel-updates'],
        userId: null,
        refusedReason: null,
      },
      {
        id: 'sam',
        kind: 'person',
        email: 'sam@leeds.example',
        receives: ['deadline-reminders', 'weekly-digest'],
        userId: 'sam',
        refusedReason: null,
      },
    ]);
  });

  it('refuses switching statutory reminders off for the shared mailbox, and another partnership or Ofsted reading the contacts', async () => {
    const off = await fx.graphql(admin, PREFS, {
      input: { partnershipId: 'leeds', contactId: 'business-unit', receives: ['panel-updates'] },
    });
    expect(off.data?.setEmailPreferences).toMatchObject({ __typename: 'ValidationError', field: 'receives' });
    const bradford = await fx.graphql({ role: 'partnership', partnership: 'bradford' }, CONTACTS, { p: 'leeds' });
    expect(bradford.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const ofsted = await fx.graphql({ role: 'ofsted' }, CONTACTS, { p: 'leeds' });
    expect(ofsted.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const colleague = await fx.graphql({ role: 'partnership', partnership: 'leeds', sub: 'alex' }, PREFS, {
      input: { partnershipId: 'leeds', contactId: 'sam', receives: [] },
    });
    expect(colleague.data?.setEmailPreferences.__typename).toBe('ForbiddenError');
  });
});
