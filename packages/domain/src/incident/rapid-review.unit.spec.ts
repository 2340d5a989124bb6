import { describe, expect, it } from 'vitest';
import { incidentDecider } from './incident-decide';
import type { RespondToRapidReview, SubmitRapidReview } from './incident-commands';
import type { IncidentEvent } from './incident-events';
import { deciderSpec } from '../shared/decider-spec';
import {
  INCIDENT_ID,
  NOW,
  TODAY,
  notifiedEvent,
  panelRespondedEvent,
  partnershipContext,
  rapidReviewCommand,
  rapidReviewEvent,
  roleContext,
} from './incident-test-fixtures';

const spec = deciderSpec(incidentDecider);
const respond = (
  data: Partial<RespondToRapidReview['data']> = {},
  context = roleContext('panel'),
): RespondToRapidReview => ({
  type: 'RespondToRapidReview',
  data: { incidentId: INCIDENT_ID, outcome: 'agreed', comments: 'Agreed.', ...data },
  context,
});
const withdrawn: IncidentEvent = {
  type: 'NotificationWithdrawn',
  schemaVersion: 1,
  data: { incidentId: INCIDENT_ID, withdrawnAt: NOW, reason: 'criteria-not-met' },
  personal: { explanation: 'x' },
};
const erased: IncidentEvent = {
  type: 'PersonalDataErased',
  schemaVersion: 1,
  data: { incidentId: INCIDENT_ID, erasedAt: NOW, legalBasis: 'court-order', requestedBy: 'a1', approvedBy: 'a2' },
};
const careLeaver = (under18?: boolean) =>
  notifiedEvent({
    nature: 'care-leaver-death',
    children: [
      { ...notifiedEvent().data.children[0]!, ageBand: '16-plus', ...(under18 === undefined ? {} : { under18 }) },
    ],
  });

describe('SubmitRapidReview', () => {
  it('records the first submission with the national criteria flag derived from the criteria', () => {
    spec
      .given([notifiedEvent()])
      .when(rapidReviewCommand())
      .then([rapidReviewEvent(1)]);
  });

  it('derives nationalCriteriaMayBeMet = false when no national criterion is met', () => {
    const none = { improvementsNeeded: false, lawOrGuidanceChanges: false, recurrentThemes: false };
    const [event] = spec
      .given([notifiedEvent()])
      .when(rapidReviewCommand({ nationalCriteria: none }))
      .events();
    expect(event?.data).toMatchObject({ nationalCriteriaMayBeMet: false, submittedOn: TODAY, submittedAt: NOW });
  });

  it('allows a resubmission only after the Panel asked to reconsider, counting submissions', () => {
    const given = [notifiedEvent(), rapidReviewEvent(1, 'no-local-review'), panelRespondedEvent('reconsider')];
    spec
      .given(given)
      .when(rapidReviewCommand())
      .then([rapidReviewEvent(2)]);
  });

  it.each(['agreed', 'national-review', 'national-thematic-review'] as const)(
    'refuses a resubmission after the Panel said %s',
    (outcome) => {
      spec
        .given([notifiedEvent(), rapidReviewEvent(1), panelRespondedEvent(outcome)])
        .when(rapidReviewCommand())
        .thenThrows({ code: 'illegal_state', messageIncludes: 'reconsider' });
    },
  );

  it('refuses a second submission while the first awaits the Panel', () => {
    spec
      .given([notifiedEvent(), rapidReviewEvent(1)])
      .when(rapidReviewCommand())
      .thenThrows({ code: 'illegal_state', messageIncludes: 'awaits' });
  });

  it('refuses a rapid review before notification', () => {
    spec
      .given([])
      .when(rapidReviewCommand())
      .thenThrows({ code: 'not_found', messageIncludes: 'has not been notified' });
  });

  it('refuses after withdrawal and after erasure', () => {
    spec
      .given([notifiedEvent(), withdrawn])
      .when(rapidReviewCommand())
      .thenThrows({ code: 'illegal_state', messageIncludes: 'withdrawn' });
    spec
      .given([notifiedEvent(), erased])
      .when(rapidReviewCommand())
      .thenThrows({ code: 'illegal_state', messageIncludes: 'erased' });
  });

  it('refuses natures that need no rapid review: a looked-after child death, a care leaver aged 18 or more', () => {
    spec
      .given([notifiedEvent({ nature: 'looked-after-child-death' })])
      .when(rapidReviewCommand())
      .thenThrows({ code: 'illegal_state', messageIncludes: 'needs no rapid review' });
    spec.given([careLeaver()]).when(rapidReviewCommand()).thenThrows({ code: 'illegal_state' });
    spec
      .given([careLeaver(false)])
      .when(rapidReviewCommand())
      .thenThrows({ code: 'illegal_state' });
  });

  it('accepts a care leaver death when a child was under 18', () => {
    const [event] = spec
      .given([careLeaver(true)])
      .when(rapidReviewCommand())
      .events();
    expect(event?.type).toBe('RapidReviewCompleted');
  });

  it('requires at least one local criterion for a local-review decision', () => {
    const none = {
      improvementsNeeded: false,
      recurrentThemes: false,
      multiAgencyConcerns: false,
      panelSuggested: false,
    };
    spec
      .given([notifiedEvent()])
      .when(rapidReviewCommand({ localCriteria: none }))
      .thenThrows({ code: 'validation', field: 'localCriteria' });
    const [event] = spec
      .given([notifiedEvent()])
      .when(rapidReviewCommand({ localCriteria: none, localReviewDecision: 'no-local-review' }))
      .events();
    expect(event?.data).toMatchObject({ localReviewDecision: 'no-local-review', localCriteria: none });
  });

  it.each([
    ['localReviewDecision', { localReviewDecision: 'maybe' }],
    [
      'localCriteria.panelSuggested',
      { localCriteria: { improvementsNeeded: true, recurrentThemes: false, multiAgencyConcerns: false } },
    ],
    ['nationalCriteria', { nationalCriteria: undefined }],
    [
      'nationalCriteria.recurrentThemes',
      { nationalCriteria: { improvementsNeeded: false, lawOrGuidanceChanges: false, recurrentThemes: 'no' } },
    ],
    ['signedOff.police', { signedOff: { localAuthority: true, integratedCareBoard: true, police: false } }],
    ['signatories.integratedCareBoard', { signatories: { localAuthority: 'A', integratedCareBoard: '', police: 'C' } }],
    ['parallelProcesses.0', { parallelProcesses: ['trial'] }],
    ['parallelProcesses.1', { parallelProcesses: ['inquest', 'inquest'] }],
    ['agenciesInvolved', { agenciesInvolved: [] }],
    ['agenciesInvolved.1', { agenciesInvolved: ['police', 'police'] }],
    ['agencySummaries.0.agency', { agencySummaries: [{ agency: 'education', summary: 'x' }] }],
    ['agencySummaries.0.summary', { agencySummaries: [{ agency: 'police', summary: '' }] }],
    ['facts', { facts: '' }],
    ['livedExperience', { livedExperience: undefined }],
    ['decisionReasons', { decisionReasons: ' ' }],
  ])('names the field at fault: %s', (field, data) => {
    spec
      .given([notifiedEvent()])
      .when(rapidReviewCommand(data as Partial<SubmitRapidReview['data']>))
      .thenThrows({ code: 'validation', field });
  });

  it('refuses another partnership and every other role', () => {
    spec
      .given([notifiedEvent()])
      .when(rapidReviewCommand({}, partnershipContext('york')))
      .thenThrows({ code: 'forbidden' });
    for (const role of ['panel', 'ofsted', 'admin'] as const) {
      spec
        .given([notifiedEvent()])
        .when(rapidReviewCommand({}, roleContext(role)))
        .thenThrows({ code: 'forbidden' });
    }
  });
});

