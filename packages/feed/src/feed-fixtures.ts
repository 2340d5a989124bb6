/**
 * Realistic events for every type on the feed, as the store holds them (data + `personal`), for the feed's and the
 * relay's tests and the benchmark. Every personal string carries `marker`, so a test can search everything that
 * reached Kafka for it. The personal part is left unsealed here on purpose: the worst case, had sealing been
 * forgotten, must still not leak.
 */
import { randomUUID } from 'node:crypto';
import { encodeEvent } from '@cspr/domain';
import type { EventToAppend } from '@cspr/event-store';

export type FixtureEvent = { streamId: string; event: EventToAppend };

type EventInput = { type: string; data: object; personal?: unknown };

const toAppend = (input: EventInput, options: { partnershipId: string; at: string }): EventToAppend => {
  const encoded = encodeEvent({ type: input.type, schemaVersion: 1, data: input.data, personal: input.personal });
  const traceId = randomUUID().replaceAll('-', '');
  return {
    eventId: randomUUID(),
    type: encoded.type,
    data: encoded.data,
    metadata: {
      actor: { userId: 'user:fixture', role: 'partnership' },
      partnershipId: options.partnershipId,
      correlationId: randomUUID(),
      causationId: randomUUID(),
      traceparent: `00-${traceId}-${traceId.slice(0, 16)}-01`,
      occurredAt: options.at,
    },
  };
};

const child = (n: number, marker: string) => ({
  characteristics: {
    childRef: `child-${n}`,
    ageBand: '6-10',
    sex: n % 2 ? 'female' : 'male',
    ethnicity: 'white',
    disability: 'no',
    placement: 'at-home',
    lookedAfter: false,
    childInNeedPlan: true,
    childProtectionPlan: false,
    knownToAgencies: 'yes',
  },
  personal: { childRef: `child-${n}`, name: `${marker} Child ${n} Name`, dateOfBirth: '2016-03-0' + n },
});

const notificationPersonal = (marker: string, children: number) => ({
  notifier: {
    name: `${marker} Notifier`,
    role: 'Head of Service',
    email: `${marker.toLowerCase()}@example.gov.uk`,
    phone: '0113 000 0000',
  },
  location: `${marker} 1 Example Street, Leeds LS1 1AA`,
  caseOutline: `${marker} free-text case outline that must never reach Kafka`,
  incidentTime: '14:30',
  children: Array.from({ length: children }, (_, i) => child(i + 1, marker).personal),
  supportingDocuments: [`${marker}-document.pdf`],
});

/** The incident stream's events, in order: notified, amended, rapid review, Panel response. */
export const incidentStory = (
  options: { incidentId?: string; partnershipId?: string; marker?: string; at?: Date } = {},
): FixtureEvent[] => {
  const incidentId = options.incidentId ?? randomUUID();
  const partnershipId = options.partnershipId ?? 'leeds';
  const marker = options.marker ?? 'PERSONAL-MARKER';
  const at = (options.at ?? new Date('2026-11-02T10:00:00Z')).toISOString();
  const streamId = `incident-${incidentId}`;
  const meta = { partnershipId, at };
  const children = [child(1, marker).characteristics, child(2, marker).characteristics];
  const events: EventInput[] = [
    {
      type: 'IncidentNotified',
      data: {
        incidentId,
        partnershipId,
        localAuthorityCode: 'E08000035',
        nature: 'serious-harm',
        becameAwareOn: '2026-10-29',
        incidentOn: '2026-10-28',
        notifiedAt: at,
        notifiedOn: at.slice(0, 10),
        guidanceEdition: 'panel-guidance-2025',
        children,
        referralId: 'referral-1',
      },
      personal: notificationPersonal(marker, 2),
    },
    {
      type: 'NotificationAmended',
      data: {
        incidentId,
        amendedAt: at,
        changes: { nature: 'child-death' },
        changedFields: ['nature', 'personal.caseOutline'],
      },
      personal: { caseOutline: `${marker} amended outline` },
    },
    {
      type: 'RapidReviewCompleted',
      data: {
        incidentId,
        submittedAt: at,
        submittedOn: at.slice(0, 10),
        parallelProcesses: ['police-investigation', 'inquest'],
        agenciesInvolved: ['police', 'health'],
        localReviewDecision: 'local-review',
        localCriteria: {
          improvementsNeeded: true,
          recurrentThemes: false,
          multiAgencyConcerns: true,
          panelSuggested: false,
        },
        nationalCriteria: { improvementsNeeded: false, lawOrGuidanceChanges: false, recurrentThemes: true },
        nationalCriteriaMayBeMet: true,
        signedOff: { localAuthority: true, integratedCareBoard: true, police: true },
        submission: 1,
      },
      personal: {
        facts: `${marker} facts`,
        agencySummaries: [{ agency: 'police', summary: `${marker} police summary` }],
        keyPracticeEpisodes: `${marker} episodes`,
        livedExperience: `${marker} lived experience`,
        immediateActions: `${marker} actions`,
        learningIdentified: `${marker} learning`,
        decisionReasons: `${marker} reasons`,
        signatories: {
          localAuthority: `${marker} DCS`,
          integratedCareBoard: `${marker} ICB`,
          police: `${marker} Chief`,
        },
      },
    },
    {
      type: 'PanelResponded',
      data: {
        incidentId,
        respondedAt: at,
        respondedOn: at.slice(0, 10),
        outcome: 'national-thematic-review',
        thematicReviewTitle: `${marker} theme`,
      },
      personal: { comments: `${marker} Panel comments` },
    },
  ];
  return events.map((e) => ({ streamId, event: toAppend(e, meta) }));
};

