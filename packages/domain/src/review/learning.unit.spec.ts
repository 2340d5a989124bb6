/** Learning on a review: summaries and briefings, recommendations, actions and their progress, overdue actions. */
import { describe, expect, it } from 'vitest';
import type {
  AddRecommendation,
  RecordActionForRecommendation,
  RecordLearning,
  UpdateActionStatus,
} from './learning-commands';
import type { ActionAssigned, LearningItemKind, RecommendationMade } from './learning-events';
import { isActionOverdue, overdueActions } from './overdue';
import { reviewDecider } from './review-decide';
import type { ReviewEvent } from './review-events';
import { LR, nationalThematic, nonStatutoryCommissioned, reviewState } from './review-test-fixtures';
import { extendedContext, policeReferrer, subGroup } from '../referral/referral-test-fixtures';
import { TODAY } from '../incident/incident-test-fixtures';
import { deciderSpec, malformed } from '../shared/decider-spec';

const spec = deciderSpec(reviewDecider);
const started = [nonStatutoryCommissioned];
const learning = (data: Partial<RecordLearning['data']> = {}, context = subGroup()): RecordLearning => ({
  type: 'RecordLearning',
  data: {
    reviewId: LR,
    items: [
      { kind: 'seven-minute-briefing', title: '7-minute briefing: Child R', address: 'https://leeds.example/7mb.pdf' },
    ],
    themes: ['neglect', 'online safety'],
    ...data,
  },
  context,
});
const recommend = (data: Partial<AddRecommendation['data']> = {}, context = subGroup()): AddRecommendation => ({
  type: 'AddRecommendation',
  data: {
    reviewId: LR,
    recommendationId: 'rec-1',
    text: 'Schools share concerns with health visitors.',
    assignedAgency: 'education',
    ...data,
  },
  context,
});
const assign = (
  data: Partial<RecordActionForRecommendation['data']> = {},
  context = subGroup(),
): RecordActionForRecommendation => ({
  type: 'RecordActionForRecommendation',
  data: {
    reviewId: LR,
    actionId: 'act-1',
    recommendationId: 'rec-1',
    description: 'Train DSLs',
    owner: 'Education safeguarding team',
    dueOn: '2026-04-30',
    ...data,
  },
  context,
});
const update = (data: Partial<UpdateActionStatus['data']> = {}, context = subGroup()): UpdateActionStatus => ({
  type: 'UpdateActionStatus',
  data: { reviewId: LR, actionId: 'act-1', recommendationId: 'rec-1', status: 'in-progress', ...data },
  context,
});
const recommended: RecommendationMade = {
  type: 'RecommendationMade',
  schemaVersion: 1,
  data: {
    reviewId: LR,
    recommendationId: 'rec-1',
    assignedAgency: 'education',
    madeOn: TODAY,
  },
  personal: { text: 'Schools share concerns with health visitors.' },
};
const assigned = (actionId = 'act-1', dueOn = '2026-04-30'): ActionAssigned => ({
  type: 'ActionAssigned',
  schemaVersion: 1,
  data: {
    reviewId: LR,
    actionId,
    recommendationId: 'rec-1',
    owner: 'Education safeguarding team',
    dueOn,
    status: 'not-started',
    assignedOn: TODAY,
  },
  personal: { description: 'Train DSLs' },
});

describe('RecordLearning', () => {
  it('records learning items and themes, titles and themes sealed in the personal part', () => {
    spec
      .given(started)
      .when(learning())
      .then([
        {
          type: 'LearningRecorded',
          schemaVersion: 1,
          data: {
            reviewId: LR,
            recordedOn: TODAY,
            items: [
              {
                kind: 'seven-minute-briefing',
                address: 'https://leeds.example/7mb.pdf',
              },
            ],
          },
          personal: { titles: ['7-minute briefing: Child R'], themes: ['neglect', 'online safety'] },
        },
      ]);
    const [event] = spec.given(started).when(learning()).events();
    // No decision needs the titles or themes: the state keeps neither.
    expect(JSON.stringify(reviewState(...started, event!))).not.toMatch(/Child R|online safety/);
    // Written before the themes (and titles) were sealed: plaintext in `data`, still folded, still not kept.
    const old = {
      type: 'LearningRecorded',
      schemaVersion: 1,
      data: {
        reviewId: LR,
        recordedOn: TODAY,
        items: [{ kind: 'briefing', title: 'Old plaintext title' }],
        themes: ['Old plaintext theme'],
      },
    } as unknown as ReviewEvent;
    const folded = reviewState(...started, old);
    expect(folded).toMatchObject({ learningItems: [{ kind: 'briefing' }] });
    expect(JSON.stringify(folded)).not.toContain('Old plaintext');
  });

  it.each([
    ['items', { items: [], themes: [] }],
    ['items.0.kind', { items: [{ kind: malformed<LearningItemKind>('poster'), title: 'T' }] }],
    ['items.0.address', { items: [{ kind: 'briefing' as const, title: 'T', address: 'http://insecure.example/x' }] }],
    ['themes.1', { themes: ['neglect', 'neglect'] }],
  ])('validates %s', (field, data) => {
    spec.given(started).when(learning(data)).thenThrows({ code: 'validation', field });
  });
});

