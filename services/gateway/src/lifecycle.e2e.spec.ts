/**
 * Issue 3 "Done when": over HTTP against a started gateway with the real projector and a fresh server database,
 * one incident goes from notification to publication and closure, and two incidents of two partnerships go to one
 * national review; read models and deadlines are checked at each step, every read with `consistentAfter`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGatewayFixture } from './gateway.fixture';
import type { Caller, GatewayFixture } from './gateway.fixture';

let f: GatewayFixture;
let base: string;
let last = '';

const LEEDS: Caller = { role: 'partnership', partnership: 'leeds', sub: 'lucy' };
const BRADFORD: Caller = { role: 'partnership', partnership: 'bradford', sub: 'bea' };
const PANEL: Caller = { role: 'panel', sub: 'paula' };
const OFSTED: Caller = { role: 'ofsted', sub: 'olive' };

/** POSTs over HTTP; mutations' positions are kept so the next read waits for them. */
const gql = async (caller: Caller, query: string, variables: Record<string, unknown> = {}) => {
  const token = await f.tokenFor(caller);
  const response = await fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  expect(response.status).toBe(200);
  const body = (await response.json()) as { data?: Record<string, any>; errors?: unknown[]; extensions?: unknown }; // eslint-disable-line @typescript-eslint/no-explicit-any
  expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
  expect(body.extensions).toBeUndefined();
  return body.data!;
};

const mutate = async (caller: Caller, field: string, inputType: string, input: Record<string, unknown>) => {
  const payload =
    (inputType.includes('Review') && !inputType.includes('RapidReview')) ||
    [
      'appointReviewer',
      'delayPublication',
      'submitFinalReport',
      'publishReport',
      'recordActionPlanProgress',
      'closeReview',
    ].includes(field)
      ? '... on ReviewPayload { reviewId position }'
      : '... on IncidentPayload { incidentId position }';
  const data = await gql(
    caller,
    `mutation($input: ${inputType}!) { ${field}(input: $input) { __typename ${payload} ... on ClientError { code message } } }`,
    { input },
  );
  const result = data[field];
  expect(result.__typename, JSON.stringify(result)).toMatch(/Payload$/);
  last = result.position;
  return result as { incidentId?: string; reviewId?: string; position: string };
};

const INCIDENT = `query($id: ID!, $after: String) { incident(id: $id, consistentAfter: $after) { __typename ... on Incident {
  status partnershipId notifiedOn reviewIds rapidReview { submission localReviewDecision } panelResponse { outcome }
  deadlines { kind dueOn metOn metOnTime workingDaysLeft overdue } } } }`;
const REVIEW = `query($id: ID!, $after: String) { review(id: $id, consistentAfter: $after) { __typename ... on Review {
  kind status partnershipIds incidentIds reviewer { name } finalReport { submittedOn } publication { publishedOn caseName }
  actionPlan { actions inProgress } deadlines { kind dueOn metOn metOnTime } } } }`;

const incident = async (caller: Caller, id: string) => (await gql(caller, INCIDENT, { id, after: last })).incident;
const review = async (caller: Caller, id: string) => (await gql(caller, REVIEW, { id, after: last })).review;
const deadline = (record: { deadlines: { kind: string }[] }, kind: string) =>
  record.deadlines.find((d) => d.kind === kind);

const child = (name: string, extra: Record<string, unknown> = {}) => ({
  childRef: 'child-1',
  name,
  sex: 'FEMALE',
  ethnicity: 'WHITE',
  disability: 'NO',
  placement: 'AT_HOME',
  lookedAfter: false,
  childInNeedPlan: true,
  childProtectionPlan: true,
  knownToAgencies: 'YES',
  ...extra,
});

const notifyInput = (la: string, name: string) => ({
  localAuthorityCode: la,
  nature: 'SERIOUS_HARM',
  becameAwareOn: '2026-03-09',
  incidentOn: '2026-03-08',
  children: [child(name, { dateOfBirth: '2015-02-01' })],
  notifier: { name: 'Notifier', role: 'Head of service', email: 'notifier@example.gov.uk' },
  location: 'Home',
  caseOutline: 'Outline of the case.',
});

const rapidReviewInput = (incidentId: string, decision: 'LOCAL_REVIEW' | 'NO_LOCAL_REVIEW', nationalFlag: boolean) => ({
  incidentId,
  parallelProcesses: ['POLICE_INVESTIGATION'],
  agenciesInvolved: ['POLICE', 'HEALTH', 'EDUCATION'],
  localReviewDecision: decision,
  localCriteria: { improvementsNeeded: true, recurrentThemes: false, multiAgencyConcerns: true, panelSuggested: false },
  nationalCriteria: { improvementsNeeded: nationalFlag, lawOrGuidanceChanges: nationalFlag, recurrentThemes: false },
  signedOff: { localAuthority: true, integratedCareBoard: true, police: true },
  facts: 'Facts.',
  agencySummaries: [{ agency: 'POLICE', summary: 'Police were called twice.' }],
  keyPracticeEpisodes: 'Episodes.',
  livedExperience: 'Lived experience.',
  immediateActions: 'Actions.',
  learningIdentified: 'Learning.',
  decisionReasons: 'Reasons.',
  signatories: { localAuthority: 'A Officer', integratedCareBoard: 'B Officer', police: 'C Officer' },
});

