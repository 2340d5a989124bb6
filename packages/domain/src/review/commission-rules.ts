/**
 * Which incidents a review may be commissioned for, checked against their current states (reference data).
 *
 * Local review (LCSPR), chosen rule: each incident belongs to the commissioning partnership, is notified and not
 * withdrawn, has a rapid review, and either
 *   - its latest rapid review decided `local-review` (the partners' own decision; they need not wait for the Panel,
 *     whatever the Panel later says, since a national review does not stop a local one), or
 *   - the Panel answered `reconsider` (the Panel asked the partners to think again: they may go straight to a
 *     local review without resubmitting),
 * and it is not already part of another local review.
 *
 * National review, chosen rule: each incident is notified, not withdrawn, has a rapid review, and the Panel's
 * response to it was `national-review` or `national-thematic-review` (either, whatever the `thematic` flag: the Panel
 * may review a flagged case singly or within a theme); it is not already part of another national review.
 * The Panel records its outcome first (RespondToRapidReview), so its discretion is exercised there, on the record.
 */
import type { IncidentState, NotifiedIncidentState } from '../incident/incident';
import type { LinkedIncidents } from './review-commands';
import { forbidden, illegalState, notFound } from '../shared/domain-error';
import type { IncidentId, PartnershipId } from '../shared/types';
import { requireArray, requireDistinct, requireId } from '../shared/validate';
import { MAX_INCIDENTS_PER_REVIEW } from './review-vocabulary';

const incidentAt = (reference: LinkedIncidents, incidentId: IncidentId, field: string): NotifiedIncidentState => {
  // A missing reference (a handler that loaded nothing) refuses like an unknown incident rather than crashing.
  const state: IncidentState | undefined = reference?.incidents?.[incidentId];
  if (!state || state.status === 'none') throw notFound(`${field}: incident ${incidentId} has not been notified`);
  return state;
};

const usable = (incident: NotifiedIncidentState, field: string) => {
  if (incident.status === 'withdrawn') throw illegalState(`${field}: incident ${incident.incidentId} was withdrawn`);
  if (!incident.rapidReview) throw illegalState(`${field}: incident ${incident.incidentId} has no rapid review yet`);
  return incident.rapidReview;
};

export const parseIncidentIds = (value: unknown): IncidentId[] => {
  const ids = requireArray<string>(value, 'incidentIds', 1, MAX_INCIDENTS_PER_REVIEW).map((id, i) => requireId(id, `incidentIds.${i}`));
  requireDistinct(ids, 'incidentIds');
  return ids;
};

export const requireLocalReviewIncidents = (incidentIds: IncidentId[], partnershipId: PartnershipId, reference: LinkedIncidents): void => {
  incidentIds.forEach((incidentId, index) => {
    const field = `incidentIds.${index}`;
    const incident = incidentAt(reference, incidentId, field);
    if (incident.partnershipId !== partnershipId) throw forbidden(`${field}: incident ${incidentId} belongs to another partnership`);
    const rapidReview = usable(incident, field);
    if (rapidReview.localReviewDecision !== 'local-review' && rapidReview.panelOutcome !== 'reconsider') {
      throw illegalState(`${field}: incident ${incidentId} has neither a local-review decision nor a Panel request to reconsider`);
    }
    if (incident.linkedReviews.some((l) => l.reviewKind === 'local')) throw illegalState(`${field}: incident ${incidentId} is already part of a local review`);
  });
};

/** Returns the partnerships whose incidents the national review covers, in the order first met. */
export const requireNationalReviewIncidents = (incidentIds: IncidentId[], reference: LinkedIncidents): PartnershipId[] => {
  const partnerships: PartnershipId[] = [];
  incidentIds.forEach((incidentId, index) => {
    const field = `incidentIds.${index}`;
    const incident = incidentAt(reference, incidentId, field);
    const rapidReview = usable(incident, field);
    if (rapidReview.panelOutcome !== 'national-review' && rapidReview.panelOutcome !== 'national-thematic-review') {
      throw illegalState(`${field}: the Panel's response to incident ${incidentId} is not a national review or national thematic review`);
    }
    if (incident.linkedReviews.some((l) => l.reviewKind === 'national')) throw illegalState(`${field}: incident ${incidentId} is already part of a national review`);
    if (!partnerships.includes(incident.partnershipId)) partnerships.push(incident.partnershipId);
  });
  return partnerships;
};
