/**
 * An incident's erasure names the incident, not the reviews linked to it, yet it destroys their keys too: every read
 * model holding a review's opened pseudonyms (case name, title, themes) records the review's `incident_ids` and finds
 * its rows by content with these, so the live tables blank them at once, as a rebuild (which cannot open them) would.
 */
import { requireString, type Projection, type ProjectedEvent } from './projection';

const erasedIncidentOf = (event: ProjectedEvent): string | null =>
  event.type === 'PersonalDataErased' && typeof event.data.incidentId === 'string' ? event.data.incidentId : null;

type IncidentLookup = Required<
  Pick<
    Projection<{ review_id: string; incident_ids: string[] }>,
    'lookupOn' | 'lookupIndex' | 'lookupValues' | 'lookupKeys'
  >
>;

/** The lookup members of a projection keyed by `review_id` whose rows carry `incident_ids` (a jsonb array). */
export const erasedIncidentLookup: IncidentLookup = {
  lookupOn: new Set(['PersonalDataErased']),
  lookupIndex: (row) => row.incident_ids,
  lookupValues: (event) => {
    const incidentId = erasedIncidentOf(event);
    return incidentId === null ? [] : [incidentId];
  },
  lookupKeys: async (tx, events, table) => {
    const erased = events.map(erasedIncidentOf).filter((id): id is string => id !== null);
    if (erased.length === 0) return [];
    const rows = await tx<{ review_id: string }[]>`
      select review_id from ${tx(table)}
      where incident_ids ?| (select array_agg(value) from jsonb_array_elements_text(${JSON.stringify(erased)}::text::jsonb))`;
    return rows.map((r) => r.review_id);
  },
};

/** Whether an erasure event covers a row: the incident it names is one of the row's, or it names the review. */
export const erasureCovers = (event: ProjectedEvent, row: { review_id: string; incident_ids?: string[] }): boolean => {
  const incidentId = erasedIncidentOf(event);
  if (incidentId !== null) return (row.incident_ids ?? []).includes(incidentId);
  return typeof event.data.reviewId === 'string' && event.data.reviewId === row.review_id;
};

/**
 * The keys of a review-keyed projection's event: its review, or for an erasure the review it names (an incident's
 * erasure names none: the lookup above finds its reviews; a referral's names neither, its review is erased by key).
 */
export const reviewKeysOf = (event: ProjectedEvent): string[] => {
  if (event.type !== 'PersonalDataErased') return [requireString(event.data, 'reviewId')];
  return typeof event.data.reviewId === 'string' ? [event.data.reviewId] : [];
};
