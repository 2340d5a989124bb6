import { describe, expect, it } from 'vitest';
import { finalReportNoticeWorkingDays } from '../calendar/deadline-rules';
import { reviewDecider } from './review-decide';
import type {
  AppointReviewer,
  CloseReview,
  DelayPublication,
  PublishReport,
  RecordActionPlanProgress,
  ReviewCommand,
  SubmitFinalReport,
} from './review-commands';
import type { ReviewEvent } from './review-events';
import { deciderSpec, malformed } from '../shared/decider-spec';
import type { CommandContext } from '../shared/types';
import { NOW, TODAY, partnershipContext, roleContext } from '../incident/incident-test-fixtures';

const spec = deciderSpec(reviewDecider);
const R = 'review-1';
const CHECKSUM = 'a'.repeat(64);
const local: ReviewEvent = {
  type: 'LocalReviewCommissioned',
  schemaVersion: 1,
  data: {
    reviewId: R,
    partnershipId: 'leeds',
    incidentIds: ['i-1'],
    commissionedAt: '2025-09-01T10:00:00Z',
    commissionedOn: '2025-09-01',
    guidanceEdition: 'working-together-2023',
  },
  personal: { caseName: 'Child M' },
};
const national: ReviewEvent = {
  type: 'NationalReviewCommissioned',
  schemaVersion: 1,
  data: {
    reviewId: R,
    incidentIds: ['i-1', 'i-2'],
    partnershipIds: ['leeds', 'york'],
    commissionedAt: '2025-09-01T10:00:00Z',
    commissionedOn: '2025-09-01',
    guidanceEdition: 'panel-guidance-2025',
    thematic: true,
  },
  personal: { title: 'Infants at risk' },
};
const appointed: ReviewEvent = {
  type: 'ReviewerAppointed',
  schemaVersion: 1,
  data: { reviewId: R, appointedOn: '2025-09-10' },
  personal: { reviewerName: 'Dr Reviewer' },
};
const finalReport: ReviewEvent = {
  type: 'FinalReportSubmitted',
  schemaVersion: 1,
  data: { reviewId: R, submittedAt: '2026-02-20T10:00:00Z', submittedOn: '2026-02-20', recipients: ['panel', 'dfe'] },
};
const overview = { kind: 'overview-report', address: 'https://leeds.example/child-m.pdf', checksum: CHECKSUM } as const;
const published: ReviewEvent = {
  type: 'ReportPublished',
  schemaVersion: 1,
  data: { reviewId: R, publishedOn: TODAY, publication: 'full-report', documents: [overview], reviewModel: 'lcspr' },
  personal: {
    caseName: 'Child M',
    summary: 'Summary.',
    learningThemes: ['Neglect'],
    recommendations: ['Train staff'],
    keywords: ['infant'],
    documentTitles: ['Child M – Overview Report'],
  },
};
const closed: ReviewEvent = {
  type: 'ReviewClosed',
  schemaVersion: 1,
  data: { reviewId: R, closedOn: TODAY, reason: 'superseded' },
};

const cmd = <C extends ReviewCommand>(
  type: C['type'],
  data: Omit<C['data'], 'reviewId'>,
  context: CommandContext = partnershipContext(),
  reference?: unknown,
): C => ({ type, data: { reviewId: R, ...data }, context, ...(reference ? { reference } : {}) }) as unknown as C;
const appoint = (data: Partial<AppointReviewer['data']> = {}, context?: CommandContext) =>
  cmd<AppointReviewer>('AppointReviewer', { reviewerName: 'Dr Reviewer', appointedOn: '2025-09-10', ...data }, context);
const delay = (data: Partial<DelayPublication['data']> = {}, context?: CommandContext) =>
  cmd<DelayPublication>(
    'DelayPublication',
    { reason: 'criminal-proceedings', panelInformed: true, explanation: 'Trial listed.', ...data },
    context,
  );
const submit = (data: Partial<SubmitFinalReport['data']> = {}, context?: CommandContext) =>
  cmd<SubmitFinalReport>('SubmitFinalReport', { recipients: ['panel', 'dfe'], ...data }, context);
const publish = (
  data: Partial<PublishReport['data']> = {},
  context?: CommandContext,
  workingDaysSinceFinalReport = 12,
) =>
  cmd<PublishReport>(
    'PublishReport',
    {
      ...published.data,
      ...published.personal,
      documents: [{ ...overview, title: 'Child M – Overview Report' }],
      ...data,
    } as PublishReport['data'],
    context,
    {
      workingDaysSinceFinalReport,
    },
  );
