/** What a correction sends: only the answers that changed, and every child when any child changed. */
import { describe, expect, it } from 'vitest';
import { changesBetween, type AmendValues } from './amend-notification-page';

const recorded: AmendValues = {
  reason: '',
  nature: 'SERIOUS_HARM',
  localAuthorityCode: 'E08000035',
  becameAwareOn: { day: '2', month: '3', year: '2026' },
  incidentOn: { day: '1', month: '3', year: '2026' },
  incidentTime: '',
  location: 'A park',
  caseOutline: 'An outline.',
  supportingDocuments: 'Police log 1',
  notifierName: 'Alex Notifier',
  notifierRole: 'Safeguarding lead',
  notifierEmail: 'alex@example.gov.uk',
  notifierPhone: '',
  children: [
    {
      childRef: 'child-1',
      name: 'Second Child',
      dateOfBirth: { day: '', month: '', year: '' },
      ageInYears: '4',
      sex: 'MALE',
      ethnicity: 'ASIAN',
      disability: 'NOT_KNOWN',
      placement: 'AT_HOME',
      lookedAfter: 'false',
      childInNeedPlan: 'true',
      childProtectionPlan: 'false',
      knownToAgencies: 'YES',
    },
  ],
};

describe('changesBetween', () => {
  it('sends nothing for answers left alone (spaces and the reason aside)', () => {
    expect(changesBetween(recorded, { ...recorded, reason: 'OTHER', location: ' A park ' })).toEqual({});
  });

  it('sends a changed free-text answer, the notifier whole, and documents as a list', () => {
    expect(
      changesBetween(recorded, {
        ...recorded,
        caseOutline: 'A fuller outline.',
        notifierPhone: '0113 222 3333',
        supportingDocuments: 'Police log 1\n\nSchool report\n',
      }),
    ).toEqual({
      caseOutline: 'A fuller outline.',
      notifier: {
        name: 'Alex Notifier',
        role: 'Safeguarding lead',
        email: 'alex@example.gov.uk',
        phone: '0113 222 3333',
      },
      supportingDocuments: ['Police log 1', 'School report'],
    });
  });

  it('sends every child, each keeping its reference, when one answer of one child changes', () => {
    const added = { ...recorded.children[0]!, childRef: 'child-2', name: 'Third Child', ageInYears: '2' };
    const changes = changesBetween(recorded, {
      ...recorded,
      children: [{ ...recorded.children[0]!, name: 'Second Child Corrected' }, added],
    });
    expect(Object.keys(changes)).toEqual(['children']);
    expect(changes.children).toEqual([
      expect.objectContaining({ childRef: 'child-1', name: 'Second Child Corrected', ageInYears: 4 }),
      expect.objectContaining({ childRef: 'child-2', name: 'Third Child', ageInYears: 2, lookedAfter: false }),
    ]);
  });
});
