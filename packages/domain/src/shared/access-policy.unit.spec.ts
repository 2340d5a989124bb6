/** The read policy as a matrix: every reader against every kind of record, and DfE as a recipient of final reports. */
import { describe, expect, it } from 'vitest';
import { ACCESS_POLICY, mayRead, readableReview, type ReadableRecord, type Reader } from './access-policy';
import type { ExtendedActor } from './types';
import { malformed } from './decider-spec';

const actor = (reader: Reader, partnershipId?: string, userId = 'u-1'): ExtendedActor | null =>
  reader === 'public' ? null : { userId, role: reader, ...(partnershipId ? { partnershipId } : {}) };

const harrowReview = (recipients: ('panel' | 'dfe')[]) => ({ ownerPartnershipId: 'harrow', partnershipIds: ['harrow'], concernedPartnershipIds: ['buckinghamshire'], finalReportRecipients: recipients });
const review = (recipients: ('panel' | 'dfe')[] = []) => readableReview(harrowReview(recipients));

describe('mayRead', () => {
  it.each<[string, Reader, string | undefined, ReadableRecord, boolean]>([
    ['own incident', 'partnership', 'leeds', { kind: 'incident', partnershipId: 'leeds' }, true],
    ['another partnership\'s incident', 'partnership', 'york', { kind: 'incident', partnershipId: 'leeds' }, false],
    ['any incident (Panel)', 'panel', undefined, { kind: 'incident', partnershipId: 'leeds' }, true],
    ['an incident (DfE)', 'dfe', undefined, { kind: 'incident', partnershipId: 'leeds' }, false],
    ['an incident (agency)', 'agency', 'leeds', { kind: 'incident', partnershipId: 'leeds' }, false],
    ['own referral (referrer)', 'agency', 'leeds', { kind: 'referral', partnershipId: 'leeds', referredBy: 'u-1' }, true],
    ['a colleague\'s referral (agency)', 'agency', 'leeds', { kind: 'referral', partnershipId: 'leeds', referredBy: 'u-2' }, false],
    ['a referral to it (partnership)', 'partnership', 'leeds', { kind: 'referral', partnershipId: 'leeds', referredBy: 'u-2' }, true],
    ['a referral to another (partnership)', 'partnership', 'york', { kind: 'referral', partnershipId: 'leeds', referredBy: 'u-2' }, false],
    ['a review it owns', 'partnership', 'harrow', review(), true],
    ['a review that concerns it', 'partnership', 'buckinghamshire', review(), true],
    ['an unrelated review', 'partnership', 'leeds', review(), false],
    ['a review before any final report (DfE)', 'dfe', undefined, review(), false],
    ['a final report sent to DfE', 'dfe', undefined, readableReview(harrowReview(['panel', 'dfe']), 'final-report'), true],
    ['a final report sent to the Panel only (DfE)', 'dfe', undefined, readableReview(harrowReview(['panel']), 'final-report'), false],
    ['national statistics (DfE)', 'dfe', undefined, { kind: 'national-statistics' }, true],
    ['national statistics (Ofsted)', 'ofsted', undefined, { kind: 'national-statistics' }, false],
    ['the notification feed (Ofsted)', 'ofsted', undefined, { kind: 'notification-feed' }, true],
    ['a published report (public)', 'public', undefined, { kind: 'published-report' }, true],
    ['the learning library (public)', 'public', undefined, { kind: 'learning-library' }, true],
    ['a review (public)', 'public', undefined, review(['dfe']), false],
  ])('%s → %s', (_what, reader, partnershipId, record, allowed) => {
    expect(mayRead(actor(reader, partnershipId), record)).toBe(allowed);
  });

  it('an actor with an unknown role reads nothing, not even published reports', () => {
    expect(mayRead({ userId: 'x', role: malformed('visitor') }, { kind: 'published-report' })).toBe(false);
  });

  it('the table has a rule for every reader and every kind, and only partnership-tied rules need a partnership', () => {
    const kinds = Object.keys(ACCESS_POLICY.panel);
    for (const rules of Object.values(ACCESS_POLICY)) expect(Object.keys(rules).sort()).toEqual([...kinds].sort());
    expect(Object.keys(ACCESS_POLICY).sort()).toEqual(['admin', 'agency', 'dfe', 'ofsted', 'panel', 'partnership', 'public']);
    expect(Object.values(ACCESS_POLICY.public).filter((r) => r !== 'none' && r !== 'all')).toEqual([]);
  });
});
