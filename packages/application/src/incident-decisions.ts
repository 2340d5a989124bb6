/** How each incident command is decided: stream, reference data, and the erasure key destruction. */
import { decodeEvent, illegalState, incidentDecider, incidentStreamId } from '@cspr/domain';
import type {
  CommandContext,
  DuplicateReference,
  IncidentCommand,
  IncidentEvent,
  IncidentState,
  NotificationPersonalData,
} from '@cspr/domain';
import { readStreamOrEmpty } from './aggregate-stream';
import type { RecordedEvent } from '@cspr/event-store';
import type { AllocateReference } from './case-references';
import { yearOf } from './case-references';
import type { Decision } from './execute-decision';
import { loadCoverage } from './reference-data';
import type { HandlerDeps } from './handler-deps';
import { openForWrite } from './write-path-audit';
import { destroyErasedKeys } from './erasure-keys';

/** The fields of a notification's personal part (incident-events.ts), named in the audit of a merge. */
const NOTIFICATION_PERSONAL_FIELDS = [
  'notifier',
  'location',
  'caseOutline',
  'incidentTime',
  'children',
  'supportingDocuments',
];

export type Bare<C> = C extends { type: infer T; data: infer D } ? { type: T; data: D } : never;

/**
 * The event contract (incident-events.ts): an amendment's `personal`, when given, replaces the whole personal part.
 * The decider holds no personal data, so it decides only the fields that change; here the handler, which seals,
 * opens the current part from the stream and writes the merged whole. Readers then need the latest part only.
 */
const completeAmendment = async (
  deps: HandlerDeps,
  incidentId: string,
  events: IncidentEvent[],
  recorded: RecordedEvent[],
  requestId: string,
): Promise<IncidentEvent[]> => {
  if (!events.some((e) => e.type === 'NotificationAmended' && e.personal !== undefined)) return events;
  const latest = [...recorded]
    .reverse()
    .find(
      (e) =>
        (e.type === 'IncidentNotified' || e.type === 'NotificationAmended') && decodeEvent(e).personal !== undefined,
    );
  // Audited as the system's own read (write-path-audit.ts): the whole part is opened, so every field is named.
  const opened = latest
    ? await openForWrite<NotificationPersonalData>(deps, incidentId, decodeEvent(latest).personal, {
        purpose: 'merge-amendment',
        fields: NOTIFICATION_PERSONAL_FIELDS,
        requestId,
        ...(latest.metadata.partnershipId ? { partnershipId: latest.metadata.partnershipId } : {}),
      })
    : undefined;
  if (opened?.status !== 'available')
    throw illegalState(`Personal data of incident ${incidentId} cannot be read: it cannot be amended`);
  return events.map((event) =>
    event.type === 'NotificationAmended' && event.personal !== undefined
      ? { ...event, personal: { ...opened.value, ...event.personal } }
      : event,
  );
};

/** The named surviving incident of a duplicate withdrawal, folded from its own stream. */
const loadDuplicateOf = async (deps: HandlerDeps, incidentId: unknown): Promise<DuplicateReference> => {
  if (typeof incidentId !== 'string' || incidentId === '') return {};
  const recorded = await readStreamOrEmpty(deps.store, incidentStreamId(incidentId));
  const state = recorded
    .map((e) => decodeEvent(e) as unknown as IncidentEvent)
    .reduce(incidentDecider.evolve, incidentDecider.initialState());
  return {
    duplicateOf:
      state.status === 'none' ? { status: 'none' } : { status: state.status, partnershipId: state.partnershipId },
  };
};

/** The notification takes its case reference once the decision held, just before it is appended. */
const withReference = async (
  events: IncidentEvent[],
  allocate: AllocateReference | undefined,
): Promise<IncidentEvent[]> => {
  if (!allocate) return events;
  return Promise.all(
    events.map(async (event) => {
      if (event.type !== 'IncidentNotified' || event.data.reference !== undefined) return event;
      const { incidentId, notifiedOn, partnershipId } = event.data;
      const reference = await allocate({ kind: 'INC', year: yearOf(notifiedOn), subjectId: incidentId, partnershipId });
      return { ...event, data: { ...event.data, reference } };
    }),
  );
};

/** `allocate` hands out case references; without it (tests of other rules) notifications carry none. */
export const incidentDecision = (
  deps: HandlerDeps,
  command: Bare<IncidentCommand>,
  allocate?: AllocateReference,
): Decision<IncidentCommand, IncidentEvent, IncidentState> => {
  const { incidentId } = command.data;
  return {
    decider: incidentDecider,
    streamId: incidentStreamId(incidentId),
    subjectId: incidentId,
    partnershipOf: (state, events) => {
      if (state.status !== 'none') return state.partnershipId;
      const first = events[0];
      return first?.type === 'IncidentNotified' ? first.data.partnershipId : undefined;
    },
    build: async (state, context: CommandContext): Promise<IncidentCommand> => {
      switch (command.type) {
        case 'NotifyIncident':
          return {
            ...command,
            context,
            reference: await loadCoverage(deps.store, command.data.partnershipId, deps.partnerships),
          };
        case 'AmendNotification':
          return {
            ...command,
            context,
            reference: await loadCoverage(
              deps.store,
              state.status === 'none' ? '' : state.partnershipId,
              deps.partnerships,
            ),
          };
        case 'WithdrawNotification':
          return { ...command, context, reference: await loadDuplicateOf(deps, command.data.duplicateOfIncidentId) };
        case 'RequestErasure':
        case 'ApproveErasure':
        case 'CancelErasureRequest':
          return { ...command, context, reference: { adminUserIds: [...(await deps.adminUserIds())] } };
        default:
          return { ...command, context } as IncidentCommand;
      }
    },
    complete: async (events, recorded, requestId) =>
      withReference(await completeAmendment(deps, incidentId, events, recorded, requestId), allocate),
    // Approving the erasure destroys the incident's key, its referral's and its linked reviews' (erasure-keys.ts).
    beforeAppend: (events, state) =>
      destroyErasedKeys(deps.vault, events, [
        incidentId,
        ...(state.status === 'none' ? [] : [state.referralId, ...state.linkedReviews.map((link) => link.reviewId)]),
      ]),
  };
};
