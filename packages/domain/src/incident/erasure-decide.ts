/**
 * Four-eyes erasure of an incident's personal data (shared/erasure.ts holds the rules common to every subject).
 * Approving it destroys the incident's key and, in the write path, the keys of the referral it came from and of every
 * review linked to it: all of them can name or describe the same child.
 */
import type { IncidentEvent } from './incident-events';
import type { ApproveErasure, CancelErasureRequest, RequestErasure } from './incident-commands';
import type { IncidentState } from './incident';
import { notFound } from '../shared/domain-error';
import { decideErasure, requireErasureAdmin } from '../shared/erasure';

const decideIncidentErasure = (
  command: RequestErasure | ApproveErasure | CancelErasureRequest,
  state: IncidentState,
): IncidentEvent[] => {
  // Admin first: a non-admin learns nothing about whether the incident exists.
  if (state.status === 'none') {
    requireErasureAdmin(command);
    throw notFound(`Incident ${command.data.incidentId} has not been notified`);
  }
  return decideErasure(command, {
    field: 'incidentId',
    id: state.incidentId,
    label: `incident ${state.incidentId}`,
    standing: state,
  });
};

export const requestErasure = (command: RequestErasure, state: IncidentState): IncidentEvent[] =>
  decideIncidentErasure(command, state);

export const approveErasure = (command: ApproveErasure, state: IncidentState): IncidentEvent[] =>
  decideIncidentErasure(command, state);

export const cancelErasureRequest = (command: CancelErasureRequest, state: IncidentState): IncidentEvent[] =>
  decideIncidentErasure(command, state);
