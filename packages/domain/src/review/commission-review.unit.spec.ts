import { describe, expect, it } from 'vitest';
import { reviewDecider } from './review-decide';
import type { CommissionLocalReview, CommissionNationalReview } from './review-commands';
import type { ReviewEvent } from './review-events';
import { incidentDecider } from '../incident/incident-decide';
import type { IncidentEvent } from '../incident/incident-events';
import type { IncidentState } from '../incident/incident';
import { deciderSpec, malformed } from '../shared/decider-spec';
import {
  NOW,
  TODAY,
  notifiedEvent,
  panelRespondedEvent,
  partnershipContext,
  rapidReviewEvent,
  roleContext,
} from '../incident/incident-test-fixtures';

const spec = deciderSpec(reviewDecider);
const incidentState = (...events: IncidentEvent[]): IncidentState => deciderSpec(incidentDecider).given(events).state();
const withId = (incidentId: string, events: IncidentEvent[]): IncidentEvent[] =>
  events.map((e) => ({ ...e, data: { ...e.data, incidentId } }) as IncidentEvent);
const incident = (incidentId: string, partnershipId: string, ...events: IncidentEvent[]) =>
  incidentState(...withId(incidentId, [notifiedEvent({ partnershipId }), ...events]));
const withdrawn: IncidentEvent = {
  type: 'NotificationWithdrawn',
  schemaVersion: 1,
  data: { incidentId: 'x', withdrawnAt: NOW, reason: 'criteria-not-met' },
  personal: { explanation: 'x' },
};
const linked = (reviewKind: 'local' | 'national'): IncidentEvent => ({
  type: 'IncidentLinkedToReview',
  schemaVersion: 1,
  data: { incidentId: 'x', reviewId: 'other', reviewKind, linkedAt: NOW },
});

const commissionLocal = (
  incidents: Record<string, IncidentState>,
  data: Partial<CommissionLocalReview['data']> = {},
  context = partnershipContext(),
): CommissionLocalReview => ({
  type: 'CommissionLocalReview',
  data: {
    reviewId: 'review-1',
    partnershipId: 'leeds',
    incidentIds: Object.keys(incidents),
    caseName: 'Child M',
    ...data,
  },
  context,
  reference: { incidents },
});
const commissionNational = (
  incidents: Record<string, IncidentState>,
  data: Partial<CommissionNationalReview['data']> = {},
  context = roleContext('panel'),
): CommissionNationalReview => ({
  type: 'CommissionNationalReview',
  data: {
    reviewId: 'review-n',
    incidentIds: Object.keys(incidents),
    title: 'Infants at risk',
    thematic: true,
    ...data,
  },
  context,
  reference: { incidents },
});
const localCommissioned: ReviewEvent = {
  type: 'LocalReviewCommissioned',
  schemaVersion: 1,
  data: {
    reviewId: 'review-1',
    partnershipId: 'leeds',
    incidentIds: ['i-1'],
    commissionedAt: NOW,
    commissionedOn: TODAY,
    guidanceEdition: 'panel-guidance-2025',
  },
  personal: { caseName: 'Child M' },
};

describe('CommissionLocalReview', () => {
  it("commissions a review of the partnership's incidents whose rapid review decided on a local review", () => {
    spec
      .given([])
      .when(commissionLocal({ 'i-1': incident('i-1', 'leeds', rapidReviewEvent(1)) }))
      .then([localCommissioned]);
  });

  it('does not wait for the Panel, and is not stopped by a national outcome', () => {
    const incidents = {
      'i-1': incident('i-1', 'leeds', rapidReviewEvent(1)),
      'i-2': incident('i-2', 'leeds', rapidReviewEvent(1), panelRespondedEvent('national-review')),
    };
    const [event] = spec.given([]).when(commissionLocal(incidents)).events();
    expect(event?.data).toMatchObject({ incidentIds: ['i-1', 'i-2'] });
  });

  it('accepts an incident the Panel asked to reconsider, though the partners had decided against a review', () => {
    const incidents = {
      'i-1': incident('i-1', 'leeds', rapidReviewEvent(1, 'no-local-review'), panelRespondedEvent('reconsider')),
    };
    expect(spec.given([]).when(commissionLocal(incidents)).events()).toHaveLength(1);
  });

  it.each([
    [
      'no-local-review decision the Panel agreed with',
      [rapidReviewEvent(1, 'no-local-review'), panelRespondedEvent('agreed')],
      'neither',
    ],
    ['no rapid review', [], 'no rapid review'],
    ['a withdrawn notification', [rapidReviewEvent(1), withdrawn], 'withdrawn'],
    ['an incident already in a local review', [rapidReviewEvent(1), linked('local')], 'already part of a local review'],
  ])('refuses %s', (_what, events, message) => {
    spec
      .given([])
      .when(commissionLocal({ 'i-1': incident('i-1', 'leeds', ...events) }))
      .thenThrows({ code: 'illegal_state', messageIncludes: message });
  });

  it('refuses an incident not notified, naming its position', () => {
    spec
      .given([])
      .when(commissionLocal({}, { incidentIds: ['i-9'] }))
      .thenThrows({ code: 'not_found', messageIncludes: 'incidentIds.0' });
    spec
      .given([])
      .when(commissionLocal({ 'i-9': { status: 'none' } }))
      .thenThrows({ code: 'not_found' });
  });

  it("refuses another partnership's incident", () => {
    const incidents = {
      'i-1': incident('i-1', 'leeds', rapidReviewEvent(1)),
      'i-2': incident('i-2', 'york', rapidReviewEvent(1)),
    };
    spec.given([]).when(commissionLocal(incidents)).thenThrows({ code: 'forbidden', messageIncludes: 'incidentIds.1' });
  });

  it('refuses acting for another partnership and every other role', () => {
    const incidents = { 'i-1': incident('i-1', 'leeds', rapidReviewEvent(1)) };
    spec
      .given([])
      .when(commissionLocal(incidents, {}, partnershipContext('york')))
      .thenThrows({ code: 'forbidden' });
    for (const role of ['panel', 'ofsted', 'admin'] as const)
      spec
        .given([])
        .when(commissionLocal(incidents, {}, roleContext(role)))
        .thenThrows({ code: 'forbidden' });
  });

  it.each([
    ['incidentIds', { incidentIds: [] }],
    ['incidentIds.1', { incidentIds: ['i-1', 'i-1'] }],
    ['caseName', { caseName: '' }],
    ['guidanceEdition', { guidanceEdition: 'wt-2010' }],
    ['reviewId', { reviewId: 'has spaces' }],
  ])('validates %s', (field, data) => {
    const incidents = { 'i-1': incident('i-1', 'leeds', rapidReviewEvent(1)) };
    spec
      .given([])
      .when(commissionLocal(incidents, data as Partial<CommissionLocalReview['data']>))
      .thenThrows({ code: 'validation', field });
  });

  it('records the edition in force on the commissioning day and refuses another one from the caller', () => {
    const incidents = { 'i-1': incident('i-1', 'leeds', rapidReviewEvent(1)) };
    const early = partnershipContext('leeds', { now: '2024-02-01T10:00:00Z', today: '2024-02-01' });
    const [event] = spec
      .given([])
      .when(commissionLocal(incidents, {}, early))
      .events();
    expect(event?.data).toMatchObject({ guidanceEdition: 'working-together-2023', commissionedOn: '2024-02-01' });
    spec
      .given([])
      .when(commissionLocal(incidents, { guidanceEdition: 'working-together-2018' }))
      .thenThrows({ code: 'validation', field: 'guidanceEdition' });
    spec
      .given([])
      .when(
        commissionNational(
          { 'i-1': incident('i-1', 'leeds', rapidReviewEvent(1), panelRespondedEvent('national-review')) },
          { guidanceEdition: 'working-together-2023' },
        ),
      )
      .thenThrows({ code: 'validation', field: 'guidanceEdition' });
  });

  it('refuses a review stream that exists', () => {
    spec
      .given([localCommissioned])
      .when(commissionLocal({ 'i-1': incident('i-1', 'leeds', rapidReviewEvent(1)) }))
      .thenThrows({ code: 'illegal_state' });
  });
});

