/**
 * The addresses the notifier's emails link to (`/incidents/<id>`, `/referrals/<id>`): one link for everyone who
 * receives the email, sent on to the page the signed-in person's role uses. The page itself asks the gateway, so
 * someone who may not see the record gets "Page not found" there, as for any other address.
 */
import { GatewayError } from './gateway-client';
import type { PageContext } from './page';

const byRole: Record<string, Record<string, (id: string) => string>> = {
  incidents: { partnership: (id) => `/partnership/incidents/${id}`, panel: (id) => `/panel/incidents/${id}` },
  referrals: { partnership: (id) => `/partnership/referrals/${id}`, agency: () => '/agency/referrals' },
};

export const emailLinkPage = (kind: keyof typeof byRole) => (ctx: PageContext) => {
  const id = encodeURIComponent(ctx.params.id ?? '');
  const role = ctx.user?.roles.find((r) => byRole[kind]![r]);
  if (!role) throw new GatewayError('Not found', 'NOT_FOUND', 404);
  ctx.redirect(byRole[kind]![role]!(id));
};
