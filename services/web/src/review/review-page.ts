/**
 * A review followed from commissioning to closure: reviewer, delays with reasons, final report, publication with
 * documents, action plan progress; each step a small form below the record. Local reviews belong to their
 * partnership, national reviews to the Panel.
 */
import { type FieldErrors, backLink, button, notice, summaryList, table, warning } from '../app/components';
import { daysLeftText, deadlineTag, formatDate, type DeadlineLike } from '../app/deadline';
import { formValues, type FormValues } from '../app/form-values';
import { isClientError, orErrorPage, type ClientError, type GatewayCall } from '../server/gateway-client';
import { commandIdOf, newCommandId } from '../partnership/notify-page';
import { html } from '../app/html';
import type { PageContext } from '../server/page';
import { DELAY_REASONS, deadlineLabel, labelOf, REVIEW_STATUSES } from '../app/vocabulary';
import { INCIDENT_REFERENCE, LOCAL_AUTHORITIES_AND_PARTNERSHIPS, REVIEW, REVIEW_LEARNING } from '../operations';
import { learningActions } from '../learning/learning-actions';
import { learningSection, type ReviewLearning } from '../learning/review-learning';
import { reviewKindLabel } from '../learning/learning-words';
import { answersList, carriedAnswers } from '../app/check-answers';
import { capitalise } from '../app/dates';
import { REVIEW_ACTIONS, type ReviewAction } from './review-actions';
import { documentName } from '../public/reports';

type Review = {
  id: string;
  kind: string;
  partnershipIds: string[];
  partnershipNames: string[];
  reference: string | null;
  incidentIds: string[];
  status: string;
  caseName: string | null;
  title: string | null;
  thematic: boolean;
  commissionedOn: string;
  deadlines: DeadlineLike[];
  reviewer: { name: string; organisation: string | null; appointedOn: string } | null;
  delays: {
    delayedOn: string;
    reason: string;
    expectedPublicationOn: string | null;
    panelInformed: boolean;
    explanation: string | null;
  }[];
  finalReport: { submittedOn: string; recipients: string[]; plannedPublicationOn: string | null } | null;
  publication: {
    publishedOn: string;
    publication: string;
    caseName: string;
    documents: { kind: string; title: string; address: string | null; withdrawn: boolean }[];
  } | null;
  actionPlan: {
    recordedOn: string;
    actions: number;
    completed: number;
    inProgress: number;
    notStarted: number;
    overdue: number;
  } | null;
  closedOn: string | null;
  closureReason: string | null;
};

const loadReview = async (gateway: GatewayCall, id: string): Promise<Review> => {
  const { review } = await gateway<{ review: ({ __typename: 'Review' } & Review) | ClientError }>(REVIEW, { id });
  return orErrorPage(review) as Review;
};

/** The review's learning; undefined when the learning read model cannot answer, so the rest of the page still shows. */
const loadLearning = (gateway: GatewayCall, reviewId: string): Promise<ReviewLearning | undefined> =>
  gateway<{ reviewLearning: ({ __typename: 'ReviewLearning' } & ReviewLearning) | ClientError }>(REVIEW_LEARNING, {
    reviewId,
  }).then(
    (d) => (isClientError(d.reviewLearning) ? undefined : d.reviewLearning),
    () => undefined,
  );

type IncidentName = { id: string; reference: string | null; localAuthorityName: string | null };

/**
 * The covered incidents by reference and local authority. A national review can cover another partnership's
 * incident, which this person may not read: it is named as such, without its id.
 */
const incidentNames = (gateway: GatewayCall, ids: string[]): Promise<(IncidentName | null)[]> =>
  Promise.all(
    ids.map((id) =>
      gateway<{ incident: IncidentName & { __typename: string } }>(INCIDENT_REFERENCE, { id }).then(
        ({ incident }) => (incident.__typename === 'Incident' ? incident : null),
        () => null,
      ),
    ),
  );