describe('AddRecommendation and RecordActionForRecommendation', () => {
  it('makes a recommendation assigned to an agency, and an action answering it', () => {
    spec.given(started).when(recommend()).then([recommended]);
    spec
      .given([...started, recommended])
      .when(assign())
      .then([assigned()]);
    expect(reviewState(...started, recommended, assigned())).toMatchObject({
      recommendations: [{ recommendationId: 'rec-1', assignedAgency: 'education' }],
      actions: [{ actionId: 'act-1', status: 'not-started', dueOn: '2026-04-30', updatedOn: TODAY }],
    });
  });

  it('puts the free text in the personal part, which is sealed under the review key, and keeps none in the state', () => {
    const [made] = spec.given(started).when(recommend()).events();
    expect(made?.data).not.toHaveProperty('text');
    expect(made?.personal).toEqual({ text: 'Schools share concerns with health visitors.' });
    const [action] = spec
      .given([...started, recommended])
      .when(assign())
      .events();
    expect(action?.data).not.toHaveProperty('description');
    expect(JSON.stringify(reviewState(...started, recommended, assigned()))).not.toMatch(/Train DSLs|health visitors/);
  });

  it('still folds events written before the text was sealed (plaintext in data), keeping no text', () => {
    const plainRecommendation = {
      type: 'RecommendationMade',
      schemaVersion: 1,
      data: { ...recommended.data, text: 'Old plaintext recommendation' },
    } as unknown as ReviewEvent;
    const plainAction = {
      type: 'ActionAssigned',
      schemaVersion: 1,
      data: { ...assigned().data, description: 'Old plaintext action' },
    } as unknown as ReviewEvent;
    const state = reviewState(...started, plainRecommendation, plainAction);
    expect(state).toMatchObject({
      recommendations: [{ recommendationId: 'rec-1' }],
      actions: [{ actionId: 'act-1', status: 'not-started' }],
    });
    expect(JSON.stringify(state)).not.toContain('Old plaintext');
    spec
      .given([...started, plainRecommendation, plainAction])
      .when(update())
      .then([
        {
          type: 'ActionProgressed',
          schemaVersion: 1,
          data: {
            reviewId: LR,
            actionId: 'act-1',
            recommendationId: 'rec-1',
            owner: 'Education safeguarding team',
            dueOn: '2026-04-30',
            status: 'in-progress',
            progressedOn: TODAY,
          },
        },
      ]);
  });

  it('refuses duplicates, unknown recommendations and bad input', () => {
    spec
      .given([...started, recommended])
      .when(recommend())
      .thenThrows({ code: 'illegal_state' });
    spec
      .given(started)
      .when(recommend({ assignedAgency: malformed('fire') }))
      .thenThrows({ code: 'validation', field: 'assignedAgency' });
    spec
      .given(started)
      .when(recommend({ text: '' }))
      .thenThrows({ code: 'validation', field: 'text' });
    spec.given(started).when(assign()).thenThrows({ code: 'not_found', messageIncludes: 'rec-1' });
    spec
      .given([...started, recommended, assigned()])
      .when(assign())
      .thenThrows({ code: 'illegal_state' });
    spec
      .given([...started, recommended])
      .when(assign({ dueOn: '2026-03-01' }))
      .thenThrows({ code: 'validation', field: 'dueOn' });
    spec
      .given([...started, recommended])
      .when(assign({ status: malformed('overdue') }))
      .thenThrows({ code: 'validation', field: 'status' });
  });
});

