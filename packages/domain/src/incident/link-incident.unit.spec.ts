import { describe, expect, it } from 'vitest';
import { incidentDecider } from './incident-decide';
import type { LinkIncidentToReview } from './incident-commands';
import type { IncidentEvent } from './incident-events';
import { deciderSpec, malformed } from '../shared/decider-spec';
import { INCIDENT_ID, NOW, notifiedEvent, partnershipContext, roleContext } from './incident-test-fixtures';

const spec = deciderSpec(incidentDecider);
const link = (
  reviewKind: 'local' | 'national' = 'local',
  context = partnershipContext(),
  reviewId = 'review-1',
): LinkIncidentToReview => ({
  type: 'LinkIncidentToReview',
  data: { incidentId: INCIDENT_ID, reviewId, reviewKind },
  context,
});
const linkedEvent = (reviewKind: 'local' | 'national' = 'local', reviewId = 'review-1'): IncidentEvent => ({
  type: 'IncidentLinkedToReview',
  schemaVersion: 1,
  data: { incidentId: INCIDENT_ID, reviewId, reviewKind, linkedAt: NOW },
});
const withdrawn: IncidentEvent = {
  type: 'NotificationWithdrawn',
  schemaVersion: 1,
  data: { incidentId: INCIDENT_ID, withdrawnAt: NOW, reason: 'notified-in-error' },
  personal: { explanation: 'x' },
};
describe('LinkIncidentToReview', () => {
  it('links the incident to a local review for its own partnership', () => {
    spec.given([notifiedEvent()]).when(link()).then([linkedEvent()]);
  });

  it('links to a national review for the Panel, and an admin may repair a link', () => {
    spec
      .given([notifiedEvent()])
      .when(link('national', roleContext('panel')))
      .then([linkedEvent('national')]);
    spec
      .given([notifiedEvent()])
      .when(link('local', roleContext('admin')))
      .then([linkedEvent()]);
  });

  it('is idempotent: linking again to the same review records nothing', () => {
    spec.given([notifiedEvent(), linkedEvent()]).when(link()).then([]);
  });

  it('keeps every linked review in the state', () => {
    const state = spec
      .given([
        notifiedEvent(),
        linkedEvent('local', 'r-1'),
        linkedEvent('national', 'r-2'),
        linkedEvent('local', 'r-1'),
      ])
      .state();
    expect(state).toMatchObject({
      linkedReviews: [
        { reviewId: 'r-1', reviewKind: 'local' },
        { reviewId: 'r-2', reviewKind: 'national' },
      ],
    });
  });

  it('refuses other partnerships, Ofsted, and a partnership linking to a national review', () => {
    spec
      .given([notifiedEvent()])
      .when(link('local', partnershipContext('york')))
      .thenThrows({ code: 'forbidden' });
    spec
      .given([notifiedEvent()])
      .when(link('local', roleContext('ofsted')))
      .thenThrows({ code: 'forbidden' });
    spec.given([notifiedEvent()]).when(link('national', partnershipContext())).thenThrows({ code: 'forbidden' });
  });

  it('refuses an incident not notified or withdrawn, and a bad review kind or id', () => {
    spec.given([]).when(link()).thenThrows({ code: 'not_found' });
    spec.given([notifiedEvent(), withdrawn]).when(link()).thenThrows({ code: 'illegal_state' });
    spec
      .given([notifiedEvent()])
      .when(link('regional' as 'local'))
      .thenThrows({ code: 'validation', field: 'reviewKind' });
    spec
      .given([notifiedEvent()])
      .when(link('local', partnershipContext(), ''))
      .thenThrows({ code: 'validation', field: 'reviewId' });
  });
});

describe('incidentDecider', () => {
  it('refuses an unknown command type loudly', () => {
    expect(() =>
      incidentDecider.decide(
        malformed({ type: 'Nope', context: roleContext('admin') }),
        incidentDecider.initialState(),
      ),
    ).toThrow(/Unhandled incident command/);
  });

  it('ignores events on a stream with no notification (a corrupt log cannot fake a state)', () => {
    expect(spec.given([linkedEvent()]).state()).toEqual({ status: 'none' });
  });
});

describe('command context', () => {
  it('refuses a command without an actor or with a malformed clock', () => {
    const command = link();
    spec
      .given([notifiedEvent()])
      .when({ ...command, context: malformed(undefined) })
      .thenThrows({ code: 'forbidden' });
    spec
      .given([notifiedEvent()])
      .when({ ...command, context: { ...command.context, actor: { userId: 'u', role: malformed('public') } } })
      .thenThrows({ code: 'validation', field: 'context.actor.role' });
    spec
      .given([notifiedEvent()])
      .when({ ...command, context: { ...command.context, today: '10/03/2026' } })
      .thenThrows({ code: 'validation', field: 'context.today' });
    spec
      .given([notifiedEvent()])
      .when({ ...command, context: { ...command.context, now: 'now' } })
      .thenThrows({ code: 'validation', field: 'context.now' });
  });
});
