/** What every mutation answers on success: the record it acted on and the log position it wrote. */
import { builder } from '../builder';
import { CLIENT_ERRORS } from '../client-errors';

export type CommandPayload = { position: string; alreadyApplied: boolean };

const positionDescription =
  'The log position this command wrote. Pass it as `consistentAfter` to any query to read your own write.';

export const IncidentPayload = builder.objectRef<CommandPayload & { incidentId: string }>('IncidentPayload').implement({
  fields: (t) => ({
    incidentId: t.exposeID('incidentId'),
    position: t.exposeString('position', { description: positionDescription }),
    alreadyApplied: t.exposeBoolean('alreadyApplied', {
      description: 'True when this commandId had already been applied: nothing new was written.',
    }),
  }),
});

export const ReviewPayload = builder.objectRef<CommandPayload & { reviewId: string }>('ReviewPayload').implement({
  fields: (t) => ({
    reviewId: t.exposeID('reviewId'),
    position: t.exposeString('position', { description: positionDescription }),
    alreadyApplied: t.exposeBoolean('alreadyApplied'),
  }),
});

/** An erasure command's subject: exactly one of the three ids is set, the one the input named. */
export const ErasurePayload = builder
  .objectRef<CommandPayload & { subjectKind: 'incident' | 'referral' | 'review'; subjectId: string }>('ErasurePayload')
  .implement({
    description: 'The incident, referral or review whose erasure the command acted on.',
    fields: (t) => ({
      incidentId: t.id({ nullable: true, resolve: (p) => (p.subjectKind === 'incident' ? p.subjectId : null) }),
      referralId: t.id({ nullable: true, resolve: (p) => (p.subjectKind === 'referral' ? p.subjectId : null) }),
      reviewId: t.id({ nullable: true, resolve: (p) => (p.subjectKind === 'review' ? p.subjectId : null) }),
      position: t.exposeString('position', { description: positionDescription }),
      alreadyApplied: t.exposeBoolean('alreadyApplied'),
    }),
  });

export const PartnershipPayload = builder
  .objectRef<CommandPayload & { partnershipId: string }>('PartnershipPayload')
  .implement({
    fields: (t) => ({
      partnershipId: t.exposeID('partnershipId'),
      position: t.exposeString('position', { description: positionDescription }),
      alreadyApplied: t.exposeBoolean('alreadyApplied'),
    }),
  });

/** The errors option every mutation uses: the payload directly in a union with the client errors. */
export const mutationErrors = (unionName: string) => ({
  types: CLIENT_ERRORS,
  directResult: true as const,
  union: { name: unionName },
});