const progress = (data: Partial<RecordActionPlanProgress['data']> = {}, context?: CommandContext) =>
  cmd<RecordActionPlanProgress>(
    'RecordActionPlanProgress',
    {
      actions: [
        { actionRef: 'A1', description: 'Train staff', owner: 'LA', dueOn: '2026-06-30', status: 'in-progress' },
      ],
      ...data,
    },
    context,
  );
const close = (reason: CloseReview['data']['reason'] = 'completed', context?: CommandContext) =>
  cmd<CloseReview>('CloseReview', { reason }, context);

describe('AppointReviewer', () => {
  it('records the reviewer, defaulting the date to today', () => {
    spec.given([local]).when(appoint()).then([appointed]);
    spec
      .given([local])
      .when(appoint({ appointedOn: undefined, organisation: 'Independent' }))
      .then([
        {
          type: 'ReviewerAppointed',
          schemaVersion: 1,
          data: { reviewId: R, appointedOn: TODAY },
          personal: { reviewerName: 'Dr Reviewer', organisation: 'Independent' },
        },
      ]);
  });

  it('seals the name (personal part) and still folds an old event with the name in data', () => {
    const old = {
      type: 'ReviewerAppointed',
      schemaVersion: 1,
      data: { reviewId: R, reviewerName: 'Old Plaintext', appointedOn: '2025-09-10' },
    } as unknown as ReviewEvent;
    const state = spec.given([local, old]).state();
    expect(state).toMatchObject({ reviewerAppointed: true });
    expect(JSON.stringify(state)).not.toContain('Old Plaintext');
  });

  it('may replace the reviewer until the final report is in', () => {
    expect(
      spec
        .given([local, appointed])
        .when(appoint({ reviewerName: 'Ms Other' }))
        .events(),
    ).toHaveLength(1);
    spec
      .given([local, appointed, finalReport])
      .when(appoint())
      .thenThrows({ code: 'illegal_state', messageIncludes: 'final report' });
  });

  it('validates the name and dates', () => {
    spec
      .given([local])
      .when(appoint({ reviewerName: '' }))
      .thenThrows({ code: 'validation', field: 'reviewerName' });
    spec
      .given([local])
      .when(appoint({ appointedOn: '2026-03-11' }))
      .thenThrows({ code: 'validation', field: 'appointedOn', messageIncludes: 'future' });
    spec
      .given([local])
      .when(appoint({ appointedOn: '2025-08-31' }))
      .thenThrows({ code: 'validation', field: 'appointedOn', messageIncludes: 'before' });
  });

  it('refuses before commissioning, after publication and closure', () => {
    spec.given([]).when(appoint()).thenThrows({ code: 'not_found' });
    spec.given([local, closed]).when(appoint()).thenThrows({ code: 'illegal_state' });
    spec
      .given([local, appointed, finalReport, published])
      .when(appoint())
      .thenThrows({ code: 'illegal_state', messageIncludes: 'published' });
  });
});

describe('who acts on a review', () => {
  it('a local review: only its partnership — not another, not the Panel, Ofsted or an admin', () => {
    for (const context of [
      partnershipContext('york'),
      roleContext('panel'),
      roleContext('ofsted'),
      roleContext('admin'),
    ]) {
      spec.given([local]).when(appoint({}, context)).thenThrows({ code: 'forbidden' });
      spec.given([local, appointed, finalReport]).when(publish({}, context)).thenThrows({ code: 'forbidden' });
    }
  });

  it('a national review: only the Panel — not even a partnership whose incident it covers', () => {
    expect(
      spec
        .given([national])
        .when(appoint({}, roleContext('panel')))
        .events(),
    ).toHaveLength(1);
    for (const context of [partnershipContext('leeds'), roleContext('ofsted'), roleContext('admin')]) {
      spec.given([national]).when(appoint({}, context)).thenThrows({ code: 'forbidden' });
    }
  });
});

