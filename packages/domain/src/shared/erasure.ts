/**
 * Four-eyes erasure of one data subject's personal data, the same two steps for every kind of record that can
 * name or describe a child: an incident (which also covers its referral and the reviews linked to it), a referral
 * decided without a notification, and a review (a non-statutory or thematic review need not be linked to an
 * incident). The events sit in the subject's own stream and name it by that stream's id field, so a projection
 * tells the subject by which of `incidentId`, `referralId` or `reviewId` the event carries.
 *
 * The requester is always the actor of `RequestErasure` and the approver the actor of `ApproveErasure`: no user id is
 * typed in, so one admin cannot name a colleague and erase alone. Nothing is destroyed until the approval
 * (`PersonalDataErased`); the write path destroys the keys just before it appends that event.
 */
import type { DomainEvent } from './event';
import type { CommandContext, Instant } from './types';
import { forbidden, illegalState, validationError } from './domain-error';
import { requireRole } from './authorize';
import { optionalString, requireOneOf } from './validate';

/** Lawful bases of erasure; the event keeps a string so that a new basis needs no schema change. */
export const ERASURE_LEGAL_BASES = ['data-subject-request', 'court-order', 'retention-expired'] as const;

/** The id field naming the subject in its stream's events. */
export type ErasureSubjectField = 'incidentId' | 'referralId' | 'reviewId';

type SubjectIdOf<Field extends ErasureSubjectField> = { [K in Field]: string };

export type ErasureRequestedOf<Field extends ErasureSubjectField> = DomainEvent<
  'ErasureRequested',
  SubjectIdOf<Field> & {
    /** The requesting admin: the actor who sent the request, never a name typed in. */
    requestedBy: string;
    legalBasis: string;
    requestedAt: Instant;
  }
>;

export type ErasureRequestCancelledOf<Field extends ErasureSubjectField> = DomainEvent<
  'ErasureRequestCancelled',
  SubjectIdOf<Field> & { cancelledBy: string; cancelledAt: Instant }
>;

export type PersonalDataErasedOf<Field extends ErasureSubjectField> = DomainEvent<
  'PersonalDataErased',
  SubjectIdOf<Field> & {
    erasedAt: Instant;
    /** Lawful basis category, e.g. `data-subject-request`, `court-order`, `retention-expired`. */
    legalBasis: string;
    requestedBy: string;
    approvedBy: string;
  }
>;

export type ErasureEventOf<Field extends ErasureSubjectField> =
  ErasureRequestedOf<Field> | ErasureRequestCancelledOf<Field> | PersonalDataErasedOf<Field>;

/** The user ids holding the admin role, from the identity provider or configuration. */
export type AdminReference = { adminUserIds: string[] };

export type RequestErasureOf<Field extends ErasureSubjectField> = {
  type: 'RequestErasure';
  /** `legalBasis`: e.g. `data-subject-request`, `court-order`, `retention-expired`. */
  data: SubjectIdOf<Field> & { legalBasis: string };
  context: CommandContext;
  reference: AdminReference;
};

export type ApproveErasureOf<Field extends ErasureSubjectField> = {
  type: 'ApproveErasure';
  /** Optional checks: what the approver believes was requested, and by whom; refused if they differ. */
  data: SubjectIdOf<Field> & { legalBasis?: string; requestedBy?: string };
  context: CommandContext;
  reference: AdminReference;
};

/** Withdraws a pending erasure request (any admin, the requester included). */
export type CancelErasureRequestOf<Field extends ErasureSubjectField> = {
  type: 'CancelErasureRequest';
  data: SubjectIdOf<Field>;
  context: CommandContext;
  reference: AdminReference;
};

export type ErasureCommandOf<Field extends ErasureSubjectField> =
  RequestErasureOf<Field> | ApproveErasureOf<Field> | CancelErasureRequestOf<Field>;

export const ERASURE_COMMAND_TYPES = new Set<string>(['RequestErasure', 'ApproveErasure', 'CancelErasureRequest']);

/** Where a subject's erasure stands: held in each erasable aggregate's state. */
export type ErasureStanding = {
  personalDataErased: boolean;
  /** A pending four-eyes erasure request, or null. */
  erasureRequest: { requestedBy: string; legalBasis: string } | null;
};

export const NO_ERASURE: ErasureStanding = { personalDataErased: false, erasureRequest: null };

/** The subject as its decider found it: its id, a readable label for messages, and where its erasure stands. */
export type ErasureSubject<Field extends ErasureSubjectField> = {
  field: Field;
  id: string;
  /** e.g. "incident 0b…", "referral 0b…": ids only, never personal data. */
  label: string;
  standing: ErasureStanding;
};

/** The actor must hold the admin role in the token and be a configured admin (CSPR_ADMIN_USER_IDS). */
const requireAdmin = (context: CommandContext, reference: AdminReference | undefined, action: string): string => {
  requireRole(context, ['admin'], action);
  if (!(reference?.adminUserIds ?? []).includes(context.actor.userId))
    throw forbidden(`Only a configured admin may ${action}`);
  return context.actor.userId;
};

const ACTIONS: Record<ErasureCommandOf<ErasureSubjectField>['type'], string> = {
  RequestErasure: 'request erasure of personal data',
  ApproveErasure: 'approve erasure of personal data',
  CancelErasureRequest: 'cancel an erasure request',
};

