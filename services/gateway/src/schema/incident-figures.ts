/**
 * Dashboard figures (notified, open, overdue, due this week) counted in the database over every incident the
 * caller may see, for today in England: never from the rows a page happened to load.
 */
import { incidentFigures } from '@cspr/read-models';
import type { IncidentFigures } from '@cspr/read-models';
import { builder } from '../builder';
import { may, roleOf } from '../authorization';
import { awaitConsistency, CONSISTENT_AFTER_DESCRIPTION } from '../consistency';
import { badInput, todayOf } from '../read-access';

const IncidentFiguresType = builder.objectRef<IncidentFigures>('IncidentFigures').implement({
  description: 'Counts over every incident of the partnership (or all, for the Panel and admins), for today.',
  fields: (t) => ({
    notified: t.exposeInt('notified', { description: 'Every notification, withdrawn ones included.' }),
    open: t.exposeInt('open', { description: 'Notifications not withdrawn.' }),
    overdue: t.exposeInt('overdue', { description: 'With a deadline the partnership must meet past and not met.' }),
    dueThisWeek: t.exposeInt('dueThisWeek', {
      description: 'Next deadline from today to Sunday of this week, not overdue.',
    }),
  }),
});

builder.queryField('incidentFigures', (t) =>
  t.field({
    type: IncidentFiguresType,
    description: 'Dashboard figures over every matching incident. A partnership gets its own.',
    args: {
      partnershipId: t.arg.string({ required: false }),
      consistentAfter: t.arg.string({ required: false, description: CONSISTENT_AFTER_DESCRIPTION }),
    },
    authScopes: may('incidentFigures'),
    resolve: async (_root, args, ctx) => {
      let partnershipId = args.partnershipId ?? undefined;
      if (ctx.principal.kind === 'user' && roleOf(ctx.principal) === 'partnership') {
        if (partnershipId !== undefined && partnershipId !== ctx.principal.partnershipId)
          throw badInput('A partnership may count only its own incidents', 'partnershipId');
        partnershipId = ctx.principal.partnershipId;
      }
      await awaitConsistency(ctx, args.consistentAfter);
      return incidentFigures(ctx.services.sql, {
        ...todayOf(ctx),
        ...(partnershipId !== undefined ? { partnershipId } : {}),
      });
    },
  }),
);
