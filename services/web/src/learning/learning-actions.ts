/**
 * The learning steps of a review, in the review page's one-small-form-each shape: record learning, add a
 * recommendation for an agency, plan an action against a recommendation, record an action's progress. The
 * choices offered depend on the review's recommendations and actions, so they are built from its learning.
 */
import { type FieldErrors, choices, dateInput, select, textInput, textarea } from '../app/components';
import { isoFromParts, type DateParts } from '../app/dates';
import { arr, str, type FormValues } from '../app/form-values';
import { html } from '../app/html';
import { ACTION_STATUSES, AGENCIES, type Option } from '../app/vocabulary';
import {
  ADD_RECOMMENDATION,
  NAME_CONCERNED_PARTNERSHIPS,
  RECORD_ACTION_FOR_RECOMMENDATION,
  RECORD_LEARNING,
  UPDATE_ACTION_STATUS,
} from '../operations';
import type { ReviewAction } from '../review/review-actions';
import { LEARNING_ITEM_KINDS } from './learning-words';
import type { ReviewLearning } from './review-learning';

const dateOf = (v: FormValues, id: string): DateParts => ({
  day: str(v, `${id}-day`),
  month: str(v, `${id}-month`),
  year: str(v, `${id}-year`),
});
/** LearningActionStatus: overdue is worked out from the due date, never chosen. */
const LEARNING_ACTION_STATUSES = ACTION_STATUSES.filter((o) => o.value !== 'OVERDUE');
const lines = (text: string) =>
  text
    .split('\n')
    .map((t) => t.trim())
    .filter(Boolean);
/** The domain spells agencies in kebab case (`health`); the shared vocabulary holds the GraphQL names. */
const agencyValue = (graphqlName: string) => graphqlName.toLowerCase().replace(/_/g, '-');