describe('CommissionNationalReview', () => {
  it('commissions a review across partnerships for incidents the Panel flagged nationally', () => {
    const incidents = {
      'i-1': incident('i-1', 'leeds', rapidReviewEvent(1), panelRespondedEvent('national-thematic-review')),
      'i-2': incident('i-2', 'york', rapidReviewEvent(1), panelRespondedEvent('national-review')),
      'i-3': incident('i-3', 'leeds', rapidReviewEvent(1), panelRespondedEvent('national-thematic-review')),
    };
    spec
      .given([])
      .when(commissionNational(incidents))
      .then([
        {
          type: 'NationalReviewCommissioned',
          schemaVersion: 1,
          data: {
            reviewId: 'review-n',
            incidentIds: ['i-1', 'i-2', 'i-3'],
            partnershipIds: ['leeds', 'york'],
            commissionedAt: NOW,
            commissionedOn: TODAY,
            guidanceEdition: 'panel-guidance-2025',
            thematic: true,
          },
          personal: { title: 'Infants at risk' },
        },
      ]);
  });

  it.each([
    [
      'an incident the Panel agreed locally',
      [rapidReviewEvent(1), panelRespondedEvent('agreed')],
      'not a national review',
    ],
    ['an incident awaiting the Panel', [rapidReviewEvent(1)], 'not a national review'],
    ['an incident without rapid review', [], 'no rapid review'],
    ['a withdrawn incident', [rapidReviewEvent(1), panelRespondedEvent('national-review'), withdrawn], 'withdrawn'],
    [
      'an incident already in a national review',
      [rapidReviewEvent(1), panelRespondedEvent('national-review'), linked('national')],
      'already part of a national review',
    ],
  ])('refuses %s', (_what, events, message) => {
    spec
      .given([])
      .when(commissionNational({ 'i-1': incident('i-1', 'leeds', ...events) }))
      .thenThrows({ code: 'illegal_state', messageIncludes: message });
  });

  it('is for the Panel only', () => {
    const incidents = { 'i-1': incident('i-1', 'leeds', rapidReviewEvent(1), panelRespondedEvent('national-review')) };
    for (const context of [partnershipContext(), roleContext('ofsted'), roleContext('admin')]) {
      spec
        .given([])
        .when(commissionNational(incidents, {}, context))
        .thenThrows({ code: 'forbidden' });
    }
  });

  it('validates title, thematic and incidents', () => {
    const incidents = { 'i-1': incident('i-1', 'leeds', rapidReviewEvent(1), panelRespondedEvent('national-review')) };
    spec
      .given([])
      .when(commissionNational(incidents, { title: ' ' }))
      .thenThrows({ code: 'validation', field: 'title' });
    spec
      .given([])
      .when(commissionNational(incidents, { thematic: malformed('yes') }))
      .thenThrows({ code: 'validation', field: 'thematic' });
    spec
      .given([])
      .when(commissionNational({}, { incidentIds: [] }))
      .thenThrows({ code: 'validation', field: 'incidentIds' });
    spec
      .given([])
      .when(commissionNational({}, { incidentIds: ['missing'] }))
      .thenThrows({ code: 'not_found' });
  });
});
