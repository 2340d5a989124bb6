/**
 * Four-eyes erasure of an incident's personal data, as two commands from two admins. The requester is always the
 * actor of `RequestErasure` and the approver the actor of `ApproveErasure`: no user id is typed in, so one admin
 * cannot name a colleague and erase alone. Nothing is destroyed until the approval (`PersonalDataErased`).
 */
import type { IncidentEvent } from './incident-events';
import type { AdminReference, ApproveErasure, CancelErasureRequest, RequestErasure } from './incident-commands';
import type { IncidentState, NotifiedIncidentState } from './incident';
import { ERASURE_LEGAL_BASES } from './incident-vocabulary';
import { forbidden, illegalState, notFound, validationError } from '../shared/domain-error';
import { requireRole } from '../shared/authorize';
import type { CommandContext } from '../shared/types';
import { optionalString, requireOneOf } from '../shared/validate';

const SCHEMA_VERSION = 1;

/** The actor must hold the admin role in the token and be a configured admin (CSPR_ADMIN_USER_IDS). */
const requireAdmin = (context: CommandContext, reference: AdminReference | undefined, action: string): string => {
  requireRole(context, ['admin'], action);
  if (!(reference?.adminUserIds ?? []).includes(context.actor.userId))
    throw forbidden(`Only a configured admin may ${action}`);
  return context.actor.userId;
};

const notifiedIncident = (state: IncidentState, incidentId: string): NotifiedIncidentState => {
  if (state.status === 'none') throw notFound(`Incident ${incidentId} has not been notified`);
  if (state.personalDataErased) throw illegalState(`Personal data of incident ${incidentId} has already been erased`);
  return state;
};

export const requestErasure = (command: RequestErasure, state: IncidentState): IncidentEvent[] => {
  const { data, context, reference } = command;
  const requestedBy = requireAdmin(context, reference, 'request erasure of personal data');
  const legalBasis = requireOneOf(data.legalBasis, 'legalBasis', ERASURE_LEGAL_BASES);
  const incident = notifiedIncident(state, data.incidentId);
  if (incident.erasureRequest)
    throw illegalState(
      `An erasure of incident ${incident.incidentId} is already awaiting approval: approve or cancel it first`,
    );
  return [
    {
      type: 'ErasureRequested',
      schemaVersion: SCHEMA_VERSION,
      data: { incidentId: incident.incidentId, requestedBy, legalBasis, requestedAt: context.now },
    },
  ];
};

export const approveErasure = (command: ApproveErasure, state: IncidentState): IncidentEvent[] => {
  const { data, context, reference } = command;
  const approvedBy = requireAdmin(context, reference, 'approve erasure of personal data');
  const incident = notifiedIncident(state, data.incidentId);
  const request = incident.erasureRequest;
  if (!request)
    throw illegalState(
      `No erasure of incident ${incident.incidentId} is awaiting approval: an admin must request it first`,
    );
  if (request.requestedBy === approvedBy)
    throw forbidden('The admin who requested the erasure cannot approve it (four eyes): another admin must');
  // A requester who has since lost the admin role no longer stands behind the request.
  if (!(reference?.adminUserIds ?? []).includes(request.requestedBy))
    throw forbidden('The requester of this erasure is no longer an admin: request it again');
  const expectedBasis = optionalString(data.legalBasis, 'legalBasis', 100);
  if (expectedBasis !== undefined && expectedBasis !== request.legalBasis)
    throw validationError('legalBasis', 'legalBasis differs from the pending request');
  const expectedRequester = optionalString(data.requestedBy, 'requestedBy', 200);
  if (expectedRequester !== undefined && expectedRequester !== request.requestedBy)
    throw validationError('requestedBy', 'requestedBy differs from the pending request');
  return [
    {
      type: 'PersonalDataErased',
      schemaVersion: SCHEMA_VERSION,
      data: {
        incidentId: incident.incidentId,
        erasedAt: context.now,
        legalBasis: request.legalBasis,
        requestedBy: request.requestedBy,
        approvedBy,
      },
    },
  ];
};

export const cancelErasureRequest = (command: CancelErasureRequest, state: IncidentState): IncidentEvent[] => {
  const { data, context, reference } = command;
  const cancelledBy = requireAdmin(context, reference, 'cancel an erasure request');
  const incident = notifiedIncident(state, data.incidentId);
  if (!incident.erasureRequest)
    throw illegalState(`No erasure of incident ${incident.incidentId} is awaiting approval`);
  return [
    {
      type: 'ErasureRequestCancelled',
      schemaVersion: SCHEMA_VERSION,
      data: { incidentId: incident.incidentId, cancelledBy, cancelledAt: context.now },
    },
  ];
};