beforeAll(async () => {
  f = await startGatewayFixture();
  base = await f.listen();
});
afterAll(async () => {
  await f?.close();
});

describe('one incident from notification to a published local review', () => {
  it('walks every step over HTTP with the deadlines right at each', async () => {
    // Tuesday 10 March 2026: notified the day after the LA became aware.
    f.clock.set('2026-03-10T09:30:00Z');
    const { incidentId } = await mutate(
      LEEDS,
      'notifyIncident',
      'NotifyIncidentInput',
      notifyInput('E08000035', 'Ariadne Testchild'),
    );
    let seen = await incident(LEEDS, incidentId!);
    expect(seen).toMatchObject({
      __typename: 'Incident',
      status: 'NOTIFIED',
      partnershipId: 'leeds',
      notifiedOn: '2026-03-10',
    });
    expect(deadline(seen, 'notification')).toMatchObject({ dueOn: '2026-03-16', metOn: '2026-03-10', metOnTime: true });
    expect(deadline(seen, 'rapid-review')).toMatchObject({
      dueOn: '2026-03-31',
      metOn: null,
      workingDaysLeft: 15,
      overdue: false,
    });

    // The rapid review on 24 March, within 15 working days; the Panel's 10-working-day target skips Easter.
    f.clock.set('2026-03-24T15:00:00Z');
    await mutate(
      LEEDS,
      'submitRapidReview',
      'SubmitRapidReviewInput',
      rapidReviewInput(incidentId!, 'LOCAL_REVIEW', false),
    );
    seen = await incident(LEEDS, incidentId!);
    expect(seen).toMatchObject({
      status: 'RAPID_REVIEW_SUBMITTED',
      rapidReview: { submission: 1, localReviewDecision: 'LOCAL_REVIEW' },
    });
    expect(deadline(seen, 'rapid-review')).toMatchObject({ metOn: '2026-03-24', metOnTime: true });
    expect(deadline(seen, 'panel-response')).toMatchObject({ dueOn: '2026-04-09', metOn: null });
    const queue = (
      await gql(
        PANEL,
        'query($after: String) { panelQueue(first: 50, consistentAfter: $after) { edges { node { incidentId targetOn workingDaysLeft } } } }',
        { after: last },
      )
    ).panelQueue;
    expect(queue.edges.map((e: { node: unknown }) => e.node)).toContainEqual({
      incidentId,
      targetOn: '2026-04-09',
      workingDaysLeft: 10,
    });

    f.clock.set('2026-04-01T10:00:00Z');
    await mutate(PANEL, 'respondToRapidReview', 'RespondToRapidReviewInput', {
      incidentId,
      outcome: 'AGREED',
      comments: 'The Panel agrees with a local review.',
    });
    seen = await incident(PANEL, incidentId!);
    expect(seen).toMatchObject({ status: 'PANEL_RESPONDED', panelResponse: { outcome: 'AGREED' } });
    expect(deadline(seen, 'panel-response')).toMatchObject({ metOn: '2026-04-01', metOnTime: true });
    const after = (
      await gql(
        PANEL,
        'query($after: String) { panelQueue(first: 50, consistentAfter: $after) { edges { node { incidentId } } } }',
        { after: last },
      )
    ).panelQueue;
    expect(after.edges.map((e: { node: { incidentId: string } }) => e.node.incidentId)).not.toContain(incidentId);

    // The local review: 6 months to publish from the decision to start it.
    f.clock.set('2026-04-02T10:00:00Z');
    const { reviewId } = await mutate(LEEDS, 'commissionLocalReview', 'CommissionLocalReviewInput', {
      incidentIds: [incidentId],
      caseName: 'Child A',
    });
    let r = await review(LEEDS, reviewId!);
    expect(r).toMatchObject({
      kind: 'LOCAL',
      status: 'COMMISSIONED',
      partnershipIds: ['leeds'],
      incidentIds: [incidentId],
    });
    expect(deadline(r, 'local-review-publication')).toMatchObject({ dueOn: '2026-10-02', metOn: null });
    expect(await incident(LEEDS, incidentId!)).toMatchObject({ status: 'IN_REVIEW', reviewIds: [reviewId] });

    await mutate(LEEDS, 'appointReviewer', 'AppointReviewerInput', {
      reviewId,
      reviewerName: 'Dr Independent Reviewer',
    });
    expect(await review(LEEDS, reviewId!)).toMatchObject({
      status: 'REVIEWER_APPOINTED',
      reviewer: { name: 'Dr Independent Reviewer' },
    });

    // Final report on 1 September for publication on 15 September: due 7 working days before, on 4 September.
    f.clock.set('2026-09-01T10:00:00Z');
    await mutate(LEEDS, 'submitFinalReport', 'SubmitFinalReportInput', {
      reviewId,
      recipients: ['PANEL', 'DFE'],
      plannedPublicationOn: '2026-09-15',
    });
    r = await review(LEEDS, reviewId!);
    expect(r).toMatchObject({ status: 'FINAL_REPORT_SUBMITTED', finalReport: { submittedOn: '2026-09-01' } });
    expect(deadline(r, 'final-report-before-publication')).toMatchObject({
      dueOn: '2026-09-04',
      metOn: '2026-09-01',
      metOnTime: true,
    });

    f.clock.set('2026-09-15T09:00:00Z');
    await mutate(LEEDS, 'publishReport', 'PublishReportInput', {
      reviewId,
      publishedOn: '2026-09-15',
      publication: 'FULL_REPORT',
      summary: 'How agencies shared information about Child A.',
      learningThemes: ['Information sharing', 'Neglect'],
      recommendations: ['Joint chronology'],
      keywords: ['neglect', 'multi-agency'],
      reviewModel: 'LCSPR',
      documents: [
        {
          kind: 'OVERVIEW_REPORT',
          title: 'Child A – Overview Report – September 2026',
          address: 'https://leeds.example/child-a.pdf',
          checksum: 'b'.repeat(64),
        },
      ],
    });
    r = await review(LEEDS, reviewId!);
    expect(r).toMatchObject({ status: 'PUBLISHED', publication: { publishedOn: '2026-09-15', caseName: 'Child A' } });
    expect(deadline(r, 'local-review-publication')).toMatchObject({ metOn: '2026-09-15', metOnTime: true });
    expect(deadline(r, 'publication-availability')).toMatchObject({ dueOn: '2027-09-15' });
    // The public, without a token, finds it.
    const reports = (
      await gql(
        'public',
        'query($after: String) { publishedReports(search: "information sharing", consistentAfter: $after) { edges { node { reviewId caseName partnershipName themes documents { kind title } } } } }',
        { after: last },
      )
    ).publishedReports;
    expect(reports.edges.map((e: { node: unknown }) => e.node)).toContainEqual(
      expect.objectContaining({ reviewId, caseName: 'Child A', themes: ['Information sharing', 'Neglect'] }),
    );

    await mutate(LEEDS, 'recordActionPlanProgress', 'RecordActionPlanProgressInput', {
      reviewId,
      actions: [
        { actionRef: '1', description: 'Joint chronology', owner: 'LA', status: 'IN_PROGRESS', dueOn: '2027-01-31' },
      ],
    });
    expect(await review(LEEDS, reviewId!)).toMatchObject({ actionPlan: { actions: 1, inProgress: 1 } });
    await mutate(LEEDS, 'closeReview', 'CloseReviewInput', { reviewId, reason: 'COMPLETED' });
    expect(await review(PANEL, reviewId!)).toMatchObject({ status: 'CLOSED' });
  });
});