describe('DelayPublication', () => {
  it('records the delay; the explanation is personal', () => {
    spec
      .given([local])
      .when(delay({ expectedPublicationOn: '2026-09-01' }))
      .then([
        {
          type: 'PublicationDelayed',
          schemaVersion: 1,
          data: {
            reviewId: R,
            delayedOn: TODAY,
            reason: 'criminal-proceedings',
            expectedPublicationOn: '2026-09-01',
            panelInformed: true,
          },
          personal: { explanation: 'Trial listed.' },
        },
      ]);
    expect(spec.given([local, ...spec.given([local]).when(delay()).events()]).state()).toMatchObject({ delays: 1 });
  });

  it('validates reason, expected date (not in the past), panelInformed and explanation', () => {
    spec
      .given([local])
      .when(delay({ reason: malformed('busy') }))
      .thenThrows({ code: 'validation', field: 'reason' });
    spec
      .given([local])
      .when(delay({ expectedPublicationOn: '2026-03-09' }))
      .thenThrows({ code: 'validation', field: 'expectedPublicationOn' });
    spec
      .given([local])
      .when(delay({ panelInformed: malformed(undefined) }))
      .thenThrows({ code: 'validation', field: 'panelInformed' });
    spec
      .given([local])
      .when(delay({ explanation: '' }))
      .thenThrows({ code: 'validation', field: 'explanation' });
  });

  it('refuses after publication', () => {
    spec
      .given([local, appointed, finalReport, published])
      .when(delay())
      .thenThrows({ code: 'illegal_state', messageIncludes: 'published' });
  });
});

describe('SubmitFinalReport', () => {
  it('records the final report sent to its recipients', () => {
    spec
      .given([local, appointed])
      .when(submit({ plannedPublicationOn: '2026-04-01' }))
      .then([
        {
          type: 'FinalReportSubmitted',
          schemaVersion: 1,
          data: {
            reviewId: R,
            submittedAt: NOW,
            submittedOn: TODAY,
            recipients: ['panel', 'dfe'],
            plannedPublicationOn: '2026-04-01',
          },
        },
      ]);
  });

  it('needs a reviewer', () => {
    spec.given([local]).when(submit()).thenThrows({ code: 'illegal_state', messageIncludes: 'no reviewer' });
  });

  it('validates recipients and the planned date', () => {
    spec
      .given([local, appointed])
      .when(submit({ recipients: [] }))
      .thenThrows({ code: 'validation', field: 'recipients' });
    spec
      .given([local, appointed])
      .when(submit({ recipients: ['panel', 'panel'] }))
      .thenThrows({ code: 'validation', field: 'recipients.1' });
    spec
      .given([local, appointed])
      .when(submit({ recipients: [malformed('ofsted')] }))
      .thenThrows({ code: 'validation', field: 'recipients.0' });
    spec
      .given([local, appointed])
      .when(submit({ plannedPublicationOn: '2026-01-01' }))
      .thenThrows({ code: 'validation', field: 'plannedPublicationOn' });
  });

  it('accepts a revised report before publication, refuses one after', () => {
    const [event] = spec.given([local, appointed, finalReport]).when(submit()).events();
    expect(spec.given([local, appointed, finalReport, event!]).state()).toMatchObject({
      finalReportSubmittedOn: TODAY,
    });
    spec.given([local, appointed, finalReport, published]).when(submit()).thenThrows({ code: 'illegal_state' });
  });
});