/** `partnerships`: every registered partnership by name (value: its id), for naming the ones a review concerns. */
export const learningActions = (
  learning: ReviewLearning,
  newId: () => string = () => crypto.randomUUID(),
  partnerships: Option[] = [],
): ReviewAction[] => {
  const recommendationOptions = learning.recommendations.map((r, n) => ({
    value: r.recommendationId,
    label: `Recommendation ${n + 1}: ${r.text.length > 60 ? `${r.text.slice(0, 57)}…` : r.text}`,
  }));
  const actionOptions = learning.actions.map((a) => ({
    value: `${a.recommendationId}|${a.actionId}`,
    label: `${a.description} (${a.owner})`,
  }));
  const steps: ReviewAction[] = [
    {
      id: 'learning',
      title: 'Record learning',
      mutation: RECORD_LEARNING,
      resultKey: 'recordLearning',
      appliesTo: () => true,
      fields: (
        v,
        errors,
      ) => html`${textarea({ id: 'themes', label: 'Themes of the learning', hint: 'One a line, for example neglect', value: str(v, 'themes'), rows: 3, errors })}
        ${select({ id: 'itemKind', label: 'Learning product (optional)', options: LEARNING_ITEM_KINDS, value: str(v, 'itemKind'), placeholder: 'None', errors })}
        ${textInput({ id: 'itemTitle', label: 'Title of the learning product', value: str(v, 'itemTitle'), errors })}
        ${textInput({ id: 'itemAddress', label: 'Web address of the learning product (optional)', hint: 'Starting https://', value: str(v, 'itemAddress'), errors })}`,
      validate: (v) => {
        const e: FieldErrors = {};
        if (!lines(str(v, 'themes')).length) e.themes = 'Enter at least one learning theme';
        if (str(v, 'itemKind') && !str(v, 'itemTitle').trim()) e.itemTitle = 'Enter the title of the learning product';
        if (str(v, 'itemAddress').trim() && !/^https:\/\/\S+$/.test(str(v, 'itemAddress').trim()))
          e.itemAddress = 'Enter a web address starting https://';
        return e;
      },
      toInput: (v) => ({
        themes: lines(str(v, 'themes')),
        items: str(v, 'itemKind')
          ? [
              {
                kind: str(v, 'itemKind'),
                title: str(v, 'itemTitle').trim(),
                ...(str(v, 'itemAddress').trim() ? { address: str(v, 'itemAddress').trim() } : {}),
              },
            ]
          : [],
      }),
    },
    {
      id: 'recommendation',
      title: 'Add a recommendation',
      mutation: ADD_RECOMMENDATION,
      resultKey: 'addRecommendation',
      appliesTo: () => true,
      fields: (
        v,
        errors,
      ) => html`${textarea({ id: 'recommendationText', label: 'Recommendation', value: str(v, 'recommendationText'), rows: 3, errors })}
        ${select({ id: 'assignedAgency', label: 'Agency responsible', options: AGENCIES, value: str(v, 'assignedAgency'), placeholder: 'Choose an agency', errors })}`,
      validate: (v) => ({
        ...(str(v, 'recommendationText').trim() ? {} : { recommendationText: 'Enter the recommendation' }),
        ...(str(v, 'assignedAgency') ? {} : { assignedAgency: 'Choose the agency responsible for the recommendation' }),
      }),
      toInput: (v) => ({
        recommendationId: newId(),
        text: str(v, 'recommendationText').trim(),
        assignedAgency: agencyValue(str(v, 'assignedAgency')),
      }),
    },
  ];
  // Chosen by name among the partnerships the review does not already cover or name (the gateway's list).
  const nameOf = (id: string) => partnerships.find((p) => p.value === id)?.label ?? id;
  const nameable = partnerships.filter(
    (p) =>
      p.value !== learning.ownerPartnershipId &&
      !learning.partnershipIds.includes(p.value) &&
      !learning.concernedPartnershipIds.includes(p.value),
  );
  steps.push({
    id: 'concerned',
    title: 'Name partnerships whose services the review concerns',
    mutation: NAME_CONCERNED_PARTNERSHIPS,
    resultKey: 'nameConcernedPartnerships',
    appliesTo: () => true,
    fields: (
      v,
      errors,
    ) => html`${learning.concernedPartnershipIds.length ? html`<p class="govuk-body">Named so far: ${learning.concernedPartnershipIds.map(nameOf).join(', ')}</p>` : ''}
      ${choices({ id: 'partnershipIds', type: 'checkbox', label: 'Which partnerships does the review concern?', hint: 'They will list this review because it mentions their services', options: nameable, value: arr(v, 'partnershipIds'), small: true, errors })}`,
    validate: (v): FieldErrors => {
      const ids = arr(v, 'partnershipIds');
      if (!ids.length) return { partnershipIds: 'Select at least one partnership' };
      return ids.every((id) => nameable.some((p) => p.value === id))
        ? {}
        : { partnershipIds: 'Select partnerships from the list' };
    },
    toInput: (v) => ({ partnershipIds: arr(v, 'partnershipIds') }),
  });
  if (recommendationOptions.length)
    steps.push({
      id: 'plan-action',
      title: 'Plan an action for a recommendation',
      mutation: RECORD_ACTION_FOR_RECOMMENDATION,
      resultKey: 'recordActionForRecommendation',
      appliesTo: () => true,
      fields: (
        v,
        errors,
      ) => html`${select({ id: 'actionRecommendation', label: 'Which recommendation does it answer?', options: recommendationOptions, value: str(v, 'actionRecommendation'), placeholder: 'Choose a recommendation', errors })}
      ${textInput({ id: 'actionDescription', label: 'What will be done', value: str(v, 'actionDescription'), errors })}
      ${textInput({ id: 'actionOwner', label: 'Who owns it', value: str(v, 'actionOwner'), errors })}
      ${dateInput({ id: 'actionDueOn', label: 'Due date', hint: 'For example, 27 3 2027', value: dateOf(v, 'actionDueOn'), errors })}`,
      validate: (v) => ({
        ...(str(v, 'actionRecommendation')
          ? {}
          : { actionRecommendation: 'Choose the recommendation the action answers' }),
        ...(str(v, 'actionDescription').trim() ? {} : { actionDescription: 'Enter what will be done' }),
        ...(str(v, 'actionOwner').trim() ? {} : { actionOwner: 'Enter who owns the action' }),
        ...(isoFromParts(dateOf(v, 'actionDueOn'))
          ? {}
          : { actionDueOn: 'Enter the due date as a real date, for example 27 3 2027' }),
      }),
      toInput: (v) => ({
        recommendationId: str(v, 'actionRecommendation'),
        actionId: newId(),
        description: str(v, 'actionDescription').trim(),
        owner: str(v, 'actionOwner').trim(),
        dueOn: isoFromParts(dateOf(v, 'actionDueOn')),
      }),
    });
  if (actionOptions.length)
    steps.push({
      id: 'action-progress',
      title: 'Record progress on an action',
      mutation: UPDATE_ACTION_STATUS,
      resultKey: 'updateActionStatus',
      appliesTo: () => true,
      fields: (
        v,
        errors,
      ) => html`${select({ id: 'progressAction', label: 'Which action?', options: actionOptions, value: str(v, 'progressAction'), placeholder: 'Choose an action', errors })}
      ${select({ id: 'progressStatus', label: 'Where the action stands', options: LEARNING_ACTION_STATUSES, value: str(v, 'progressStatus'), placeholder: 'Choose a status', errors })}
      ${textarea({ id: 'progressNote', label: 'Note (optional)', value: str(v, 'progressNote'), rows: 2, errors })}`,
      validate: (v) => ({
        ...(str(v, 'progressAction') ? {} : { progressAction: 'Choose the action' }),
        ...(str(v, 'progressStatus') ? {} : { progressStatus: 'Choose the action’s status' }),
      }),
      toInput: (v) => {
        const [recommendationId, actionId] = str(v, 'progressAction').split('|');
        return {
          recommendationId,
          actionId,
          status: str(v, 'progressStatus'),
          ...(str(v, 'progressNote').trim() ? { note: str(v, 'progressNote').trim() } : {}),
        };
      },
    });
  return steps;
};