describe('two incidents of two partnerships in one national review', () => {
  it('commissions, runs and publishes a national review the Panel owns', async () => {
    f.clock.set('2026-03-10T09:30:00Z');
    const first = (
      await mutate(LEEDS, 'notifyIncident', 'NotifyIncidentInput', notifyInput('E08000035', 'Bellatrix Testchild'))
    ).incidentId!;
    const second = (
      await mutate(BRADFORD, 'notifyIncident', 'NotifyIncidentInput', notifyInput('E08000032', 'Cassius Testchild'))
    ).incidentId!;
    f.clock.set('2026-03-20T10:00:00Z');
    await mutate(
      LEEDS,
      'submitRapidReview',
      'SubmitRapidReviewInput',
      rapidReviewInput(first, 'NO_LOCAL_REVIEW', true),
    );
    await mutate(
      BRADFORD,
      'submitRapidReview',
      'SubmitRapidReviewInput',
      rapidReviewInput(second, 'NO_LOCAL_REVIEW', true),
    );
    f.clock.set('2026-03-27T10:00:00Z');
    for (const id of [first, second]) {
      await mutate(PANEL, 'respondToRapidReview', 'RespondToRapidReviewInput', {
        incidentId: id,
        outcome: 'NATIONAL_REVIEW',
        comments: '',
      });
      expect(await incident(PANEL, id)).toMatchObject({
        status: 'PANEL_RESPONDED',
        panelResponse: { outcome: 'NATIONAL_REVIEW' },
      });
    }
    // A partnership cannot commission a national review.
    const refused = await gql(
      LEEDS,
      'mutation($input: CommissionNationalReviewInput!) { commissionNationalReview(input: $input) { __typename } }',
      { input: { incidentIds: [first, second], title: 'x' } },
    );
    expect(refused.commissionNationalReview.__typename).toBe('ForbiddenError');

    f.clock.set('2026-04-01T10:00:00Z');
    const { reviewId } = await mutate(PANEL, 'commissionNationalReview', 'CommissionNationalReviewInput', {
      incidentIds: [first, second],
      title: 'Safeguarding children with multiple agency contacts',
    });
    let r = await review(PANEL, reviewId!);
    expect(r).toMatchObject({
      kind: 'NATIONAL',
      status: 'COMMISSIONED',
      partnershipIds: ['leeds', 'bradford'],
      incidentIds: [first, second],
    });
    expect(r.deadlines.map((d: { kind: string }) => d.kind)).not.toContain('local-review-publication');
    for (const [caller, id] of [
      [LEEDS, first],
      [BRADFORD, second],
    ] as const) {
      expect(await incident(caller, id)).toMatchObject({ status: 'IN_REVIEW', reviewIds: [reviewId] });
      // Each partnership sees the national review covering its incident, and not the other's incident.
      expect((await review(caller, reviewId!)).__typename).toBe('Review');
    }
    expect((await incident(LEEDS, second)).__typename).toBe('NotFoundError');

    // Only the Panel acts on a national review.
    const notYours = await gql(
      LEEDS,
      'mutation($input: AppointReviewerInput!) { appointReviewer(input: $input) { __typename } }',
      { input: { reviewId, reviewerName: 'x' } },
    );
    expect(notYours.appointReviewer.__typename).toBe('ForbiddenError');
    await mutate(PANEL, 'appointReviewer', 'AppointReviewerInput', {
      reviewId,
      reviewerName: 'National Reviewer',
      organisation: 'The Panel',
    });
    f.clock.set('2026-11-02T10:00:00Z');
    await mutate(PANEL, 'submitFinalReport', 'SubmitFinalReportInput', {
      reviewId,
      recipients: ['DFE'],
      plannedPublicationOn: '2026-11-16',
    });
    r = await review(PANEL, reviewId!);
    expect(deadline(r, 'final-report-before-publication')).toMatchObject({
      dueOn: '2026-11-05',
      metOn: '2026-11-02',
      metOnTime: true,
    });
    f.clock.set('2026-11-16T10:00:00Z');
    await mutate(PANEL, 'publishReport', 'PublishReportInput', {
      reviewId,
      publishedOn: '2026-11-16',
      publication: 'FULL_REPORT',
      summary: 'National learning.',
      learningThemes: ['Multi-agency working'],
      recommendations: ['National guidance'],
      keywords: ['national'],
      reviewModel: 'NATIONAL',
      documents: [
        {
          kind: 'OVERVIEW_REPORT',
          title: 'National review',
          address: 'https://panel.example/national.pdf',
          checksum: 'c'.repeat(64),
        },
      ],
    });
    expect(await review(PANEL, reviewId!)).toMatchObject({ status: 'PUBLISHED' });
    const reports = (
      await gql(
        'public',
        'query($after: String) { publishedReports(consistentAfter: $after) { edges { node { reviewId kind partnershipName } } } }',
        { after: last },
      )
    ).publishedReports;
    expect(reports.edges.map((e: { node: unknown }) => e.node)).toContainEqual({
      reviewId,
      kind: 'NATIONAL',
      partnershipName: 'National',
    });

    // Ofsted's pull feed carries the commissioning, minimised.
    const feed = { items: [] as { type: string; data: { reviewId?: string } }[] };
    for (let after: string | null = null, more = true; more;) {
      const page: { endCursor: string; hasMore: boolean; items: { type: string; data: { reviewId?: string } }[] } = (
        await gql(
          OFSTED,
          'query($after: String) { notificationFeed(first: 100, after: $after) { endCursor hasMore items { type subject data } } }',
          { after },
        )
      ).notificationFeed;
      feed.items.push(...page.items);
      more = page.hasMore || page.items.length > 0;
      after = page.endCursor;
    }
    const commissioned = feed.items.find(
      (m: { type: string; data: { reviewId?: string } }) =>
        m.type === 'uk.gov.cspr.review.commissioned.v1' && m.data.reviewId === reviewId,
    );
    expect(commissioned).toBeDefined();
    expect(JSON.stringify(feed)).not.toMatch(/Testchild/);
  });
});
