/** A deadline as the read models compute it: due date from the rules, days left and overdue for today. */
import type { DeadlineView } from '@cspr/read-models';
import { builder } from '../builder';

export const DeadlineType = builder.objectRef<DeadlineView>('Deadline').implement({
  description: 'A step\'s deadline: `rule(anchor date, guidance edition)` over the working-day calendar, never stored as truth.',
  fields: (t) => ({
    kind: t.exposeString('kind', { description: 'notification, rapid-review, panel-response, local-review-publication, final-report-before-publication, publication-availability.' }),
    dueOn: t.exposeString('dueOn', { description: 'YYYY-MM-DD (England).' }),
    anchor: t.exposeString('anchor'),
    anchorDate: t.exposeString('anchorDate'),
    statutory: t.exposeBoolean('statutory', { description: 'False for service-level targets (the Panel\'s response).' }),
    description: t.exposeString('description'),
    metOn: t.exposeString('metOn', { nullable: true }),
    metOnTime: t.exposeBoolean('metOnTime', { nullable: true }),
    cancelled: t.exposeBoolean('cancelled'),
    workingDaysLeft: t.exposeInt('workingDaysLeft', { nullable: true, description: 'Working days from today to the due date; negative when past; null when met or cancelled.' }),
    overdue: t.exposeBoolean('overdue'),
    dueThisWeek: t.exposeBoolean('dueThisWeek'),
  }),
});

export const HistoryEntryType = builder.objectRef<{ type: string; occurredAt: string; on: string | null; actorRole: string; position: string }>('HistoryEntry').implement({
  description: 'One event of the record\'s stream, minimised: what happened, when, and by which role.',
  fields: (t) => ({
    type: t.exposeString('type'),
    occurredAt: t.exposeString('occurredAt'),
    on: t.exposeString('on', { nullable: true }),
    actorRole: t.exposeString('actorRole'),
    position: t.exposeString('position'),
  }),
});