/** The acting admin of an erasure command: checked before the subject is looked at, so others learn nothing of it. */
export const requireErasureAdmin = (
  command: Pick<ErasureCommandOf<ErasureSubjectField>, 'type' | 'context' | 'reference'>,
): string => requireAdmin(command.context, command.reference, ACTIONS[command.type] ?? 'erase personal data');

const notYetErased = (subject: ErasureSubject<ErasureSubjectField>): void => {
  if (subject.standing.personalDataErased)
    throw illegalState(`Personal data of ${subject.label} has already been erased`);
};

const SCHEMA_VERSION = 1;

const idOf = <Field extends ErasureSubjectField>(subject: ErasureSubject<Field>) =>
  ({ [subject.field]: subject.id }) as SubjectIdOf<Field>;

/**
 * The erasure decision for a subject the caller has found (not found is the caller's refusal, in its own words).
 * The caller adds its own refusals first (a referral that led to a notification is erased through the incident).
 */
export const decideErasure = <Field extends ErasureSubjectField>(
  command: ErasureCommandOf<Field>,
  subject: ErasureSubject<Field>,
): ErasureEventOf<Field>[] => {
  const { context } = command;
  switch (command.type) {
    case 'RequestErasure': {
      const requestedBy = requireErasureAdmin(command);
      const legalBasis = requireOneOf(command.data.legalBasis, 'legalBasis', ERASURE_LEGAL_BASES);
      notYetErased(subject);
      if (subject.standing.erasureRequest)
        throw illegalState(`An erasure of ${subject.label} is already awaiting approval: approve or cancel it first`);
      return [
        {
          type: 'ErasureRequested',
          schemaVersion: SCHEMA_VERSION,
          data: { ...idOf(subject), requestedBy, legalBasis, requestedAt: context.now },
        } as ErasureRequestedOf<Field>,
      ];
    }
    case 'ApproveErasure': {
      const approvedBy = requireErasureAdmin(command);
      notYetErased(subject);
      const request = subject.standing.erasureRequest;
      if (!request)
        throw illegalState(`No erasure of ${subject.label} is awaiting approval: an admin must request it first`);
      if (request.requestedBy === approvedBy)
        throw forbidden('The admin who requested the erasure cannot approve it (four eyes): another admin must');
      // A requester who has since lost the admin role no longer stands behind the request.
      if (!(command.reference?.adminUserIds ?? []).includes(request.requestedBy))
        throw forbidden('The requester of this erasure is no longer an admin: request it again');
      const expectedBasis = optionalString(command.data.legalBasis, 'legalBasis', 100);
      if (expectedBasis !== undefined && expectedBasis !== request.legalBasis)
        throw validationError('legalBasis', 'legalBasis differs from the pending request');
      const expectedRequester = optionalString(command.data.requestedBy, 'requestedBy', 200);
      if (expectedRequester !== undefined && expectedRequester !== request.requestedBy)
        throw validationError('requestedBy', 'requestedBy differs from the pending request');
      return [
        {
          type: 'PersonalDataErased',
          schemaVersion: SCHEMA_VERSION,
          data: {
            ...idOf(subject),
            erasedAt: context.now,
            legalBasis: request.legalBasis,
            requestedBy: request.requestedBy,
            approvedBy,
          },
        } as PersonalDataErasedOf<Field>,
      ];
    }
    case 'CancelErasureRequest': {
      const cancelledBy = requireErasureAdmin(command);
      notYetErased(subject);
      if (!subject.standing.erasureRequest) throw illegalState(`No erasure of ${subject.label} is awaiting approval`);
      return [
        {
          type: 'ErasureRequestCancelled',
          schemaVersion: SCHEMA_VERSION,
          data: { ...idOf(subject), cancelledBy, cancelledAt: context.now },
        } as ErasureRequestCancelledOf<Field>,
      ];
    }
    default:
      throw illegalState('Unknown erasure command');
  }
};

/** Where the subject's erasure stands after one of its erasure events. */
export const evolveErasure = (
  standing: ErasureStanding,
  event: ErasureEventOf<'incidentId'> | ErasureEventOf<'referralId'> | ErasureEventOf<'reviewId'>,
): ErasureStanding => {
  switch (event.type) {
    case 'ErasureRequested':
      return {
        ...standing,
        erasureRequest: { requestedBy: event.data.requestedBy, legalBasis: event.data.legalBasis },
      };
    case 'ErasureRequestCancelled':
      return { ...standing, erasureRequest: null };
    case 'PersonalDataErased':
      return { personalDataErased: true, erasureRequest: null };
    default:
      return standing;
  }
};

/** The subject an erasure event names: the stream's id field it carries (projections key on it). */
export const erasureSubjectOf = (
  data: Record<string, unknown>,
): { kind: 'incident' | 'referral' | 'review'; id: string } | null => {
  if (typeof data.incidentId === 'string') return { kind: 'incident', id: data.incidentId };
  if (typeof data.referralId === 'string') return { kind: 'referral', id: data.referralId };
  if (typeof data.reviewId === 'string') return { kind: 'review', id: data.reviewId };
  return null;
};