describe('RespondToRapidReview', () => {
  it('records the Panel response; the comments are personal', () => {
    spec
      .given([notifiedEvent(), rapidReviewEvent(1)])
      .when(respond())
      .then([
        {
          type: 'PanelResponded',
          schemaVersion: 1,
          data: { incidentId: INCIDENT_ID, respondedAt: NOW, respondedOn: TODAY, outcome: 'agreed' },
          personal: { comments: 'Agreed.' },
        },
      ]);
  });

  it('records a thematic review with its title, and folds the outcome into the state', () => {
    const events = spec
      .given([notifiedEvent(), rapidReviewEvent(1)])
      .when(respond({ outcome: 'national-thematic-review', thematicReviewTitle: 'Infants at risk' }))
      .events();
    expect(events[0]?.data).toMatchObject({
      outcome: 'national-thematic-review',
      thematicReviewTitle: 'Infants at risk',
    });
    expect(spec.given([notifiedEvent(), rapidReviewEvent(1), ...events]).state()).toMatchObject({
      rapidReview: { panelOutcome: 'national-thematic-review' },
    });
  });

  it.each([
    ['outcome', { outcome: 'rejected' }],
    ['thematicReviewTitle', { outcome: 'national-thematic-review' }],
    ['thematicReviewTitle', { outcome: 'agreed', thematicReviewTitle: 'Theme' }],
    ['comments', { comments: undefined }],
  ])('validates %s', (field, data) => {
    spec
      .given([notifiedEvent(), rapidReviewEvent(1)])
      .when(respond(data as Partial<RespondToRapidReview['data']>))
      .thenThrows({ code: 'validation', field });
  });

  it('is only for the Panel: a partnership cannot respond for it, nor Ofsted or an admin', () => {
    for (const context of [partnershipContext(), roleContext('ofsted'), roleContext('admin')]) {
      spec
        .given([notifiedEvent(), rapidReviewEvent(1)])
        .when(respond({}, context))
        .thenThrows({ code: 'forbidden', messageIncludes: 'only the Panel' });
    }
  });

  it('needs a rapid review awaiting a response', () => {
    spec.given([]).when(respond()).thenThrows({ code: 'not_found' });
    spec.given([notifiedEvent()]).when(respond()).thenThrows({ code: 'illegal_state', messageIncludes: 'awaiting' });
    spec
      .given([notifiedEvent(), rapidReviewEvent(1), panelRespondedEvent('agreed')])
      .when(respond())
      .thenThrows({ code: 'illegal_state' });
    spec
      .given([notifiedEvent(), rapidReviewEvent(1), withdrawn])
      .when(respond())
      .thenThrows({ code: 'illegal_state', messageIncludes: 'withdrawn' });
  });

  it('answers the resubmission after a reconsideration', () => {
    const given = [notifiedEvent(), rapidReviewEvent(1), panelRespondedEvent('reconsider'), rapidReviewEvent(2)];
    const [event] = spec
      .given(given)
      .when(respond({ outcome: 'national-review' }))
      .events();
    expect(event?.data).toMatchObject({ outcome: 'national-review' });
  });
});
