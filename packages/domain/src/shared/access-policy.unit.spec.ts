/** The policy's relations on records, and the decisions the table states (issue 16, item 2). */
import { describe, expect, it } from 'vitest';
import {
  ACCESS_POLICY,
  mayPerform,
  OPERATIONS,
  readersFor,
  reviewFacts,
  type Operation,
  type Reader,
  type RecordFacts,
} from './access-policy';
import { malformed } from './decider-spec';
import type { Actor, Role } from './types';

const actor = (reader: Reader, partnershipId?: string, userId = 'u-1'): Actor | null =>
  reader === 'public' ? null : { userId, role: reader, ...(partnershipId ? { partnershipId } : {}) };

const harrowReview = (recipients: string[] = []) =>
  reviewFacts({
    ownerPartnershipId: 'harrow',
    partnershipIds: ['harrow'],
    concernedPartnershipIds: ['buckinghamshire'],
    finalReportRecipients: recipients,
  });
const nationalReview = reviewFacts({ ownerPartnershipId: null, partnershipIds: ['leeds', 'york'] });

describe('mayPerform', () => {
  it.each<[string, Reader, string | undefined, Operation, RecordFacts | undefined, boolean]>([
    ['own incident', 'partnership', 'leeds', 'incident', { owner: 'leeds' }, true],
    ["another partnership's incident", 'partnership', 'york', 'incident', { owner: 'leeds' }, false],
    ['any incident (Panel)', 'panel', undefined, 'incident', { owner: 'leeds' }, true],
    ['an incident (Ofsted: the feed only)', 'ofsted', undefined, 'incident', { owner: 'leeds' }, false],
    ['an incident (admin: no case records)', 'admin', undefined, 'incident', { owner: 'leeds' }, false],
    ['an incident (DfE)', 'dfe', undefined, 'incident', { owner: 'leeds' }, false],
    ['own referral (referrer)', 'agency', 'leeds', 'referral', { owner: 'leeds', referredBy: 'u-1' }, true],
    ["a colleague's referral (agency)", 'agency', 'leeds', 'referral', { owner: 'leeds', referredBy: 'u-2' }, false],
    ['a referral to it (partnership)', 'partnership', 'leeds', 'referral', { owner: 'leeds', referredBy: 'u-2' }, true],
    [
      'a referral to another (partnership)',
      'partnership',
      'york',
      'referral',
      { owner: 'leeds', referredBy: 'u-2' },
      false,
    ],
    ['a review it owns', 'partnership', 'harrow', 'review', harrowReview(), true],
    ['a review that concerns it', 'partnership', 'buckinghamshire', 'review', harrowReview(), true],
    [
      'acting on a review that only concerns it',
      'partnership',
      'buckinghamshire',
      'appointReviewer',
      harrowReview(),
      false,
    ],
    ['an unrelated review', 'partnership', 'leeds', 'review', harrowReview(), false],
    ['a national review covering its incidents', 'partnership', 'york', 'review', nationalReview, true],
    ['acting on a national review (Panel)', 'panel', undefined, 'publishReport', nationalReview, true],
    ['acting on a local review (Panel)', 'panel', undefined, 'publishReport', harrowReview(), false],
    ['a review before any final report (DfE)', 'dfe', undefined, 'review', harrowReview(), false],
    ['a review whose final report went to DfE', 'dfe', undefined, 'review', harrowReview(['panel', 'dfe']), true],
    [
      'a review whose final report went to the Panel only (DfE)',
      'dfe',
      undefined,
      'review',
      harrowReview(['panel']),
      false,
    ],
    ['a review (admin)', 'admin', undefined, 'review', harrowReview(), false],
    [
      'live national statistics (DfE reads published releases only)',
      'dfe',
      undefined,
      'nationalStatistics',
      undefined,
      false,
    ],
    ['live national statistics (Ofsted)', 'ofsted', undefined, 'nationalStatistics', undefined, true],
    ['live national statistics (public)', 'public', undefined, 'nationalStatistics', undefined, false],
    ['a published statistics release (public)', 'public', undefined, 'statisticsReleases', undefined, true],
    ['the notification feed (Ofsted)', 'ofsted', undefined, 'notificationFeed', undefined, true],
    ['the notification feed (DfE)', 'dfe', undefined, 'notificationFeed', undefined, true],
    ['the notification feed (admin)', 'admin', undefined, 'notificationFeed', undefined, false],
    ['a published report (public)', 'public', undefined, 'publishedReports', undefined, true],
    ['a review (public)', 'public', undefined, 'review', harrowReview(['dfe']), false],
  ])('%s → %s', (_what, reader, partnershipId, operation, record, allowed) => {
    expect(mayPerform(actor(reader, partnershipId), operation, record)).toBe(allowed);
  });

  it('an actor with an unknown role may do nothing, not even read published reports', () => {
    expect(mayPerform({ userId: 'x', role: malformed<Role>('visitor') }, 'publishedReports')).toBe(false);
  });

  it('states what Ofsted, DfE, admins and the public may do at all', () => {
    const allowedTo = (reader: Reader) => OPERATIONS.filter((op) => readersFor(op).includes(reader));
    const everyone = [
      'publishedReports',
      'learningLibrary',
      'learningLibraryCount',
      'partnerships',
      'viewer',
      'partnershipReviewsPage',
      'statisticsReleases',
      'localAuthorities',
    ];
    expect(allowedTo('public')).toEqual(everyone);
    expect(allowedTo('ofsted').sort()).toEqual([...everyone, 'notificationFeed', 'nationalStatistics'].sort());
    expect(allowedTo('dfe').sort()).toEqual(
      [...everyone, 'notificationFeed', 'review', 'reviewByReference', 'finalReportsForDfe'].sort(),
    );
    expect(allowedTo('admin').sort()).toEqual(
      [
        ...everyone,
        'nationalStatistics',
        'closeStatisticsPeriod',
        'publishStatisticsRelease',
        'registerPartnership',
        'changePartnership',
        'requestErasure',
        'approveErasure',
        'cancelErasureRequest',
        'erasePersonalData',
        'projectorStatus',
        'accessGrants',
        'grantAccess',
        'revokeAccess',
        'erasureRequests',
        'personalDataReads',
        'partnershipContacts',
        'addPartnershipContact',
        'removePartnershipContact',
        'setEmailPreferences',
      ].sort(),
    );
  });

  it('names only known readers and relations', () => {
    for (const row of Object.values(ACCESS_POLICY)) {
      for (const [reader, relation] of Object.entries(row)) {
        expect(['public', 'partnership', 'panel', 'ofsted', 'admin', 'agency', 'dfe']).toContain(reader);
        expect(['any', 'own', 'concerned', 'referrer', 'recipient']).toContain(relation);
      }
    }
  });
});
