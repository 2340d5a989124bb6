/**
 * The demo sample (`npm run demo`): a few partnerships' year, told as the commands people would have issued, in
 * date order. Names are invented and obviously so; incidents cover every stage: late and on-time notifications, a
 * rapid review awaiting the Panel, a local review running, one published like the reports on partnership pages
 * ("Child M – Overview Report"), a national review across two partnerships, a duplicate withdrawn, and a
 * looked-after child's death that needs no rapid review.
 */
import type { ApplicationCommand } from '@cspr/application';
import type { Actor } from '@cspr/domain';

export type DemoStep = { on: string; actor: Actor; command: ApplicationCommand; label: string };

const partnership = (partnershipId: string): Actor => ({
  userId: `demo-${partnershipId}-business-unit`,
  role: 'partnership',
  partnershipId,
});
const panel: Actor = { userId: 'demo-panel-secretariat', role: 'panel' };

const notifier = (partnershipId: string) => ({
  name: 'Sam Example',
  role: 'Head of Service, Children’s Social Care',
  email: `notifications@${partnershipId}.example.gov.uk`,
  phone: '0113 000 0000',
});

const child = (name: string, dateOfBirth: string, more: Partial<Record<string, unknown>> = {}) => ({
  name,
  dateOfBirth,
  sex: 'female',
  ethnicity: 'white',
  disability: 'no',
  placement: 'at-home',
  lookedAfter: false,
  childInNeedPlan: false,
  childProtectionPlan: true,
  knownToAgencies: 'yes',
  ...more,
});

const rapidReview = (incidentId: string, decision: 'local-review' | 'no-local-review', national = false) =>
  ({
    type: 'SubmitRapidReview',
    data: {
      incidentId,
      parallelProcesses: ['police-investigation', 'child-death-review'],
      agenciesInvolved: ['local-authority-childrens-social-care', 'police', 'health', 'education'],
      localReviewDecision: decision,
      localCriteria: {
        improvementsNeeded: decision === 'local-review',
        recurrentThemes: false,
        multiAgencyConcerns: decision === 'local-review',
        panelSuggested: false,
      },
      nationalCriteria: { improvementsNeeded: national, lawOrGuidanceChanges: false, recurrentThemes: national },
      signedOff: { localAuthority: true, integratedCareBoard: true, police: true },
      facts: 'Demo facts of the case (invented).',
      agencySummaries: [{ agency: 'health', summary: 'Health visitor contacts (invented).' }],
      keyPracticeEpisodes: 'Demo practice episodes.',
      livedExperience: 'Demo lived experience.',
      immediateActions: 'Demo immediate safeguarding actions.',
      learningIdentified: 'Demo learning identified.',
      decisionReasons: 'Demo reasons against the four local criteria.',
      signatories: {
        localAuthority: 'Director of Children’s Services',
        integratedCareBoard: 'Chief Nurse',
        police: 'Detective Superintendent',
      },
    },
  }) as ApplicationCommand;

const notify = (
  incidentId: string,
  partnershipId: string,
  localAuthorityCode: string,
  nature: string,
  becameAwareOn: string,
  incidentOn: string,
  children: object[],
) =>
  ({
    type: 'NotifyIncident',
    data: {
      incidentId,
      partnershipId,
      localAuthorityCode,
      nature,
      becameAwareOn,
      incidentOn,
      guidanceEdition: 'panel-guidance-2025',
      children: children.map((c, index) => ({ childRef: `child-${index + 1}`, ...c })),
      notifier: notifier(partnershipId),
      location: 'Demo address (invented)',
      caseOutline: 'Demo case outline (invented).',
    },
  }) as ApplicationCommand;

