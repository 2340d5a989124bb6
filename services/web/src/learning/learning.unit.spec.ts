/** Learning pieces: review kinds in words, overdue actions first, and overdue flagged in words not colour alone. */
import { describe, expect, it } from 'vitest';
import { reviewKindLabel } from './learning-words';
import { actionStatus, byUrgency, type LearningAction } from './review-learning';

const action = (over: Partial<LearningAction>): LearningAction => ({
  actionId: 'a', recommendationId: 'r', description: 'd', owner: 'o', dueOn: '2026-11-30', status: 'NOT_STARTED', note: null, updatedOn: '2026-11-01', overdue: false, ...over,
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
    expect(String(actionStatus(action({ overdue: true, status: 'IN_PROGRESS' })))).toMatch(/Overdue<\/strong> <span class="govuk-body-s">In progress/);
    expect(String(actionStatus(action({ status: 'COMPLETED' })))).toContain('>Completed<');
  });
});
