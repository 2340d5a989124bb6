/**
 * A review followed from commissioning to closure: reviewer, delays with reasons, final report, publication with
 * documents, action plan progress; each step a small form below the record. Local reviews belong to their
 * partnership, national reviews to the Panel.
 */
import { checkAsYouType, newCheckState } from '../app/check-as-you-type';
import { backLink, errorSummary, summaryList, table, type FieldErrors } from '../app/components';
import { daysLeftText, deadlineTag, formatDate, type DeadlineLike } from '../app/deadline';
import { formValues, type FormValues } from '../app/form-values';
import { graphql, isClientError, RecordNotFoundError, rememberPosition, type ClientError } from '../app/graphql-client';
import { html } from '../app/html';
import type { PageContext } from '../app/router';
import { DELAY_REASONS, deadlineLabel, DOCUMENT_KINDS, labelOf, REVIEW_STATUSES } from '../app/vocabulary';
import { REVIEW, REVIEW_LEARNING } from '../operations';
import { learningActions } from '../learning/learning-actions';
import { learningSection, type ReviewLearning } from '../learning/review-learning';
import { REVIEW_ACTIONS, sha256Hex, type ReviewAction } from './review-actions';

type Review = {
  id: string; kind: string; partnershipIds: string[]; incidentIds: string[]; status: string; caseName: string | null; title: string | null; thematic: boolean;
  commissionedOn: string; deadlines: DeadlineLike[];
  reviewer: { name: string; organisation: string | null; appointedOn: string } | null;
  delays: { delayedOn: string; reason: string; expectedPublicationOn: string | null; panelInformed: boolean; explanation: string | null }[];
  finalReport: { submittedOn: string; recipients: string[]; plannedPublicationOn: string | null } | null;
  publication: { publishedOn: string; publication: string; caseName: string; documents: { kind: string; title: string; address: string }[] } | null;
  actionPlan: { recordedOn: string; actions: number; completed: number; inProgress: number; notStarted: number; overdue: number } | null;
  closedOn: string | null; closureReason: string | null;
};

const loadReview = async (id: string): Promise<Review> => {
  const { review } = await graphql<{ review: ({ __typename: 'Review' } & Review) | { __typename: string; message: string } }>(REVIEW, { id });
  if (review.__typename === 'NotFoundError') throw new RecordNotFoundError((review as { message: string }).message);
  if (review.__typename !== 'Review') throw new Error((review as { message: string }).message);
  return review as Review;
};

/** The review's learning; undefined when the learning read model cannot answer, so the rest of the page still shows. */
const loadLearning = (reviewId: string): Promise<ReviewLearning | undefined> =>
  graphql<{ reviewLearning: ({ __typename: 'ReviewLearning' } & ReviewLearning) | ClientError }>(REVIEW_LEARNING, { reviewId })
    .then((d) => (isClientError(d.reviewLearning) ? undefined : d.reviewLearning), () => undefined);