/** Deterministic ids, so loading the demo twice appends nothing the second time. */
export const DEMO_IDS = {
  leedsPublished: '0d3a6c4e-1111-4aaa-8000-000000000001',
  leedsReview: '0d3a6c4e-2222-4aaa-8000-000000000001',
  manchesterAwaitingPanel: '0d3a6c4e-1111-4aaa-8000-000000000002',
  birminghamLate: '0d3a6c4e-1111-4aaa-8000-000000000003',
  birminghamDuplicate: '0d3a6c4e-1111-4aaa-8000-000000000004',
  kentNational: '0d3a6c4e-1111-4aaa-8000-000000000005',
  norfolkNational: '0d3a6c4e-1111-4aaa-8000-000000000006',
  nationalReview: '0d3a6c4e-2222-4aaa-8000-000000000002',
  leedsLookedAfter: '0d3a6c4e-1111-4aaa-8000-000000000007',
  leedsRecent: '0d3a6c4e-1111-4aaa-8000-000000000008',
  manchesterLocal: '0d3a6c4e-1111-4aaa-8000-000000000009',
  manchesterLocalReview: '0d3a6c4e-2222-4aaa-8000-000000000003',
} as const;

const id = DEMO_IDS;

export const demoStory = (): DemoStep[] => [
  // Leeds: notified on time in 2025, through a local review to publication and action plan follow-up.
  {
    on: '2025-06-04',
    actor: partnership('leeds'),
    label: 'Leeds notifies a serious harm incident',
    command: notify(id.leedsPublished, 'leeds', 'E08000035', 'serious-harm', '2025-06-02', '2025-05-31', [
      child('Demo Child Alpha', '2024-11-03'),
    ]),
  },
  {
    on: '2025-06-20',
    actor: partnership('leeds'),
    label: 'Leeds submits the rapid review',
    command: rapidReview(id.leedsPublished, 'local-review'),
  },
  {
    on: '2025-07-03',
    actor: panel,
    label: 'Panel agrees with the local decision',
    command: {
      type: 'RespondToRapidReview',
      data: { incidentId: id.leedsPublished, outcome: 'agreed', comments: 'Demo comments.' },
    } as ApplicationCommand,
  },
  {
    on: '2025-07-10',
    actor: partnership('leeds'),
    label: 'Leeds commissions a local review',
    command: {
      type: 'CommissionLocalReview',
      data: {
        reviewId: id.leedsReview,
        partnershipId: 'leeds',
        incidentIds: [id.leedsPublished],
        guidanceEdition: 'panel-guidance-2025',
        caseName: 'Child M',
      },
    } as ApplicationCommand,
  },
  {
    on: '2025-07-24',
    actor: partnership('leeds'),
    label: 'Reviewer appointed',
    command: {
      type: 'AppointReviewer',
      data: { reviewId: id.leedsReview, reviewerName: 'Dr A. Reviewer', organisation: 'Independent' },
    } as ApplicationCommand,
  },
  {
    on: '2025-12-01',
    actor: partnership('leeds'),
    label: 'Final report sent to the Panel and DfE',
    command: {
      type: 'SubmitFinalReport',
      data: { reviewId: id.leedsReview, recipients: ['panel', 'dfe'], plannedPublicationOn: '2026-01-15' },
    } as ApplicationCommand,
  },
  {
    on: '2026-01-15',
    actor: partnership('leeds'),
    label: 'Report published',
    command: {
      type: 'PublishReport',
      data: {
        reviewId: id.leedsReview,
        publishedOn: '2026-01-15',
        publication: 'full-report',
        caseName: 'Child M',
        documents: [
          {
            kind: 'overview-report',
            title: 'Child M – Overview Report – January 2026',
            address: 'https://www.leedsscp.example/reviews/child-m-overview.pdf',
            checksum: 'a'.repeat(64),
          },
          {
            kind: 'executive-summary',
            title: 'Child M – Executive Summary',
            address: 'https://www.leedsscp.example/reviews/child-m-summary.pdf',
            checksum: 'b'.repeat(64),
          },
          {
            kind: 'learning-summary',
            title: 'Child M – 7 minute briefing',
            address: 'https://www.leedsscp.example/reviews/child-m-briefing.pdf',
            checksum: 'c'.repeat(64),
          },
        ],
        summary:
          'Review of multi-agency practice with an infant subject to a child protection plan who suffered non-accidental injuries.',
        learningThemes: ['non-accidental injury', 'working with fathers', 'information sharing'],
        recommendations: [
          'Include fathers in pre-birth assessments',
          'Strengthen health-to-social-care referral pathways',
        ],
        keywords: ['infant', 'bruising', 'child protection plan'],
        reviewModel: 'lcspr',
      },
    } as ApplicationCommand,
  },
  {
    on: '2026-04-20',
    actor: partnership('leeds'),
    label: 'Action plan progress',
    command: {
      type: 'RecordActionPlanProgress',
      data: {
        reviewId: id.leedsReview,
        actions: [
          {
            actionRef: 'A1',
            description: 'Fathers in pre-birth assessments',
            owner: 'Children’s Social Care',
            dueOn: '2026-06-30',
            status: 'in-progress',
          },
          {
            actionRef: 'A2',
            description: 'Referral pathway audit',
            owner: 'ICB',
            dueOn: '2026-03-31',
            status: 'completed',
          },
        ],
      },
    } as ApplicationCommand,
  },

  // Kent and Norfolk: two incidents the Panel takes into one national review.
  {
    on: '2026-05-06',
    actor: partnership('kent'),
    label: 'Kent notifies a child death',
    command: notify(id.kentNational, 'kent', 'E10000016', 'child-death', '2026-05-01', '2026-04-29', [
      child('Demo Child Bravo', '2013-02-11', { sex: 'male', placement: 'other' }),
    ]),
  },
  {
    on: '2026-05-07',
    actor: partnership('norfolk'),
    label: 'Norfolk notifies a child death',
    command: notify(id.norfolkNational, 'norfolk', 'E10000020', 'child-death', '2026-05-05', '2026-05-04', [
      child('Demo Child Charlie', '2012-08-19', { sex: 'male', ethnicity: 'mixed' }),
    ]),
  },
  {
    on: '2026-05-20',
    actor: partnership('kent'),
    label: 'Kent rapid review',
    command: rapidReview(id.kentNational, 'no-local-review', true),
  },
  {
    on: '2026-05-22',
    actor: partnership('norfolk'),
    label: 'Norfolk rapid review',
    command: rapidReview(id.norfolkNational, 'no-local-review', true),
  },
  {
    on: '2026-06-05',
    actor: panel,
    label: 'Panel: national review (Kent)',
    command: {
      type: 'RespondToRapidReview',
      data: { incidentId: id.kentNational, outcome: 'national-review', comments: 'Demo comments.' },
    } as ApplicationCommand,
  },
  {
    on: '2026-06-05',
    actor: panel,
    label: 'Panel: national review (Norfolk)',
    command: {
      type: 'RespondToRapidReview',
      data: { incidentId: id.norfolkNational, outcome: 'national-review', comments: 'Demo comments.' },
    } as ApplicationCommand,
  },
  {
    on: '2026-06-12',
    actor: panel,
    label: 'Panel commissions a national review',
    command: {
      type: 'CommissionNationalReview',
      data: {
        reviewId: id.nationalReview,
        incidentIds: [id.kentNational, id.norfolkNational],
        guidanceEdition: 'panel-guidance-2025',
        title: 'Adolescents at risk from criminal exploitation',
        thematic: false,
      },
    } as ApplicationCommand,
  },

  // Birmingham: a late notification (aware 1 Oct, notified 12 Oct) and a duplicate withdrawn.
  {
    on: '2026-10-12',
    actor: partnership('birmingham'),
    label: 'Birmingham notifies late',
    command: notify(id.birminghamLate, 'birmingham', 'E08000025', 'serious-harm', '2026-10-01', '2026-09-30', [
      child('Demo Child Delta', '2021-03-01'),
      child('Demo Child Echo', '2023-07-15', { sex: 'male' }),
    ]),
  },
  {
    on: '2026-10-13',
    actor: partnership('birmingham'),
    label: 'Birmingham notifies the same incident again',
    command: notify(id.birminghamDuplicate, 'birmingham', 'E08000025', 'serious-harm', '2026-10-01', '2026-09-30', [
      child('Demo Child Delta', '2021-03-01'),
    ]),
  },
  {
    on: '2026-10-14',
    actor: partnership('birmingham'),
    label: 'Duplicate withdrawn',
    command: {
      type: 'WithdrawNotification',
      data: {
        incidentId: id.birminghamDuplicate,
        reason: 'duplicate',
        duplicateOfIncidentId: id.birminghamLate,
        explanation: 'Notified twice by two teams.',
      },
    } as ApplicationCommand,
  },

  // Manchester: one rapid review awaiting the Panel, one local review under way.
  {
    on: '2026-09-02',
    actor: partnership('manchester'),
    label: 'Manchester notifies',
    command: notify(id.manchesterLocal, 'manchester', 'E08000003', 'serious-harm', '2026-08-28', '2026-08-27', [
      child('Demo Child Foxtrot', '2010-01-20', { placement: 'foster-care', lookedAfter: true }),
    ]),
  },
  {
    on: '2026-09-16',
    actor: partnership('manchester'),
    label: 'Manchester rapid review',
    command: rapidReview(id.manchesterLocal, 'local-review'),
  },
  {
    on: '2026-09-29',
    actor: panel,
    label: 'Panel agrees',
    command: {
      type: 'RespondToRapidReview',
      data: { incidentId: id.manchesterLocal, outcome: 'agreed', comments: '' },
    } as ApplicationCommand,
  },
  {
    on: '2026-10-05',
    actor: partnership('manchester'),
    label: 'Manchester commissions a local review',
    command: {
      type: 'CommissionLocalReview',
      data: {
        reviewId: id.manchesterLocalReview,
        partnershipId: 'manchester',
        incidentIds: [id.manchesterLocal],
        guidanceEdition: 'panel-guidance-2025',
        caseName: 'Child F',
      },
    } as ApplicationCommand,
  },
  {
    on: '2026-11-04',
    actor: partnership('manchester'),
    label: 'Manchester notifies again',
    command: notify(
      id.manchesterAwaitingPanel,
      'manchester',
      'E08000003',
      'other-harm-caused-by-child',
      '2026-11-02',
      '2026-10-31',
      [child('Demo Child Golf', '2009-05-05', { sex: 'male', childProtectionPlan: false, childInNeedPlan: true })],
    ),
  },
  {
    on: '2026-11-17',
    actor: partnership('manchester'),
    label: 'Manchester rapid review awaiting the Panel',
    command: rapidReview(id.manchesterAwaitingPanel, 'no-local-review'),
  },

  // Leeds: a looked-after child's death (no rapid review) and a fresh notification with its clocks running.
  {
    on: '2026-11-09',
    actor: partnership('leeds'),
    label: 'Leeds notifies a looked-after child death',
    command: notify(id.leedsLookedAfter, 'leeds', 'E08000035', 'looked-after-child-death', '2026-11-06', '2026-11-05', [
      child('Demo Child Hotel', '2011-12-12', {
        placement: 'residential-home',
        lookedAfter: true,
        childProtectionPlan: false,
      }),
    ]),
  },
  {
    on: '2026-11-19',
    actor: partnership('leeds'),
    label: 'Leeds notifies a new incident',
    command: notify(id.leedsRecent, 'leeds', 'E08000035', 'serious-harm', '2026-11-16', '2026-11-15', [
      child('Demo Child India', '2026-02-01'),
    ]),
  },
];
