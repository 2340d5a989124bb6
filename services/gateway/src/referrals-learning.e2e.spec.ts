/**
 * Issue 9 "Done when", over HTTP against a started gateway with the real projector and a fresh server database:
 * a police referral through the sub-group's decision to a notification whose deadline runs from the referral's
 * awareness date; and a referral to a learning review with recommendations and an action flagged overdue.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGatewayFixture } from './gateway.fixture';
import type { Caller, GatewayFixture } from './gateway.fixture';

let f: GatewayFixture;
let base: string;
let last = '';

const POLICE: Caller = { role: 'agency', partnership: 'leeds', sub: 'officer-1' };
const OTHER_OFFICER: Caller = { role: 'agency', partnership: 'leeds', sub: 'officer-2' };
const LEEDS: Caller = { role: 'partnership', partnership: 'leeds', sub: 'lucy' };
const BRADFORD: Caller = { role: 'partnership', partnership: 'bradford', sub: 'bea' };
const PANEL: Caller = { role: 'panel', sub: 'paula' };

const gql = async (caller: Caller, query: string, variables: Record<string, unknown> = {}) => {
  const token = await f.tokenFor(caller);
  const response = await fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  expect(response.status).toBe(200);
  const body = (await response.json()) as { data?: Record<string, any>; errors?: unknown[] }; // eslint-disable-line @typescript-eslint/no-explicit-any
  expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
  return body.data!;
};

const mutate = async (caller: Caller, field: string, inputType: string, input: Record<string, unknown>) => {
  const payload = inputType.includes('Referral')
    ? '... on ReferralPayload { referralId position relatedIds }'
    : '... on ReviewPayload { reviewId position }';
  const data = await gql(
    caller,
    `mutation($input: ${inputType}!) { ${field}(input: $input) { __typename ${payload} ... on ClientError { code message } } }`,
    { input },
  );
  const result = data[field];
  expect(result.__typename, JSON.stringify(result)).toMatch(/Payload$/);
  last = result.position;
  return result as { referralId?: string; reviewId?: string; position: string; relatedIds?: string[] };
};

const referralInput = (commandId: string) => ({
  commandId,
  localAuthorityCode: 'E08000035',
  agency: 'POLICE',
  nature: 'SERIOUS_HARM',
  incidentOn: '2026-03-02',
  becameAwareOn: '2026-03-03',
  criteriaView: 'MET',
  dslConsulted: true,
  children: [
    {
      childRef: 'child-1',
      name: 'Octavia Testchild',
      ageInYears: 9,
      sex: 'FEMALE',
      ethnicity: 'WHITE',
      disability: 'NO',
      placement: 'AT_HOME',
      lookedAfter: false,
      childInNeedPlan: true,
      childProtectionPlan: false,
      knownToAgencies: 'YES',
    },
  ],
  referrer: { name: 'DS Referrer', role: 'Detective sergeant', email: 'ds@police.example' },
  whatHappened: 'Found injured at home.',
  agencyReasons: 'Injuries consistent with abuse.',
  location: 'Home address',
});

const REFERRAL = `query($id: ID!, $after: String) { referral(id: $id, consistentAfter: $after) { __typename
  ... on Referral { status becameAwareOn decision { outcome decidedOn incidentId reviewKind reviewId } } ... on ClientError { code } } }`;

beforeAll(async () => {
  f = await startGatewayFixture();
  base = await f.listen();
});
afterAll(async () => {
  await f?.close();
});

describe('a police referral to a notification', () => {
  it("notifies from the sub-group's decision, the 5 working days counted from the referral's awareness date", async () => {
    f.clock.set('2026-03-10T09:30:00Z');
    const { referralId } = await mutate(POLICE, 'submitReferral', 'SubmitReferralInput', referralInput('police-ref-1'));
    expect((await gql(POLICE, REFERRAL, { id: referralId, after: last })).referral).toMatchObject({
      __typename: 'Referral',
      status: 'SUBMITTED',
      becameAwareOn: '2026-03-03',
      decision: null,
    });
    // Neither another officer nor another partnership learns that it exists.
    expect((await gql(OTHER_OFFICER, REFERRAL, { id: referralId, after: last })).referral).toMatchObject({
      __typename: 'NotFoundError',
    });
    expect((await gql(BRADFORD, REFERRAL, { id: referralId, after: last })).referral).toMatchObject({
      __typename: 'NotFoundError',
    });

    f.clock.set('2026-03-12T11:00:00Z');
    const decided = await mutate(LEEDS, 'decideReferral', 'DecideReferralInput', {
      commandId: 'decide-1',
      referralId,
      outcome: 'NOTIFY',
      notifier: { name: 'LA Notifier', role: 'Head of service', email: 'notifier@leeds.gov.uk' },
    });
    expect(decided.relatedIds).toHaveLength(1);
    const incidentId = decided.relatedIds![0]!.replace(/^incident-/, '');

    const seen = (await gql(POLICE, REFERRAL, { id: referralId, after: last })).referral;
    expect(seen).toMatchObject({
      status: 'DECIDED',
      decision: { outcome: 'NOTIFY', decidedOn: '2026-03-12', incidentId },
    });
    const incident = (
      await gql(
        LEEDS,
        `query($id: ID!, $after: String) { incident(id: $id, consistentAfter: $after) { __typename ... on Incident {
      status partnershipId notifiedOn deadlines { kind dueOn metOn metOnTime } } } }`,
        { id: incidentId, after: last },
      )
    ).incident;
    expect(incident).toMatchObject({
      __typename: 'Incident',
      status: 'NOTIFIED',
      partnershipId: 'leeds',
      notifiedOn: '2026-03-12',
    });
    // Aware Tuesday 3 March: due Tuesday 10 March, so a notification on the 12th is late.
    expect(incident.deadlines.find((d: { kind: string }) => d.kind === 'notification')).toMatchObject({
      dueOn: '2026-03-10',
      metOn: '2026-03-12',
      metOnTime: false,
    });
    // The agency never reads the incident itself.
    const asPolice = await f.graphql(POLICE, 'query($id: ID!) { incident(id: $id) { __typename } }', {
      id: incidentId,
    });
    expect(JSON.stringify(asPolice)).not.toContain('"Incident"');
  });
});

describe('a referral to a learning review', () => {
  it('commissions the review, records recommendations and flags an action overdue', async () => {
    f.clock.set('2026-03-10T09:30:00Z');
    const { referralId } = await mutate(POLICE, 'submitReferral', 'SubmitReferralInput', referralInput('police-ref-2'));
    const decided = await mutate(LEEDS, 'decideReferral', 'DecideReferralInput', {
      commandId: 'decide-2',
      referralId,
      outcome: 'ALTERNATIVE_REVIEW',
      reviewKind: 'MULTI_AGENCY_LEARNING_REVIEW',
      reviewTitle: 'Learning from Child O',
    });
    const reviewId = decided.relatedIds![0]!.replace(/^review-/, '');
    expect((await gql(POLICE, REFERRAL, { id: referralId, after: last })).referral.decision).toMatchObject({
      outcome: 'ALTERNATIVE_REVIEW',
      reviewKind: 'MULTI_AGENCY_LEARNING_REVIEW',
      reviewId,
    });

    await mutate(LEEDS, 'recordLearning', 'RecordLearningInput', {
      reviewId,
      items: [{ kind: 'SEVEN_MINUTE_BRIEFING', title: '7-minute briefing' }],
      themes: ['online safety'],
    });
    await mutate(LEEDS, 'addRecommendation', 'AddRecommendationInput', {
      reviewId,
      recommendationId: 'rec-1',
      text: 'Share police logs within 24 hours',
      assignedAgency: 'police',
    });
    await mutate(LEEDS, 'recordActionForRecommendation', 'RecordActionForRecommendationInput', {
      reviewId,
      actionId: 'act-1',
      recommendationId: 'rec-1',
      description: 'Joint protocol',
      owner: 'West Yorkshire Police',
      dueOn: '2026-04-30',
    });
    await mutate(LEEDS, 'recordActionForRecommendation', 'RecordActionForRecommendationInput', {
      reviewId,
      actionId: 'act-2',
      recommendationId: 'rec-1',
      description: 'Training',
      owner: 'Leeds LA',
      dueOn: '2026-04-15',
    });
    await mutate(LEEDS, 'updateActionStatus', 'UpdateActionStatusInput', {
      reviewId,
      actionId: 'act-2',
      recommendationId: 'rec-1',
      status: 'COMPLETED',
      note: 'Delivered',
    });
    await mutate(LEEDS, 'nameConcernedPartnerships', 'NameConcernedPartnershipsInput', {
      reviewId,
      partnershipIds: ['bradford'],
    });

    const LEARNING = `query($id: ID!, $after: String) { reviewLearning(reviewId: $id, consistentAfter: $after) { __typename ... on ReviewLearning {
      kind ownerPartnershipId referralIds learningThemes recommendations { recommendationId assignedAgency } overdueActionCount actions { actionId status overdue } } } }`;
    f.clock.set('2026-04-30T12:00:00Z');
    expect((await gql(LEEDS, LEARNING, { id: reviewId, after: last })).reviewLearning).toMatchObject({
      overdueActionCount: 0,
    });
    f.clock.set('2026-05-01T09:00:00Z');
    expect((await gql(LEEDS, LEARNING, { id: reviewId, after: last })).reviewLearning).toEqual({
      __typename: 'ReviewLearning',
      kind: 'multi-agency-learning-review',
      ownerPartnershipId: 'leeds',
      referralIds: [referralId],
      learningThemes: ['online safety'],
      recommendations: [{ recommendationId: 'rec-1', assignedAgency: 'police' }],
      overdueActionCount: 1,
      actions: [
        { actionId: 'act-1', status: 'NOT_STARTED', overdue: true },
        { actionId: 'act-2', status: 'COMPLETED', overdue: false },
      ],
    });
    // The free text is sealed under the review's key: no plaintext in the log or the read model; readers of the
    // review (the owner, a concerned partnership) get it opened, each read audited.
    const TEXT = `query($id: ID!, $after: String) { reviewLearning(reviewId: $id, consistentAfter: $after) { ... on ReviewLearning {
      learningItems { title } recommendations { text } actions { description note } } } }`;
    const text = {
      learningItems: [{ title: '7-minute briefing' }],
      recommendations: [{ text: 'Share police logs within 24 hours' }],
      actions: [
        { description: 'Joint protocol', note: null },
        { description: 'Training', note: 'Delivered' },
      ],
    };
    expect((await gql(LEEDS, TEXT, { id: reviewId, after: last })).reviewLearning).toEqual(text);
    expect((await gql(BRADFORD, TEXT, { id: reviewId, after: last })).reviewLearning).toEqual(text);
    const [stored] = await f.db.sql<{ text: string }[]>`
      select (select string_agg(data::text, ' ') from event_store.events where stream_id = ${`review-${reviewId}`})
        || (select row_to_json(l)::text from read_models.review_learning l where review_id = ${reviewId}) as text`;
    for (const plain of ['7-minute briefing', 'Share police logs', 'Joint protocol', 'Training', 'Delivered']) {
      expect(stored!.text).not.toContain(plain);
    }
    const audited = await f.db.sql<{ purpose: string; partnership_id: string }[]>`
      select purpose, partnership_id from personal_data.audit_log where subject_id = ${reviewId} order by at, purpose`;
    expect(audited).toEqual(
      expect.arrayContaining([
        { purpose: 'review.learning.recommendations', partnership_id: 'bradford' },
        { purpose: 'review.learning.actions', partnership_id: 'leeds' },
      ]),
    );
    // Bradford sees it because it mentions its services; the Panel sees it; the referrer does not.
    const bradford = (
      await gql(
        BRADFORD,
        'query($after: String) { partnershipReviews(consistentAfter: $after) { reviewId listedBecause } }',
        { after: last },
      )
    ).partnershipReviews;
    expect(bradford).toEqual([{ reviewId, listedBecause: 'MENTIONS_OUR_SERVICES' }]);
    expect((await gql(PANEL, LEARNING, { id: reviewId, after: last })).reviewLearning.__typename).toBe(
      'ReviewLearning',
    );
    // An agency referrer may read no review at all (ACCESS_POLICY): a role denial, the same for every id.
    expect((await gql(POLICE, LEARNING, { id: reviewId, after: last })).reviewLearning.__typename).toBe(
      'ForbiddenError',
    );
    // The non-statutory review is tracked in the reviews model with no statutory clock.
    const tracked = (
      await gql(
        LEEDS,
        'query($id: ID!) { review(id: $id) { __typename ... on Review { kind status deadlines { kind } } } }',
        { id: reviewId },
      )
    ).review;
    expect(tracked).toEqual({ __typename: 'Review', kind: 'LOCAL', status: 'COMMISSIONED', deadlines: [] });
  });
});