describe('PublishReport', () => {
  const publishedWith = (finalReportNoticeWorkingDays: number, finalReportNoticeMet: boolean): ReviewEvent =>
    ({ ...published, data: { ...published.data, finalReportNoticeWorkingDays, finalReportNoticeMet } }) as ReviewEvent;

  it('publishes a finished review whose final report went out at least 7 working days before, notice met', () => {
    spec
      .given([local, appointed, finalReport])
      .when(publish({}, undefined, 7))
      .then([publishedWith(7, true)]);
  });

  it("publishes without a case name when none is given: the review's, sealed at commissioning, is not copied", () => {
    const [event] = spec
      .given([local, appointed, finalReport])
      .when(publish({ caseName: undefined }))
      .events();
    expect(event?.data).not.toHaveProperty('caseName');
    expect(event?.personal).not.toHaveProperty('caseName');
    expect(spec.given([local, appointed, finalReport, published]).state()).toMatchObject({
      status: 'published',
      publishedOn: TODAY,
    });
  });

  it("seals the documents' titles in their order, and still folds an event written with them in plaintext", () => {
    const summary = { ...overview, kind: 'executive-summary', address: 'https://leeds.example/summary.pdf' } as const;
    const [event] = spec
      .given([local, appointed, finalReport])
      .when(
        publish({
          documents: [
            { ...overview, title: 'Child M – Overview Report' },
            { ...summary, title: 'Child M – Executive Summary' },
          ],
        }),
      )
      .events();
    expect(event?.data).toMatchObject({ documents: [overview, summary] });
    expect(JSON.stringify(event?.data)).not.toContain('Child M');
    expect(event?.personal).toMatchObject({
      documentTitles: ['Child M – Overview Report', 'Child M – Executive Summary'],
    });
    const plaintext = {
      type: 'ReportPublished',
      schemaVersion: 1,
      data: { ...published.data, documents: [{ ...overview, title: 'Child M – Overview Report' }] },
    } as ReviewEvent;
    expect(spec.given([local, appointed, finalReport, plaintext]).state()).toMatchObject({ status: 'published' });
  });

  it('refuses publishing an unfinished review', () => {
    spec.given([local]).when(publish()).thenThrows({ code: 'illegal_state', messageIncludes: 'unfinished' });
    spec.given([local, appointed]).when(publish()).thenThrows({ code: 'illegal_state', messageIncludes: 'unfinished' });
  });

  it('records a publication fewer than 7 working days after the final report, flagged as short notice (it happened)', () => {
    spec
      .given([local, appointed, finalReport])
      .when(publish({}, undefined, 6))
      .then([publishedWith(6, false)]);
    spec
      .given([local, appointed, finalReport])
      .when(publish({}, undefined, 0))
      .then([publishedWith(0, false)]);
    expect(spec.given([local, appointed, finalReport, publishedWith(6, false)]).state()).toMatchObject({
      status: 'published',
    });
  });

  it("takes the notice from the rule set of the review's edition (deadline-rules.ts), not a second constant", () => {
    expect(finalReportNoticeWorkingDays('working-together-2023')).toBe(7);
    expect(finalReportNoticeWorkingDays('panel-guidance-2025')).toBe(7);
  });

  it('refuses when the handler did not count the working days (missing or malformed reference)', () => {
    const { reference: _omitted, ...withoutReference } = publish();
    spec
      .given([local, appointed, finalReport])
      .when(withoutReference)
      .thenThrows({ code: 'validation', field: 'reference.workingDaysSinceFinalReport' });
    spec
      .given([local, appointed, finalReport])
      .when(publish({}, undefined, 7.5))
      .thenThrows({ code: 'validation', field: 'reference.workingDaysSinceFinalReport' });
  });

  it('refuses publishing twice, after closure, and before commissioning', () => {
    spec
      .given([local, appointed, finalReport, published])
      .when(publish())
      .thenThrows({ code: 'illegal_state', messageIncludes: 'already' });
    spec.given([local, appointed, finalReport, closed]).when(publish()).thenThrows({ code: 'illegal_state' });
    spec.given([]).when(publish()).thenThrows({ code: 'not_found' });
  });

  it.each([
    ['publishedOn', { publishedOn: '2026-03-11' }],
    ['publishedOn', { publishedOn: '2026-02-19' }],
    ['publishedOn', { publishedOn: '10 March' }],
    ['publication', { publication: 'partial' }],
    ['documents', { documents: [] }],
    [
      'documents',
      {
        documents: [
          { kind: 'executive-summary', title: 'Summary', address: 'https://x.example/s.pdf', checksum: CHECKSUM },
        ],
      },
    ],
    [
      'documents.0.address',
      {
        documents: [
          { kind: 'overview-report', title: 'Report', address: 'http://x.example/r.pdf', checksum: CHECKSUM },
        ],
      },
    ],
    [
      'documents.0.checksum',
      {
        documents: [{ kind: 'overview-report', title: 'Report', address: 'https://x.example/r.pdf', checksum: 'abc' }],
      },
    ],
    [
      'documents.0.kind',
      { documents: [{ kind: 'letter', title: 'Report', address: 'https://x.example/r.pdf', checksum: CHECKSUM }] },
    ],
    ['summary', { summary: '' }],
    ['learningThemes.0', { learningThemes: [''] }],
    ['keywords', { keywords: 'infant' }],
    ['reviewModel', { reviewModel: 'novel' }],
    ['caseName', { caseName: '' }],
  ])('validates %s', (field, data) => {
    spec
      .given([local, appointed, finalReport])
      .when(publish(data as Partial<PublishReport['data']>))
      .thenThrows({ code: 'validation', field });
  });

  it('publishes improvements only without the overview report', () => {
    const documents = [
      { kind: 'learning-summary' as const, title: 'Learning', address: 'https://x.example/l.pdf', checksum: CHECKSUM },
    ];
    expect(
      spec
        .given([local, appointed, finalReport])
        .when(publish({ publication: 'improvements-only', documents }))
        .events(),
    ).toHaveLength(1);
  });

  it('the Panel publishes a national review', () => {
    expect(
      spec
        .given([national, appointed, finalReport])
        .when(publish({}, roleContext('panel')))
        .events(),
    ).toHaveLength(1);
  });
});

