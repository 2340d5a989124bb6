/** `projectorStatus`: how far the read models are behind the log (admin). */
import { getProjectorStatus } from '@cspr/read-models';
import type { ProjectorStatus } from '@cspr/read-models';
import { builder } from '../builder';
import { awaitConsistency, CONSISTENT_AFTER_DESCRIPTION } from '../consistency';
import { may } from '../authorization';

const ProjectorStatusType = builder.objectRef<ProjectorStatus>('ProjectorStatus').implement({
  fields: (t) => ({
    position: t.exposeString('position', {
      description: 'The checkpoint: the last log position the read models include.',
    }),
    lagEvents: t.exposeInt('lagEvents', { description: 'Events not yet projected (counted up to 1000).' }),
    lagSeconds: t.exposeFloat('lagSeconds'),
    rebuilding: t.exposeBoolean('rebuilding'),
    eventsProcessed: t.exposeInt('eventsProcessed'),
    calendarVersion: t.exposeString('calendarVersion', { nullable: true }),
    updatedAt: t.exposeString('updatedAt', { nullable: true }),
  }),
});

builder.queryField('projectorStatus', (t) =>
  t.field({
    type: ProjectorStatusType,
    args: { consistentAfter: t.arg.string({ required: false, description: CONSISTENT_AFTER_DESCRIPTION }) },
    authScopes: may('projectorStatus'),
    resolve: async (_root, args, ctx) => {
      await awaitConsistency(ctx, args.consistentAfter);
      return getProjectorStatus(ctx.services.sql, ctx.services.store);
    },
  }),
);
