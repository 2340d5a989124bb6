/**
 * A review's learning as the partnership and the Panel see it: learning products, recommendations with the agency
 * each is assigned to, and each recommendation's actions with overdue ones flagged in words (not colour alone).
 */
import { table, warning } from '../app/components';
import { formatDate } from '../app/deadline';
import { html, type Html } from '../app/html';
import { AGENCIES, labelOf } from '../app/vocabulary';
import { ACTION_STATUS_WORDS, LEARNING_ITEM_KINDS, reviewKindLabel } from './learning-words';

export type LearningAction = {
  actionId: string;
  recommendationId: string;
  description: string;
  owner: string;
  dueOn: string;
  status: string;
  note: string | null;
  updatedOn: string;
  overdue: boolean;
};
export type ReviewLearning = {
  reviewId: string;
  kind: string;
  title: string | null;
  theme: string | null;
  status: string;
  ownerPartnershipId: string | null;
  partnershipIds: string[];
  concernedPartnershipIds: string[];
  listedBecause: string | null;
  commissionedOn: string;
  publishedOn: string | null;
  finalReportSubmittedOn: string | null;
  learningThemes: string[];
  overdueActionCount: number;
  learningItems: { kind: string; title: string; address: string | null }[];
  recommendations: { recommendationId: string; text: string; assignedAgency: string; madeOn: string }[];
  actions: LearningAction[];
};

export const actionStatus = (a: Pick<LearningAction, 'status' | 'overdue'>): Html =>
  a.overdue
    ? html`<strong class="govuk-tag govuk-tag--red">Overdue</strong>
        <span class="govuk-body-s">${ACTION_STATUS_WORDS[a.status] ?? a.status}</span>`
    : html`<strong
        class="govuk-tag ${a.status === 'COMPLETED' ? 'govuk-tag--green' : a.status === 'IN_PROGRESS' ? 'govuk-tag--blue' : 'govuk-tag--grey'}"
        >${ACTION_STATUS_WORDS[a.status] ?? a.status}</strong
      >`;

/** Overdue actions first, then by due date: the ones to chase lead. */
export const byUrgency = (a: LearningAction, b: LearningAction): number =>
  Number(b.overdue) - Number(a.overdue) || a.dueOn.localeCompare(b.dueOn);

export const learningSection = (r: ReviewLearning): Html =>
  html` <h2 class="govuk-heading-m" id="learning">Learning and recommendations</h2>
    ${r.overdueActionCount ? warning(r.overdueActionCount === 1 ? '1 action is overdue' : `${r.overdueActionCount} actions are overdue`) : ''}
    ${r.learningThemes.length ? html`<p class="govuk-body">Themes: ${r.learningThemes.join(', ')}</p>` : ''}
    ${
      r.learningItems.length
        ? html`<h3 class="govuk-heading-s">Learning for practitioners</h3>
            <ul class="govuk-list">
              ${r.learningItems.map((i) => html`<li>${labelOf(LEARNING_ITEM_KINDS, i.kind)}: ${i.address && /^https:\/\//.test(i.address) ? html`<a class="govuk-link" href="${i.address}" rel="noopener noreferrer">${i.title}</a>` : i.title}</li>`)}
            </ul>`
        : html`<p class="govuk-body">No learning has been recorded yet.</p>`
    }
    ${
      r.recommendations.length === 0
        ? html`<p class="govuk-body">No recommendations yet.</p>`
        : r.recommendations.map((rec, n) => {
            const actions = r.actions.filter((a) => a.recommendationId === rec.recommendationId).sort(byUrgency);
            return html`<div class="govuk-!-margin-bottom-6">
              <h3 class="govuk-heading-s">Recommendation ${n + 1}: ${rec.text}</h3>
              <p class="govuk-body-s">
                Assigned to ${labelOf(AGENCIES, rec.assignedAgency).toLowerCase()}, made ${formatDate(rec.madeOn)}
              </p>
              ${
                actions.length
                  ? table({
                      caption: `Actions for recommendation ${n + 1}`,
                      captionClass: 'govuk-visually-hidden',
                      head: ['Action', 'Owner', 'Due', 'Status'],
                      rows: actions.map((a) => [
                        html`${a.description}${a.note ? html`<br /><span class="govuk-body-s">${a.note}</span>` : ''}`,
                        a.owner,
                        formatDate(a.dueOn),
                        actionStatus(a),
                      ]),
                    })
                  : html`<p class="govuk-body">No action plan recorded for this recommendation.</p>`
              }
            </div>`;
          })
    }`;

/** The partnership's workspace list: its own reviews and those that name its services, said so in words. */
export const workspaceReviews = (reviews: ReviewLearning[]): Html =>
  reviews.length === 0
    ? html`<p class="govuk-body">No reviews are in your workspace yet.</p>`
    : table({
        caption: 'Reviews in your workspace',
        head: ['Review', 'Why it is listed', 'Actions'],
        rows: reviews.map((r) => [
          html`<a class="govuk-link" href="/reviews/${r.reviewId}">${r.title ?? reviewKindLabel(r.kind)}</a><br /><span
              class="govuk-body-s"
              >${reviewKindLabel(r.kind)}, commissioned ${formatDate(r.commissionedOn)}</span
            >`,
          r.listedBecause === 'MENTIONS_OUR_SERVICES'
            ? html`<strong class="govuk-tag govuk-tag--purple">Mentions our services</strong><br /><span
                  class="govuk-body-s"
                  >We list this review because it mentions our services (a review by
                  ${r.ownerPartnershipId ?? r.partnershipIds.join(', ')})</span
                >`
            : 'Our review',
          r.overdueActionCount
            ? html`<strong class="govuk-tag govuk-tag--red">${r.overdueActionCount} overdue</strong>`
            : `${r.actions.length} recorded`,
        ]),
      });