describe('RecordActionPlanProgress', () => {
  it('records progress after publication', () => {
    spec
      .given([local, appointed, finalReport, published])
      .when(progress())
      .then([
        {
          type: 'ActionPlanProgressRecorded',
          schemaVersion: 1,
          data: {
            reviewId: R,
            recordedOn: TODAY,
            actions: [{ actionRef: 'A1', dueOn: '2026-06-30', status: 'in-progress' }],
          },
          // The text is sealed under the review's key; only statuses and dates stay in data.
          personal: { actions: [{ actionRef: 'A1', description: 'Train staff', owner: 'LA' }] },
        },
      ]);
  });

  it('refuses before publication and after closure', () => {
    spec
      .given([local, appointed, finalReport])
      .when(progress())
      .thenThrows({ code: 'illegal_state', messageIncludes: 'only after publication' });
    spec
      .given([local, appointed, finalReport, published, closed])
      .when(progress())
      .thenThrows({ code: 'illegal_state' });
  });

  it('validates the actions', () => {
    const given = [local, appointed, finalReport, published];
    const action = progress().data.actions[0]!;
    spec
      .given(given)
      .when(progress({ actions: [] }))
      .thenThrows({ code: 'validation', field: 'actions' });
    spec
      .given(given)
      .when(progress({ actions: [action, action] }))
      .thenThrows({ code: 'validation', field: 'actions.1' });
    spec
      .given(given)
      .when(progress({ actions: [{ ...action, status: malformed('done') }] }))
      .thenThrows({ code: 'validation', field: 'actions.0.status' });
    spec
      .given(given)
      .when(progress({ actions: [{ ...action, dueOn: '30/06/2026' }] }))
      .thenThrows({ code: 'validation', field: 'actions.0.dueOn' });
    spec
      .given(given)
      .when(progress({ actions: [{ ...action, owner: '' }] }))
      .thenThrows({ code: 'validation', field: 'actions.0.owner' });
  });

  it('refuses another partnership', () => {
    spec
      .given([local, appointed, finalReport, published])
      .when(progress({}, partnershipContext('york')))
      .thenThrows({ code: 'forbidden' });
  });
});

describe('CloseReview', () => {
  it('closes a published review as completed', () => {
    spec
      .given([local, appointed, finalReport, published])
      .when(close())
      .then([{ type: 'ReviewClosed', schemaVersion: 1, data: { reviewId: R, closedOn: TODAY, reason: 'completed' } }]);
  });

  it('closes an unpublished review only as superseded or withdrawn', () => {
    spec
      .given([local])
      .when(close())
      .thenThrows({ code: 'illegal_state', messageIncludes: 'before its report is published' });
    spec.given([local]).when(close('superseded')).then([closed]);
    expect(spec.given([local, closed]).state()).toMatchObject({ status: 'closed', closedOn: TODAY });
  });

  it('refuses closing twice, an unknown reason, and other actors', () => {
    spec
      .given([local, closed])
      .when(close('withdrawn'))
      .thenThrows({ code: 'illegal_state', messageIncludes: 'already closed' });
    spec
      .given([local])
      .when(close(malformed('abandoned')))
      .thenThrows({ code: 'validation', field: 'reason' });
    spec
      .given([local])
      .when(close('withdrawn', roleContext('ofsted')))
      .thenThrows({ code: 'forbidden' });
  });
});

describe('reviewDecider', () => {
  it('refuses an unknown command type loudly and ignores events on an empty stream', () => {
    expect(() =>
      reviewDecider.decide(malformed({ type: 'Nope', context: roleContext('admin') }), reviewDecider.initialState()),
    ).toThrow(/Unhandled review command/);
    expect(spec.given([appointed]).state()).toEqual({ status: 'none' });
  });
});