describe('UpdateActionStatus', () => {
  it('records progress, keeping owner and due date unless changed', () => {
    spec
      .given([...started, recommended, assigned()])
      .when(update({ note: 'Half the DSLs trained' }))
      .then([
        {
          type: 'ActionProgressed',
          schemaVersion: 1,
          data: {
            reviewId: LR,
            actionId: 'act-1',
            recommendationId: 'rec-1',
            owner: 'Education safeguarding team',
            dueOn: '2026-04-30',
            status: 'in-progress',
            progressedOn: TODAY,
          },
          personal: { note: 'Half the DSLs trained' },
        },
      ]);
    const [moved] = spec
      .given([...started, recommended, assigned()])
      .when(update({ status: 'not-started', dueOn: '2026-06-30' }))
      .events();
    expect(reviewState(...started, recommended, assigned(), moved!)).toMatchObject({
      actions: [{ dueOn: '2026-06-30', status: 'not-started' }],
    });
  });

  it('refuses an update that changes nothing, an unknown action and an action of another recommendation', () => {
    spec
      .given([...started, recommended, assigned()])
      .when(update({ status: 'not-started' }))
      .thenThrows({ code: 'illegal_state', messageIncludes: 'nothing to record' });
    spec
      .given([...started, recommended])
      .when(update())
      .thenThrows({ code: 'not_found' });
    const second: RecommendationMade = { ...recommended, data: { ...recommended.data, recommendationId: 'rec-2' } };
    spec
      .given([...started, recommended, second, assigned()])
      .when(update({ recommendationId: 'rec-2' }))
      .thenThrows({ code: 'not_found' });
  });
});

describe('who writes learning, and when', () => {
  it('only the owner: the partnership, or the Panel on its reviews', () => {
    for (const context of [
      subGroup('york'),
      extendedContext('panel'),
      extendedContext('ofsted'),
      extendedContext('admin'),
      extendedContext('dfe'),
      policeReferrer(),
    ]) {
      spec.given(started).when(recommend({}, context)).thenThrows({ code: 'forbidden' });
    }
    const panel = extendedContext('panel', undefined, 'user-panel');
    expect(
      spec
        .given([nationalThematic])
        .when(recommend({ reviewId: 'thematic-n' }, panel))
        .events(),
    ).toHaveLength(1);
    spec
      .given([nationalThematic])
      .when(recommend({ reviewId: 'thematic-n' }))
      .thenThrows({ code: 'forbidden' });
  });

  it('before and after publication, not after closure or before commissioning', () => {
    const published: ReviewEvent = {
      type: 'ReportPublished',
      schemaVersion: 1,
      data: {
        reviewId: LR,
        publishedOn: TODAY,
        publication: 'improvements-only',
        documents: [],
        reviewModel: 'other',
      },
      personal: {
        caseName: 'C',
        summary: 'S',
        learningThemes: [],
        recommendations: [],
        keywords: [],
        documentTitles: [],
      },
    };
    const closed: ReviewEvent = {
      type: 'ReviewClosed',
      schemaVersion: 1,
      data: { reviewId: LR, closedOn: TODAY, reason: 'completed' },
    };
    expect(
      spec
        .given([...started, published])
        .when(recommend())
        .events(),
    ).toHaveLength(1);
    spec
      .given([...started, published, closed])
      .when(recommend())
      .thenThrows({ code: 'illegal_state', messageIncludes: 'closed' });
    spec.given([]).when(learning()).thenThrows({ code: 'not_found' });
  });
});

describe('overdueActions', () => {
  const done: ReviewEvent = {
    type: 'ActionProgressed',
    schemaVersion: 1,
    data: {
      reviewId: LR,
      actionId: 'act-3',
      recommendationId: 'rec-1',
      owner: 'O',
      dueOn: '2026-03-01',
      status: 'completed',
      progressedOn: TODAY,
    },
  };
  const state = reviewState(
    ...started,
    recommended,
    assigned('act-1', '2026-04-30'),
    assigned('act-2', '2026-04-10'),
    assigned('act-3', '2026-03-01'),
    done,
  );

  it('lists actions not completed whose due date has passed, earliest first; due today is not yet overdue', () => {
    expect(overdueActions(state, '2026-04-30').map((a) => a.actionId)).toEqual(['act-2']);
    expect(overdueActions(state, '2026-05-01').map((a) => a.actionId)).toEqual(['act-2', 'act-1']);
    expect(overdueActions(state, '2026-03-10')).toEqual([]);
    expect(overdueActions({ status: 'none' }, '2026-05-01')).toEqual([]);
    expect(isActionOverdue({ status: 'completed', dueOn: '2020-01-01' }, TODAY)).toBe(false);
  });
});
