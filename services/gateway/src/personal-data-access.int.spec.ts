/**
 * Review free text opens audited, a request's reads together: a list of reviews asking for learning items,
 * recommendations and actions writes one audit row per review and field set, naming every review read, in one
 * statement per field set (not one per review and field).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitForPosition } from '@cspr/read-models';
import { startGatewayFixture, type GatewayFixture } from './gateway.fixture';
import { ACTORS, lifecycle } from './lifecycle.fixture';

const N = 6;
const LUCY = { role: 'partnership', partnership: 'leeds', sub: 'lucy' } as const;
let f: GatewayFixture;
const reviewIds: string[] = [];

beforeAll(async () => {
  f = await startGatewayFixture();
  f.clock.set('2026-03-10T09:30:00Z');
  const lc = lifecycle(f.gateway.commands);
  const as = { actor: ACTORS.leeds };
  for (let i = 0; i < N; i += 1) {
    const { reviewId } = await lc.localReview();
    reviewIds.push(reviewId);
    await lc.commands.execute(
      {
        type: 'RecordLearning',
        data: { reviewId, themes: ['neglect'], items: [{ kind: 'briefing', title: `Briefing ${i}` }] },
      },
      as,
    );
    await lc.commands.execute(
      {
        type: 'AddRecommendation',
        data: { reviewId, recommendationId: 'rec-1', text: `Recommendation ${i}`, assignedAgency: 'police' },
      },
      as,
    );
    await lc.commands.execute(
      {
        type: 'RecordActionForRecommendation',
        data: {
          reviewId,
          actionId: 'act-1',
          recommendationId: 'rec-1',
          description: `Action ${i}`,
          owner: 'Leeds LA',
          dueOn: '2026-06-30',
        },
      },
      as,
    );
    await lc.commands.execute(
      {
        type: 'UpdateActionStatus',
        data: { reviewId, actionId: 'act-1', recommendationId: 'rec-1', status: 'in-progress', note: `Note ${i}` },
      },
      as,
    );
  }
  expect(await waitForPosition(f.db.sql, lc.lastPosition(), 10_000)).toBe(true);
}, 120_000);
afterAll(async () => {
  await f?.close();
});

type AuditRow = { subject_id: string; fields: string[]; purpose: string; request_id: string; statement: string };

/** The audit rows written since `afterId`; `statement` is the writing transaction (one per insert here). */
const auditSince = (afterId: string) =>
  f.db.sql<AuditRow[]>`
    select subject_id, fields, purpose, request_id, xmin::text as statement
    from personal_data.audit_log where id > ${afterId}::bigint order by id`;
const lastAuditId = async () =>
  (await f.db.sql<[{ id: string }]>`select coalesce(max(id), 0)::text as id from personal_data.audit_log`)[0].id;

const LIST = `query { partnershipReviews { reviewId learningItems { title } recommendations { text }
  actions { description note } } }`;

describe('review text read in a list', () => {
  it('returns every review its text and audits each review once per field set, in one statement per field set', async () => {
    const before = await lastAuditId();
    const response = await f.graphql(LUCY, LIST);
    expect(response.errors).toBeUndefined();
    const listed = (response.data as { partnershipReviews: Record<string, unknown>[] }).partnershipReviews;
    expect(listed.map((r) => r.reviewId).sort()).toEqual([...reviewIds].sort());
    for (const [i, reviewId] of reviewIds.entries()) {
      expect(listed.find((r) => r.reviewId === reviewId)).toEqual({
        reviewId,
        learningItems: [{ title: `Briefing ${i}` }],
        recommendations: [{ text: `Recommendation ${i}` }],
        actions: [{ description: `Action ${i}`, note: `Note ${i}` }],
      });
    }

    const rows = await auditSince(before);
    const purposes = ['review.learning.items', 'review.learning.recommendations', 'review.learning.actions'];
    // Every review read is named, once for each field set it was read for: N reviews × 3 field sets.
    expect(rows).toHaveLength(N * purposes.length);
    for (const purpose of purposes) {
      expect(
        rows
          .filter((r) => r.purpose === purpose)
          .map((r) => r.subject_id)
          .sort(),
      ).toEqual([...reviewIds].sort());
    }
    expect(rows.find((r) => r.purpose === 'review.learning.actions')!.fields).toEqual([
      'action.description',
      'action.note',
    ]);
    expect(new Set(rows.map((r) => r.request_id)).size).toBe(1);
    // Written together: one insert per field set, not one per review and field set.
    expect(new Set(rows.map((r) => r.statement)).size).toBe(purposes.length);
  });

  it('audits every request anew: a second read of the same list writes its own rows', async () => {
    const before = await lastAuditId();
    await f.graphql(LUCY, LIST);
    await f.graphql(LUCY, LIST);
    const rows = await auditSince(before);
    expect(rows).toHaveLength(2 * N * 3);
    expect(new Set(rows.map((r) => r.request_id)).size).toBe(2);
  });

  it('a reader of one review is audited for that review alone', async () => {
    const before = await lastAuditId();
    const response = await f.graphql(
      { role: 'partnership', partnership: 'leeds', sub: 'lucy' },
      'query($id: ID!) { reviewLearning(reviewId: $id) { ... on ReviewLearning { recommendations { text } } } }',
      { id: reviewIds[2] },
    );
    expect(response.data).toEqual({ reviewLearning: { recommendations: [{ text: 'Recommendation 2' }] } });
    const rows = await auditSince(before);
    expect(rows.map((r) => [r.subject_id, r.purpose])).toEqual([[reviewIds[2], 'review.learning.recommendations']]);
  });
});