export const reviewPage = async (ctx: PageContext) => {
  const [review, learning, partnerships] = await Promise.all([
    loadReview(ctx.gateway, ctx.params.id!),
    loadLearning(ctx.gateway, ctx.params.id!),
    ctx
      .gateway<{ partnerships: { id: string; name: string }[] }>(LOCAL_AUTHORITIES_AND_PARTNERSHIPS)
      .then((d) =>
        d.partnerships.map((p) => ({ value: p.id, label: p.name })).sort((a, b) => a.label.localeCompare(b.label)),
      ),
  ]);
  const incidents = await incidentNames(ctx.gateway, review.incidentIds);
  const incidentBase = ctx.user?.roles.includes('panel') ? '/panel/incidents' : '/partnership/incidents';
  const state = { status: review.status, kind: review.kind, hasReviewer: review.reviewer !== null };
  // Learning steps apply until the review closes; the gateway refuses them to anyone but the review's owner.
  const actions = [
    ...REVIEW_ACTIONS.filter((a) => a.appliesTo(state)),
    ...(learning && review.status !== 'CLOSED' ? learningActions(learning, undefined, partnerships) : []),
  ];
  const done = ctx.query.get('done');

  const draw = (active?: ReviewAction, v: FormValues = {}, errors: FieldErrors = {}, problem?: string) => {
    ctx.render(
      review.caseName ?? review.title ?? 'Review',
      html`
      ${backLink(ctx.user?.roles.includes('panel') ? '/panel/reviews' : '/partnership/reviews', 'Back to reviews')}
      ${done ? notice(done === 'commissioned' ? 'The review has been commissioned.' : 'Recorded.', 'success') : ''}
      ${ctx.query.get('concerned') === 'refused' ? warning('The other partnerships were not named: name them under “Name the partnerships the review concerns”.') : ''}
      <span class="govuk-caption-l">${review.kind === 'NATIONAL' ? (review.thematic ? 'National thematic review' : 'National review') : learning && learning.kind !== 'local' ? capitalise(reviewKindLabel(learning.kind)) : 'Local child safeguarding practice review'}</span>
      <h1 class="govuk-heading-l">${review.caseName ?? review.title ?? review.reference ?? 'Review'}</h1>
      <div class="govuk-grid-row"><div class="govuk-grid-column-two-thirds">
        ${summaryList([
          ['Status', html`<strong class="govuk-tag">${labelOf(REVIEW_STATUSES, review.status)}</strong>`],
          ['Commissioned', formatDate(review.commissionedOn)],
          ['Reference', review.reference],
          ['Partnerships', review.partnershipNames.join(', ')],
          [
            'Incidents',
            html`<ul class="govuk-list">${incidents.map((i) => (i ? html`<li><a class="govuk-link" href="${incidentBase}/${i.id}">${i.reference ?? 'Incident'}</a>${i.localAuthorityName ? `, ${i.localAuthorityName}` : ''}</li>` : html`<li>An incident of another partnership</li>`))}</ul>`,
          ],
          [
            'Reviewer',
            review.reviewer
              ? `${review.reviewer.name}${review.reviewer.organisation ? `, ${review.reviewer.organisation}` : ''} (appointed ${formatDate(review.reviewer.appointedOn)})`
              : null,
          ],
          [
            'Final report',
            review.finalReport
              ? `Sent ${formatDate(review.finalReport.submittedOn)}${review.finalReport.plannedPublicationOn ? `; publication planned ${formatDate(review.finalReport.plannedPublicationOn)}` : ''}`
              : null,
          ],
          [
            'Published',
            review.publication
              ? html`${formatDate(review.publication.publishedOn)}<ul class="govuk-list">${review.publication.documents.map((d) => (d.address ? html`<li><a class="govuk-link" href="${d.address}">${documentName(d)}</a></li>` : html`<li>${documentName(d)}</li>`))}</ul>`
              : null,
          ],
          [
            'Action plan',
            review.actionPlan
              ? `${review.actionPlan.completed} of ${review.actionPlan.actions} actions completed, ${review.actionPlan.inProgress} in progress, ${review.actionPlan.overdue} overdue (recorded ${formatDate(review.actionPlan.recordedOn)})`
              : null,
          ],
          ...(review.closedOn
            ? [['Closed', `${formatDate(review.closedOn)} (${review.closureReason ?? ''})`] as [string, string]]
            : []),
        ])}
        ${
          review.delays.length
            ? table({
                caption: 'Delays to publication',
                head: ['Recorded', 'Reason', 'Expected publication', 'Panel told'],
                rows: review.delays.map((d) => [
                  formatDate(d.delayedOn),
                  html`${labelOf(DELAY_REASONS, d.reason)}${d.explanation ? html`<br><span class="govuk-body-s">${d.explanation}</span>` : ''}`,
                  formatDate(d.expectedPublicationOn) || 'Not known',
                  d.panelInformed ? 'Yes' : 'No',
                ]),
              })
            : ''
        }
        ${table({ caption: 'Deadlines', head: ['Step', 'Due', 'Days', 'Status'], rows: review.deadlines.map((d) => [deadlineLabel(d.kind), formatDate(d.dueOn), daysLeftText(d), deadlineTag(d)]) })}
        ${learning ? learningSection(learning) : ''}
        ${actions.length ? html`<h2 class="govuk-heading-m">Next steps</h2>` : ''}
        ${actions.map(
          (a) => html`<details class="govuk-details" ${a === active ? html`open` : ''}>
          <summary class="govuk-details__summary"><span class="govuk-details__summary-text">${a.title}</span></summary>
          <div class="govuk-details__text">
            ${a === active && problem ? warning(problem) : ''}
            <form method="post" action="/reviews/${review.id}" novalidate data-action="${a.id}" ${a.id === 'publish' ? html`enctype="multipart/form-data"` : ''}>
              ${ctx.csrf}<input type="hidden" name="step" value="${a.id}">
              <input type="hidden" name="commandId" value="${a === active ? commandIdOf(ctx.form) : newCommandId()}">
              ${a.fields(a === active ? v : {}, a === active ? errors : {})}
              ${button({ text: a.title })}</form>
          </div></details>`,
        )}
      </div></div>`,
      { errors },
    );
  };
  const action = ctx.method === 'POST' ? actions.find((a) => a.id === ctx.form.get('step')) : undefined;
  if (!action) return draw();
  const values = formValues(ctx.form);
  delete values.step;
  delete values.commandId;
  const pressed = ctx.form.get('action');
  if (action.check && pressed === 'change') return draw(action, values);
  const found = action.validate(values);
  if (Object.keys(found).length) return draw(action, values, found);
  if (action.check && pressed !== 'send') {
    const here = `/reviews/${review.id}`;
    const title = `Check your answers: ${action.title.toLowerCase()}`;
    return ctx.render(
      title,
      html`<div class="govuk-grid-row"><div class="govuk-grid-column-two-thirds">
        <span class="govuk-caption-l">${review.caseName ?? review.title ?? ''}</span>
        <h1 class="govuk-heading-l">${title}</h1>
        <form method="post" action="${here}" novalidate id="check-${action.id}">
          ${ctx.csrf}
          ${carriedAnswers(ctx.form)}
          ${answersList(here, action.check.answers(values))}
          ${button({ text: action.check.send, name: 'action', value: 'send' })}
        </form>
      </div></div>`,
    );
  }
  const data = await ctx.gateway<Record<string, { __typename: string; position?: string } | ClientError>>(
    action.mutation,
    { input: { commandId: commandIdOf(ctx.form), reviewId: review.id, ...action.toInput(values) } },
  );
  const result = data[action.resultKey]!;
  if (isClientError(result)) return draw(action, values, {}, result.message);
  ctx.redirect(`/reviews/${review.id}?done=${action.id}`, result.position);
};