/** A withdrawal of an incident as a duplicate of another. */
export const withdrawal = (
  incidentId: string,
  duplicateOfIncidentId: string,
  marker = 'PERSONAL-MARKER',
): FixtureEvent => ({
  streamId: `incident-${incidentId}`,
  event: toAppend(
    {
      type: 'NotificationWithdrawn',
      data: {
        incidentId,
        withdrawnAt: '2026-11-03T09:00:00.000Z',
        reason: 'duplicate',
        duplicateOfIncidentId,
        duplicateOfPartnershipId: 'leeds',
        linkedBy: 'partnership',
      },
      personal: { explanation: `${marker} explanation` },
    },
    { partnershipId: 'leeds', at: '2026-11-03T09:00:00.000Z' },
  ),
});

/**
 * A publication as the decider writes it now (`sealed`: the record's text and its documents' titles in `personal`)
 * or as it was written before (all of it in `data`, as old events in the log still carry it).
 */
const reportPublished = (reviewId: string, marker: string, written: 'sealed' | 'before the sealing'): EventInput => {
  const recorded = {
    kind: 'overview-report',
    address: 'https://example.gov.uk/reports/child-m.pdf',
    checksum: 'a'.repeat(64),
  };
  const data = { reviewId, publishedOn: '2027-09-01', publication: 'full-report', reviewModel: 'lcspr' };
  const text = {
    caseName: `${marker} Child M`,
    summary: `${marker} summary`,
    learningThemes: [`${marker} theme`],
    recommendations: [`${marker} rec`],
    keywords: ['neglect'],
  };
  const title = `${marker} Overview`;
  return written === 'sealed'
    ? {
        type: 'ReportPublished',
        data: { ...data, documents: [recorded] },
        personal: { ...text, documentTitles: [title] },
      }
    : { type: 'ReportPublished', data: { ...data, ...text, documents: [{ ...recorded, title }] } };
};

/** A local review of the given incidents from commissioning to closure, and the link events on the incident streams. */
export const reviewStory = (
  incidentIds: string[],
  options: { reviewId?: string; partnershipId?: string; marker?: string; national?: boolean } = {},
): FixtureEvent[] => {
  const reviewId = options.reviewId ?? randomUUID();
  const partnershipId = options.partnershipId ?? 'leeds';
  const marker = options.marker ?? 'PERSONAL-MARKER';
  const meta = { partnershipId, at: '2026-11-10T10:00:00.000Z' };
  const streamId = `review-${reviewId}`;
  const commissioned: EventInput = options.national
    ? {
        type: 'NationalReviewCommissioned',
        data: {
          reviewId,
          incidentIds,
          partnershipIds: [partnershipId, 'bradford'],
          commissionedAt: meta.at,
          commissionedOn: '2026-11-10',
          guidanceEdition: 'panel-guidance-2025',
          thematic: true,
        },
        personal: { title: `${marker} national title` },
      }
    : {
        type: 'LocalReviewCommissioned',
        data: {
          reviewId,
          partnershipId,
          incidentIds,
          commissionedAt: meta.at,
          commissionedOn: '2026-11-10',
          guidanceEdition: 'panel-guidance-2025',
        },
        // The pseudonym is sealed (the projector opens it); the feed never reads `personal`.
        personal: { caseName: `${marker} Child M` },
      };
  const review: EventInput[] = [
    commissioned,
    { type: 'ReviewerAppointed', data: { reviewId, reviewerName: `${marker} Reviewer`, appointedOn: '2026-11-11' } },
    {
      type: 'PublicationDelayed',
      data: {
        reviewId,
        delayedOn: '2027-04-01',
        reason: 'criminal-proceedings',
        expectedPublicationOn: '2027-09-01',
        panelInformed: true,
      },
      personal: { explanation: `${marker} delay` },
    },
    {
      type: 'FinalReportSubmitted',
      data: {
        reviewId,
        submittedAt: '2027-08-01T09:00:00.000Z',
        submittedOn: '2027-08-01',
        recipients: ['panel', 'dfe'],
        plannedPublicationOn: '2027-09-01',
      },
    },
    reportPublished(reviewId, marker, options.national ? 'before the sealing' : 'sealed'),
    {
      type: 'ActionPlanProgressRecorded',
      data: {
        reviewId,
        recordedOn: '2027-10-01',
        actions: [{ actionRef: 'A1', description: `${marker} action`, owner: 'LA', status: 'in-progress' }],
      },
    },
    { type: 'ReviewClosed', data: { reviewId, closedOn: '2028-01-01', reason: 'completed' } },
  ];
  const links = incidentIds.map((incidentId) => ({
    streamId: `incident-${incidentId}`,
    event: toAppend(
      {
        type: 'IncidentLinkedToReview',
        data: { incidentId, reviewId, reviewKind: options.national ? 'national' : 'local', linkedAt: meta.at },
      },
      meta,
    ),
  }));
  return [...review.map((e) => ({ streamId, event: toAppend(e, meta) })), ...links];
};
