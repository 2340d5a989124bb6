/**
 * A realistic, deterministic event log for tests and the rebuild benchmark: incidents through notification,
 * amendments, withdrawals, rapid reviews, Panel responses (some reconsidered), local reviews to publication and
 * action plans, a few erasures, spread over the years from 2019. Personal parts are sealed-looking envelopes of
 * random bytes (nothing here is real or readable), except a review's pseudonyms (its case name), which the projector
 * opens: they come in plaintext, as a decider emits them, and `sealPseudonyms` seals them as the write path does
 * before they are appended. Seeded, so two runs give the same log.
 */
import { addCalendarDays, defaultPartnerships, type IncidentNature } from '@cspr/domain';
import type { EventToAppend } from '@cspr/event-store';

export type StreamAppend = { streamId: string; events: EventToAppend[] };

/** Seals the plaintext personal parts of review events under the review's key (the vault's `seal`). */
export const sealPseudonyms = async (
  append: StreamAppend,
  seal: (subjectId: string, personal: unknown) => Promise<unknown>,
): Promise<StreamAppend> => ({
  ...append,
  events: await Promise.all(
    append.events.map(async (event) => {
      const data = event.data as Record<string, unknown>;
      const personal = data.personal as { sealed?: unknown } | undefined;
      if (personal === undefined || personal.sealed !== undefined || typeof data.reviewId !== 'string') return event;
      return { ...event, data: { ...data, personal: await seal(data.reviewId, personal) } };
    }),
  ),
});

/** mulberry32: small, fast, seeded. */
const random = (seed: number) => () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};

const uuidFrom = (next: () => number): string => {
  const hex = Array.from({ length: 32 }, () => Math.floor(next() * 16).toString(16)).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
};

const NATURES: IncidentNature[] = [
  'child-death',
  'serious-harm',
  'serious-harm',
  'child-death',
  'serious-harm',
  'other-harm-caused-by-child',
  'looked-after-child-death',
];
const AGE_BANDS = ['under-1', 'under-1', '1-5', '6-10', '11-15', '11-15', '16-plus'];
const THEMES = [
  'Neglect',
  'Information sharing',
  'Domestic abuse',
  'Parental mental health',
  'Criminal exploitation',
  'Safe sleep',
  'Adolescent risk',
];
const DOCUMENT_KINDS = ['overview-report', 'executive-summary', 'learning-summary', 'action-plan'];