export const reviewPage = async (ctx: PageContext) => {
  const [review, learning] = await Promise.all([loadReview(ctx.params.id!), loadLearning(ctx.params.id!)]);
  const incidentBase = ctx.session?.role === 'panel' ? '#/panel/incidents' : '#/partnership/incidents';
  const state = { status: review.status, kind: review.kind, hasReviewer: review.reviewer !== null };
  // Learning steps apply until the review closes; the gateway refuses them to anyone but the review's owner.
  const actions = [...REVIEW_ACTIONS.filter((a) => a.appliesTo(state)), ...(learning && review.status !== 'CLOSED' ? learningActions(learning) : [])];
  const commandIds = new Map(actions.map((a) => [a.id, crypto.randomUUID()]));
  const checks = newCheckState();
  const done = ctx.query.get('done');

  const draw = (active?: ReviewAction, v: FormValues = {}, errors: FieldErrors = {}, problem?: string) => {
    const main = ctx.render(review.caseName ?? review.title ?? 'Review', html`
      ${backLink(ctx.session?.role === 'panel' ? '#/panel/reviews' : '#/partnership/reviews', 'Back to reviews')}
      ${errorSummary(errors)}
      ${done ? html`<div class="govuk-notification-banner govuk-notification-banner--success" role="alert" aria-labelledby="done-title" data-module="govuk-notification-banner"><div class="govuk-notification-banner__header"><h2 class="govuk-notification-banner__title" id="done-title">Success</h2></div><div class="govuk-notification-banner__content"><p class="govuk-notification-banner__heading">${done === 'commissioned' ? 'The review has been commissioned.' : 'Recorded.'}</p></div></div>` : ''}
      <span class="govuk-caption-l">${review.kind === 'NATIONAL' ? (review.thematic ? 'National thematic review' : 'National review') : 'Local child safeguarding practice review'}</span>
      <h1 class="govuk-heading-l">${review.caseName ?? review.title ?? review.id}</h1>
      <div class="govuk-grid-row"><div class="govuk-grid-column-two-thirds">
        ${summaryList([
          ['Status', html`<strong class="govuk-tag">${labelOf(REVIEW_STATUSES, review.status)}</strong>`],
          ['Commissioned', formatDate(review.commissionedOn)],
          ['Partnerships', review.partnershipIds.join(', ')],
          ['Incidents', html`<ul class="govuk-list">${review.incidentIds.map((id) => html`<li><a class="govuk-link" href="${incidentBase}/${id}">Incident ${id.slice(0, 8)}</a></li>`)}</ul>`],
          ['Reviewer', review.reviewer ? `${review.reviewer.name}${review.reviewer.organisation ? `, ${review.reviewer.organisation}` : ''} (appointed ${formatDate(review.reviewer.appointedOn)})` : null],
          ['Final report', review.finalReport ? `Sent ${formatDate(review.finalReport.submittedOn)}${review.finalReport.plannedPublicationOn ? `; publication planned ${formatDate(review.finalReport.plannedPublicationOn)}` : ''}` : null],
          ['Published', review.publication ? html`${formatDate(review.publication.publishedOn)}<ul class="govuk-list">${review.publication.documents.map((d) => html`<li><a class="govuk-link" href="${d.address}">${d.title || labelOf(DOCUMENT_KINDS, d.kind)}</a></li>`)}</ul>` : null],
          ['Action plan', review.actionPlan ? `${review.actionPlan.completed} of ${review.actionPlan.actions} actions completed, ${review.actionPlan.inProgress} in progress, ${review.actionPlan.overdue} overdue (recorded ${formatDate(review.actionPlan.recordedOn)})` : null],
          ...(review.closedOn ? [['Closed', `${formatDate(review.closedOn)} (${review.closureReason ?? ''})`] as [string, string]] : []),
        ])}
        ${review.delays.length ? table({ caption: 'Delays to publication', head: ['Recorded', 'Reason', 'Expected publication', 'Panel told'], rows: review.delays.map((d) => [
          formatDate(d.delayedOn), html`${labelOf(DELAY_REASONS, d.reason)}${d.explanation ? html`<br><span class="govuk-body-s">${d.explanation}</span>` : ''}`, formatDate(d.expectedPublicationOn) || 'Not known', d.panelInformed ? 'Yes' : 'No']) }) : ''}
        ${table({ caption: 'Deadlines', head: ['Step', 'Due', 'Days', 'Status'], rows: review.deadlines.map((d) => [deadlineLabel(d.kind), formatDate(d.dueOn), daysLeftText(d), deadlineTag(d)]) })}
        ${learning ? learningSection(learning) : ''}
        ${actions.length ? html`<h2 class="govuk-heading-m">Next steps</h2>` : ''}
        ${actions.map((a) => html`<details class="govuk-details" ${a === active ? html`open` : ''}>
          <summary class="govuk-details__summary"><span class="govuk-details__summary-text">${a.title}</span></summary>
          <div class="govuk-details__text">
            ${a === active && problem ? html`<div class="govuk-warning-text"><span class="govuk-warning-text__icon" aria-hidden="true">!</span><strong class="govuk-warning-text__text"><span class="govuk-visually-hidden">Warning</span>${problem}</strong></div>` : ''}
            <form novalidate data-action="${a.id}">${a.fields(a === active ? v : {}, a === active ? errors : {})}
              <button type="submit" class="govuk-button" data-module="govuk-button">${a.title}</button></form>
          </div></details>`)}
      </div></div>`);
    main.querySelectorAll<HTMLInputElement>('input[data-checksum-for]').forEach((input) => input.addEventListener('change', async () => {
      const file = input.files?.[0];
      const hidden = main.querySelector<HTMLInputElement>(`#${input.dataset.checksumFor}`)!;
      hidden.value = file ? await sha256Hex(file) : '';
      input.parentElement!.querySelector('[data-checksum-shown]')!.textContent = hidden.value ? `Fingerprint ${hidden.value.slice(0, 12)}…` : '';
      hidden.dispatchEvent(new Event('change', { bubbles: true }));
    }));
    main.querySelectorAll<HTMLFormElement>('form[data-action]').forEach((form) => {
      const action = actions.find((a) => a.id === form.dataset.action)!;
      if (action === active) checkAsYouType(form, () => action.validate(formValues(form)), checks);
      form.addEventListener('submit', async (event) => {
        event.preventDefault();
        checks.submitted = true;
        const values = formValues(form);
        const found = action.validate(values);
        if (Object.keys(found).length) return draw(action, values, found);
        form.querySelector<HTMLButtonElement>('button[type=submit]')!.disabled = true;
        try {
          const data = await graphql<Record<string, { __typename: string; position?: string } | ClientError>>(action.mutation, { input: { commandId: commandIds.get(action.id), reviewId: review.id, ...action.toInput(values) } });
          const result = data[action.resultKey]!;
          if (isClientError(result)) return draw(action, values, {}, result.message);
          rememberPosition(result.position);
          ctx.navigate(`#/reviews/${review.id}?done=${action.id}&at=${Date.now()}`);
        } catch (error) {
          draw(action, values, {}, (error as Error).message);
        }
      });
    });
  };
  draw();
};
