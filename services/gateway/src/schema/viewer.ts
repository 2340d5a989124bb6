/** `viewer`: who the gateway thinks the caller is, so a client can show the role and check its token. */
import { builder } from '../builder';
import { may } from '../authorization';
import type { Principal } from '../auth/principal';
import { awaitConsistency, CONSISTENT_AFTER_DESCRIPTION } from '../consistency';

const Viewer = builder.objectRef<Principal>('Viewer').implement({
  description: 'The caller as verified from the bearer token; role PUBLIC without one.',
  fields: (t) => ({
    role: t.string({
      description: 'public, partnership, panel, ofsted, admin, agency or dfe.',
      resolve: (p) => (p.kind === 'user' ? p.role : 'public'),
    }),
    userId: t.string({ nullable: true, resolve: (p) => (p.kind === 'user' ? p.userId : null) }),
    partnershipId: t.string({ nullable: true, resolve: (p) => (p.kind === 'user' ? (p.partnershipId ?? null) : null) }),
  }),
});

builder.queryField('viewer', (t) =>
  t.field({
    type: Viewer,
    args: { consistentAfter: t.arg.string({ required: false, description: CONSISTENT_AFTER_DESCRIPTION }) },
    authScopes: may('viewer'),
    resolve: async (_root, args, ctx) => {
      await awaitConsistency(ctx, args.consistentAfter);
      return ctx.principal;
    },
  }),
);