export const generateSampleLog = function* (options: {
  incidents: number;
  seed?: number;
  startOn?: string;
}): Generator<StreamAppend> {
  const next = random(options.seed ?? 42);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
  const chance = (p: number) => next() < p;
  const sealed = () => ({
    sealed: {
      keyId: uuidFrom(next),
      iv: 'AAAAAAAAAAAAAAAA',
      tag: 'AAAAAAAAAAAAAAAAAAAAAA==',
      ciphertext: Buffer.from(uuidFrom(next).repeat(4)).toString('base64'),
    },
  });
  const partnerships = defaultPartnerships.filter((p) => p.localAuthorityCodes.length > 0);
  const startOn = options.startOn ?? '2019-04-01';
  let clock = 0;

  for (const partnership of partnerships.slice(0, 40)) {
    yield {
      streamId: `partnership-${partnership.partnershipId}`,
      events: [
        {
          eventId: uuidFrom(next),
          type: 'PartnershipRegistered',
          data: {
            schemaVersion: 1,
            partnershipId: partnership.partnershipId,
            name: partnership.name,
            localAuthorityCodes: partnership.localAuthorityCodes,
          },
          metadata: meta('admin', `${startOn}T08:00:00.000Z`),
        },
      ],
    };
  }

  function meta(role: string, occurredAt: string) {
    const id = uuidFrom(next);
    return { actor: { userId: `user-${role}`, role }, correlationId: id, causationId: id, occurredAt };
  }
  const event = (
    type: string,
    role: string,
    on: string,
    data: Record<string, unknown>,
    personal?: unknown,
  ): EventToAppend => ({
    eventId: uuidFrom(next),
    type,
    data: { schemaVersion: 1, ...data, ...(personal !== undefined ? { personal } : {}) },
    metadata: meta(role, `${on}T10:00:00.000Z`),
  });

  /** As the decider writes it: the record's text and its documents' titles sealed, in the documents' order. */
  const reportPublished = (
    reviewId: string,
    publishedOn: string,
    caseName: string,
    partnership: { partnershipId: string; name: string },
  ): EventToAppend => {
    const kinds = DOCUMENT_KINDS.slice(0, 1 + Math.floor(next() * 4));
    return event(
      'ReportPublished',
      'partnership',
      publishedOn,
      {
        reviewId,
        publishedOn,
        publication: 'full-report',
        documents: kinds.map((kind) => ({
          kind,
          address: `https://${partnership.partnershipId}.example.org/reviews/${reviewId}/${kind}.pdf`,
          checksum: '0'.repeat(64),
        })),
        reviewModel: 'lcspr',
      },
      {
        caseName,
        summary: `${caseName}: learning for ${partnership.name}.`,
        learningThemes: [pick(THEMES), pick(THEMES)],
        recommendations: ['Strengthen multi-agency information sharing'],
        keywords: ['lcspr'],
        documentTitles: kinds.map((kind) => `${caseName} – ${kind}`),
      },
    );
  };

  for (let i = 0; i < options.incidents; i += 1) {
    // About 500 notifications a year nationally, in order: advance the clock accordingly.
    clock += next() * 1.4;
    const partnership = pick(partnerships);
    const code = pick(partnership.localAuthorityCodes);
    const incidentId = uuidFrom(next);
    const stream = `incident-${incidentId}`;
    const becameAwareOn = addCalendarDays(startOn, Math.floor(clock));
    const notifiedOn = addCalendarDays(becameAwareOn, Math.floor(next() * 9));
    const nature = pick(NATURES);
    const childCount = chance(0.85) ? 1 : 2;
    const children = Array.from({ length: childCount }, (_, c) => ({
      childRef: `child-${c + 1}`,
      ageBand: pick(AGE_BANDS),
      sex: pick(['female', 'male']),
      ethnicity: pick(['white', 'white', 'asian', 'black', 'mixed', 'other']),
      disability: pick(['no', 'yes', 'not-known']),
      placement: pick(['at-home', 'at-home', 'foster-care', 'residential-home']),
      lookedAfter: chance(0.2),
      childInNeedPlan: chance(0.3),
      childProtectionPlan: chance(0.25),
      knownToAgencies: pick(['yes', 'no']),
    }));
    const incident: EventToAppend[] = [
      event(
        'IncidentNotified',
        'partnership',
        notifiedOn,
        {
          incidentId,
          partnershipId: partnership.partnershipId,
          localAuthorityCode: code,
          nature,
          becameAwareOn,
          incidentOn: addCalendarDays(becameAwareOn, -1),
          notifiedAt: `${notifiedOn}T11:30:00.000Z`,
          notifiedOn,
          guidanceEdition:
            notifiedOn >= '2025-06-01'
              ? 'panel-guidance-2025'
              : notifiedOn >= '2023-12-15'
                ? 'working-together-2023'
                : 'working-together-2018',
          children,
        },
        sealed(),
      ),
    ];
    if (chance(0.2)) {
      incident.push(
        event(
          'NotificationAmended',
          'partnership',
          addCalendarDays(notifiedOn, 2),
          {
            incidentId,
            amendedAt: `${addCalendarDays(notifiedOn, 2)}T09:00:00.000Z`,
            changes: { children },
            changedFields: ['children', 'personal.caseOutline'],
          },
          sealed(),
        ),
      );
    }
    if (chance(0.04)) {
      incident.push(
        event(
          'NotificationWithdrawn',
          'partnership',
          addCalendarDays(notifiedOn, 3),
          { incidentId, withdrawnAt: `${addCalendarDays(notifiedOn, 3)}T09:00:00.000Z`, reason: 'duplicate' },
          sealed(),
        ),
      );
      yield { streamId: stream, events: incident };
      continue;
    }
    const review: StreamAppend[] = [];
    if (nature !== 'looked-after-child-death') {
      let submittedOn = addCalendarDays(notifiedOn, 10 + Math.floor(next() * 15));
      const rapidReview = (submission: number) =>
        event(
          'RapidReviewCompleted',
          'partnership',
          submittedOn,
          {
            incidentId,
            submittedAt: `${submittedOn}T15:00:00.000Z`,
            submittedOn,
            parallelProcesses: ['police-investigation'],
            agenciesInvolved: ['police', 'health', 'local-authority-childrens-social-care'],
            localReviewDecision: chance(0.45) ? 'local-review' : 'no-local-review',
            localCriteria: {
              improvementsNeeded: true,
              recurrentThemes: chance(0.5),
              multiAgencyConcerns: chance(0.5),
              panelSuggested: false,
            },
            nationalCriteria: { improvementsNeeded: false, lawOrGuidanceChanges: false, recurrentThemes: chance(0.1) },
            nationalCriteriaMayBeMet: chance(0.1),
            signedOff: { localAuthority: true, integratedCareBoard: true, police: true },
            submission,
          },
          sealed(),
        );
      incident.push(rapidReview(1));
      let respondedOn = addCalendarDays(submittedOn, 7 + Math.floor(next() * 14));
      if (chance(0.08)) {
        incident.push(
          event(
            'PanelResponded',
            'panel',
            respondedOn,
            { incidentId, respondedAt: `${respondedOn}T12:00:00.000Z`, respondedOn, outcome: 'reconsider' },
            sealed(),
          ),
        );
        submittedOn = addCalendarDays(respondedOn, 10);
        incident.push(rapidReview(2));
        respondedOn = addCalendarDays(submittedOn, 10);
      }
      if (chance(0.95)) {
        incident.push(
          event(
            'PanelResponded',
            'panel',
            respondedOn,
            { incidentId, respondedAt: `${respondedOn}T12:00:00.000Z`, respondedOn, outcome: 'agreed' },
            sealed(),
          ),
        );
        if (chance(0.4)) {
          const reviewId = uuidFrom(next);
          const commissionedOn = addCalendarDays(respondedOn, 5);
          const caseName = `Child ${String.fromCharCode(65 + Math.floor(next() * 26))}`;
          incident.push(
            event('IncidentLinkedToReview', 'partnership', commissionedOn, {
              incidentId,
              reviewId,
              reviewKind: 'local',
              linkedAt: `${commissionedOn}T10:00:00.000Z`,
            }),
          );
          const publishedOn = addCalendarDays(commissionedOn, 150 + Math.floor(next() * 150));
          const events = [
            event(
              'LocalReviewCommissioned',
              'partnership',
              commissionedOn,
              {
                reviewId,
                partnershipId: partnership.partnershipId,
                incidentIds: [incidentId],
                commissionedAt: `${commissionedOn}T10:00:00.000Z`,
                commissionedOn,
                guidanceEdition: 'working-together-2023',
              },
              { caseName },
            ),
            event('ReviewerAppointed', 'partnership', addCalendarDays(commissionedOn, 20), {
              reviewId,
              reviewerName: 'Independent Reviewer',
              organisation: 'Reviews Ltd',
              appointedOn: addCalendarDays(commissionedOn, 20),
            }),
            ...(chance(0.25)
              ? [
                  event(
                    'PublicationDelayed',
                    'partnership',
                    addCalendarDays(publishedOn, -40),
                    {
                      reviewId,
                      delayedOn: addCalendarDays(publishedOn, -40),
                      reason: 'criminal-proceedings',
                      panelInformed: true,
                    },
                    sealed(),
                  ),
                ]
              : []),
            event('FinalReportSubmitted', 'partnership', addCalendarDays(publishedOn, -14), {
              reviewId,
              submittedAt: `${addCalendarDays(publishedOn, -14)}T10:00:00.000Z`,
              submittedOn: addCalendarDays(publishedOn, -14),
              recipients: ['panel', 'dfe'],
              plannedPublicationOn: publishedOn,
            }),
            reportPublished(reviewId, publishedOn, caseName, partnership),
            event(
              'ActionPlanProgressRecorded',
              'partnership',
              addCalendarDays(publishedOn, 90),
              {
                reviewId,
                recordedOn: addCalendarDays(publishedOn, 90),
                actions: [{ actionRef: 'A1', status: 'in-progress' }],
              },
              { actions: [{ actionRef: 'A1', description: 'Refresh training', owner: 'Partnership' }] },
            ),
            event('ReviewClosed', 'partnership', addCalendarDays(publishedOn, 365), {
              reviewId,
              closedOn: addCalendarDays(publishedOn, 365),
              reason: 'completed',
            }),
          ];
          review.push({ streamId: `review-${reviewId}`, events });
        }
      }
    }
    if (chance(0.01)) {
      incident.push(
        event('PersonalDataErased', 'admin', addCalendarDays(notifiedOn, 400), {
          incidentId,
          erasedAt: `${addCalendarDays(notifiedOn, 400)}T10:00:00.000Z`,
          legalBasis: 'court-order',
          requestedBy: 'user-a',
          approvedBy: 'user-b',
        }),
      );
    }
    yield { streamId: stream, events: incident };
    yield* review;
  }
};
