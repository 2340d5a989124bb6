import { describe, expect, it } from 'vitest';
import { partnershipDecider } from './partnership-decide';
import type { AddPartnershipContact, SetEmailPreferences } from './partnership-commands';
import type { PartnershipEvent } from './partnership-events';
import { deciderSpec } from '../shared/decider-spec';
import type { CommandContext } from '../shared/types';
import { partnershipContext, roleContext } from '../incident/incident-test-fixtures';

const spec = deciderSpec(partnershipDecider);
const admin = roleContext('admin');
const registered: PartnershipEvent = {
  type: 'PartnershipRegistered',
  schemaVersion: 1,
  data: { partnershipId: 'leeds', name: 'Leeds', localAuthorityCodes: ['E08000035'] },
};
const add = (
  data: Partial<AddPartnershipContact['data']> = {},
  context: CommandContext = admin,
): AddPartnershipContact => ({
  type: 'AddPartnershipContact',
  data: {
    partnershipId: 'leeds',
    contactId: 'business-unit',
    kind: 'shared-mailbox',
    email: 'LSCP@leeds.example',
    ...data,
  },
  context,
});
const prefs = (data: Partial<SetEmailPreferences['data']>, context: CommandContext): SetEmailPreferences => ({
  type: 'SetEmailPreferences',
  data: { partnershipId: 'leeds', contactId: 'business-unit', receives: [], ...data },
  context,
});
const mailbox: PartnershipEvent = {
  type: 'PartnershipContactAdded',
  schemaVersion: 1,
  data: { partnershipId: 'leeds', contactId: 'business-unit', kind: 'shared-mailbox', email: 'lscp@leeds.example' },
};
const person: PartnershipEvent = {
  type: 'PartnershipContactAdded',
  schemaVersion: 1,
  data: { partnershipId: 'leeds', contactId: 'sam', kind: 'person', email: 'sam@leeds.example', userId: 'user-leeds' },
};

describe('partnership contacts', () => {
  it('adds the shared mailbox (address lower-cased) and folds it with the default categories', () => {
    spec.given([registered]).when(add()).then([mailbox]);
    expect(spec.given([registered, mailbox]).state()).toMatchObject({
      contacts: {
        'business-unit': {
          email: 'lscp@leeds.example',
          receives: ['deadline-reminders', 'submission-confirmations', 'panel-updates'],
        },
      },
    });
  });

  it('lets the partnership itself add contacts, but not another partnership, the Panel or Ofsted', () => {
    spec
      .given([registered])
      .when(add({}, partnershipContext('leeds')))
      .then([mailbox]);
    for (const context of [partnershipContext('york'), roleContext('panel'), roleContext('ofsted')]) {
      spec.given([registered]).when(add({}, context)).thenThrows({ code: 'forbidden' });
    }
  });

  it('refuses a second shared mailbox, a repeated address, a bad address and an unknown partnership', () => {
    spec
      .given([registered, mailbox])
      .when(add({ contactId: 'other', email: 'other@leeds.example' }))
      .thenThrows({ code: 'illegal_state' });
    spec
      .given([registered, mailbox])
      .when(add({ contactId: 'sam', kind: 'person' }))
      .thenThrows({ code: 'illegal_state' });
    spec
      .given([registered])
      .when(add({ email: 'not an address' }))
      .thenThrows({ code: 'validation', field: 'email' });
    spec.given([]).when(add()).thenThrows({ code: 'not_found' });
  });

  it('never lets the shared mailbox stop statutory reminders', () => {
    spec
      .given([registered, mailbox])
      .when(prefs({ receives: ['panel-updates'] }, admin))
      .thenThrows({ code: 'validation', field: 'receives' });
    spec
      .given([registered, mailbox])
      .when(prefs({ receives: ['weekly-digest', 'deadline-reminders'] }, admin))
      .then([
        {
          type: 'EmailPreferencesChanged',
          schemaVersion: 1,
          data: {
            partnershipId: 'leeds',
            contactId: 'business-unit',
            receives: ['deadline-reminders', 'weekly-digest'],
          },
        },
      ]);
  });

  it('lets a person switch everything off for themselves, but not a colleague for them', () => {
    const off = spec
      .given([registered, person])
      .when(prefs({ contactId: 'sam', receives: ['weekly-digest'] }, partnershipContext('leeds')));
    off.then([
      {
        type: 'EmailPreferencesChanged',
        schemaVersion: 1,
        data: { partnershipId: 'leeds', contactId: 'sam', receives: ['weekly-digest'] },
      },
    ]);
    const colleague = partnershipContext('leeds', {
      actor: { userId: 'someone-else', role: 'partnership', partnershipId: 'leeds' },
    });
    spec
      .given([registered, person])
      .when(prefs({ contactId: 'sam', receives: [] }, colleague))
      .thenThrows({ code: 'forbidden' });
  });

  it('removes a contact; removing it again is not found', () => {
    const removed: PartnershipEvent = {
      type: 'PartnershipContactRemoved',
      schemaVersion: 1,
      data: { partnershipId: 'leeds', contactId: 'sam' },
    };
    spec
      .given([registered, person])
      .when({ type: 'RemovePartnershipContact', data: { partnershipId: 'leeds', contactId: 'sam' }, context: admin })
      .then([removed]);
    spec
      .given([registered, person, removed])
      .when({ type: 'RemovePartnershipContact', data: { partnershipId: 'leeds', contactId: 'sam' }, context: admin })
      .thenThrows({ code: 'not_found' });
  });
});
