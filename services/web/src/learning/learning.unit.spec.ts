/** Learning pieces: review kinds in words, overdue actions first, and overdue flagged in words not colour alone. */
import { describe, expect, it } from 'vitest';
import { learningActions } from './learning-actions';
import { reviewKindLabel } from './learning-words';
import { actionStatus, byUrgency, type LearningAction, type ReviewLearning } from './review-learning';

const action = (over: Partial<LearningAction>): LearningAction => ({
  actionId: 'a',
  recommendationId: 'r',
  description: 'd',
  owner: 'o',
  dueOn: '2026-11-30',
  status: 'NOT_STARTED',
  note: null,
  updatedOn: '2026-11-01',
  overdue: false,
  ...over,
});

describe('learning', () => {
  it('names every kind of review, as the read model or the enum spells it', () => {
    expect(reviewKindLabel('partnership-review')).toBe('Partnership review');
    expect(reviewKindLabel('MULTI_AGENCY_LEARNING_REVIEW')).toBe('Multi-agency learning review');
    expect(reviewKindLabel('LOCAL')).toBe('Local child safeguarding practice review');
    expect(reviewKindLabel('something-new')).toBe('something new');
  });
  it('puts overdue actions first, then the soonest due', () => {
    const late = action({ actionId: 'late', dueOn: '2026-12-20', overdue: true });
    const soon = action({ actionId: 'soon', dueOn: '2026-11-25' });
    const later = action({ actionId: 'later', dueOn: '2026-12-01' });
    expect([later, soon, late].sort(byUrgency).map((a) => a.actionId)).toEqual(['late', 'soon', 'later']);
  });
  it('says "Overdue" in words beside the status', () => {
    expect(String(actionStatus(action({ overdue: true, status: 'IN_PROGRESS' })))).toMatch(
      /Overdue<\/strong> <span class="govuk-body-s">In progress/,
    );
    expect(String(actionStatus(action({ status: 'COMPLETED' })))).toContain('>Completed<');
  });
});

describe('learning steps on the review page', () => {
  const learning = (over: Partial<ReviewLearning>): ReviewLearning => ({
    reviewId: 'r1',
    kind: 'partnership-review',
    title: 'T',
    theme: null,
    status: 'COMMISSIONED',
    ownerPartnershipId: 'leeds',
    partnershipIds: ['leeds'],
    concernedPartnershipIds: [],
    listedBecause: 'OWN',
    commissionedOn: '2026-11-01',
    publishedOn: null,
    finalReportSubmittedOn: null,
    learningThemes: [],
    overdueActionCount: 0,
    learningItems: [],
    recommendations: [],
    actions: [],
    ...over,
  });
  it('offers actions only once there are recommendations, and progress only once there are actions', () => {
    expect(learningActions(learning({})).map((a) => a.id)).toEqual(['learning', 'recommendation', 'concerned']);
    const withAll = learning({
      recommendations: [{ recommendationId: 'rec-1', text: 'Do it', assignedAgency: 'health', madeOn: '2026-11-02' }],
      actions: [action({ recommendationId: 'rec-1', actionId: 'act-1' })],
    });
    expect(learningActions(withAll).map((a) => a.id)).toEqual([
      'learning',
      'recommendation',
      'concerned',
      'plan-action',
      'action-progress',
    ]);
  });
  it('builds the gateway inputs in the domain’s spelling, with plain-word errors', () => {
    const withAll = learning({
      recommendations: [{ recommendationId: 'rec-1', text: 'Do it', assignedAgency: 'health', madeOn: '2026-11-02' }],
      actions: [action({ recommendationId: 'rec-1', actionId: 'act-1' })],
    });
    const partnerships = [
      { value: 'bradford', label: 'Bradford Safeguarding Children Partnership' },
      { value: 'leeds', label: 'Leeds Safeguarding Children Partnership' },
      { value: 'york', label: 'York Safeguarding Children Partnership' },
    ];
    const [record, recommend, concerned, plan, progress] = learningActions(withAll, () => 'new-id', partnerships);
    // Chosen by name among the partnerships the review does not already cover: never typed as ids.
    expect(String(concerned!.fields({}, {}))).toContain('York Safeguarding Children Partnership');
    expect(String(concerned!.fields({}, {}))).not.toContain('Leeds Safeguarding Children Partnership');
    expect(concerned!.validate({})).toEqual({ partnershipIds: 'Select at least one partnership' });
    expect(concerned!.validate({ partnershipIds: 'leeds' })).toEqual({
      partnershipIds: 'Select partnerships from the list',
    });
    expect(concerned!.toInput({ partnershipIds: ['bradford', 'york'] })).toEqual({
      partnershipIds: ['bradford', 'york'],
    });
    expect(record!.validate({ themes: '', itemKind: 'BRIEFING', itemTitle: '', itemAddress: 'http://x' })).toEqual({
      themes: 'Enter at least one learning theme',
      itemTitle: 'Enter the title of the learning product',
      itemAddress: 'Enter a web address starting https://',
    });
    expect(record!.toInput({ themes: 'neglect\n\nmissed appointments', itemKind: '' })).toEqual({
      themes: ['neglect', 'missed appointments'],
      items: [],
    });
    expect(
      recommend!.toInput({ recommendationText: ' Share it ', assignedAgency: 'LOCAL_AUTHORITY_CHILDRENS_SOCIAL_CARE' }),
    ).toEqual({
      recommendationId: 'new-id',
      text: 'Share it',
      assignedAgency: 'local-authority-childrens-social-care',
    });
    expect(plan!.validate({})).toHaveProperty('actionDueOn');
    expect(
      plan!.toInput({
        actionRecommendation: 'rec-1',
        actionDescription: 'Audit',
        actionOwner: 'Nurse',
        'actionDueOn-day': '1',
        'actionDueOn-month': '12',
        'actionDueOn-year': '2026',
      }),
    ).toEqual({
      recommendationId: 'rec-1',
      actionId: 'new-id',
      description: 'Audit',
      owner: 'Nurse',
      dueOn: '2026-12-01',
    });
    expect(progress!.toInput({ progressAction: 'rec-1|act-1', progressStatus: 'COMPLETED', progressNote: '' })).toEqual(
      { recommendationId: 'rec-1', actionId: 'act-1', status: 'COMPLETED' },
    );
  });
});
