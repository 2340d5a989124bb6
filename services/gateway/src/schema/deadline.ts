/** A deadline as the read models compute it: due date from the rules, days left and overdue for today. */
import type { DeadlineView, HistoryChange, HistoryEntry } from '@cspr/read-models';
import { builder } from '../builder';
import { AmendmentReasonEnum } from './vocabulary';

export const DeadlineType = builder.objectRef<DeadlineView>('Deadline').implement({
  description:
    "A step's deadline: `rule(anchor date, guidance edition)` over the working-day calendar, never stored as truth.",
  fields: (t) => ({
    kind: t.exposeString('kind', {
      description:
        'notification, rapid-review, panel-response, local-review-publication, final-report-before-publication, publication-availability.',
    }),
    dueOn: t.exposeString('dueOn', { description: 'YYYY-MM-DD (England).' }),
    anchor: t.exposeString('anchor'),
    anchorDate: t.exposeString('anchorDate'),
    statutory: t.exposeBoolean('statutory', {
      description:
        "False for expectations and targets that are not a duty in law: the Panel's 15-working-day rapid review expectation, the Panel's response target, a care leaver's death notification.",
    }),
    guidance: t.boolean({
      description: "Guidance only (a care leaver's death): the expected date is shown, never overdue.",
      resolve: (d) => d.guidance === true,
    }),
    description: t.exposeString('description'),
    metOn: t.exposeString('metOn', { nullable: true }),
    metOnTime: t.exposeBoolean('metOnTime', { nullable: true }),
    cancelled: t.exposeBoolean('cancelled'),
    workingDaysLeft: t.exposeInt('workingDaysLeft', {
      nullable: true,
      description: 'Working days from today to the due date; negative when past; null when met or cancelled.',
    }),
    overdue: t.exposeBoolean('overdue'),
    dueThisWeek: t.exposeBoolean('dueThisWeek'),
  }),
});

const HistoryChangeType = builder.objectRef<HistoryChange>('HistoryChange').implement({
  description: 'A minimised field an amendment changed (the became-aware date among them), with both values.',
  fields: (t) => ({
    field: t.exposeString('field'),
    from: t.exposeString('from', { nullable: true }),
    to: t.exposeString('to', { nullable: true }),
  }),
});

export const HistoryEntryType = builder.objectRef<HistoryEntry>('HistoryEntry').implement({
  description: "One event of the record's stream, minimised: what happened, when, and by which role.",
  fields: (t) => ({
    type: t.exposeString('type'),
    occurredAt: t.exposeString('occurredAt'),
    on: t.exposeString('on', { nullable: true }),
    actorRole: t.exposeString('actorRole'),
    actorId: t.string({
      nullable: true,
      description: 'Who made the change (the user id); null on older entries.',
      resolve: (h) => h.actorId ?? null,
    }),
    changes: t.field({ type: [HistoryChangeType], resolve: (h) => h.changes ?? [] }),
    reason: t.field({
      type: AmendmentReasonEnum,
      nullable: true,
      description: 'Why an amendment was made; null for other events and for amendments recorded before it was asked.',
      resolve: (h) => h.reason ?? null,
    }),
    position: t.exposeString('position'),
  }),
});
