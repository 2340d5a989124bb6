/**
 * Names people read instead of codes: local authorities by name (the 153 English authorities, for the pages'
 * select and autocomplete) and partnerships by their registered name. Records expose `localAuthorityName` and
 * `partnershipName` beside their codes, so no page has to show an ONS code or a slug.
 */
import { defaultPartnerships, findLocalAuthority, localAuthorities, regionOf } from '@cspr/domain';
import type { LocalAuthority } from '@cspr/domain';
import { listPartnerships } from '@cspr/read-models';
import { builder } from '../builder';
import { may } from '../authorization';
import type { GatewayContext } from '../gateway-context';

const LocalAuthorityType = builder.objectRef<LocalAuthority>('LocalAuthority').implement({
  description: "An English local authority with children's social care duties.",
  fields: (t) => ({
    code: t.exposeString('code', { description: 'ONS code (2024), the value to send back; not for people to read.' }),
    name: t.exposeString('name'),
    region: t.string({ resolve: (la) => regionOf(la.code)?.name ?? '' }),
  }),
});

builder.queryField('localAuthorities', (t) =>
  t.field({
    type: [LocalAuthorityType],
    authScopes: may('localAuthorities'),
    description: 'Every English local authority, by name (public reference data).',
    resolve: () => [...localAuthorities],
  }),
);

/** The name of a local authority code, or the code itself when it is not in the list (a record from before a recoding). */
export const localAuthorityNameOf = (code: string): string => findLocalAuthority(code)?.name ?? code;

const partnershipNames = new WeakMap<object, Promise<Map<string, string>>>();

/**
 * Partnership names, read once per request (a few hundred rows) however many records a page shows: the registered
 * name from the log first, else the reference data the platform started with.
 */
export const partnershipNameOf = async (ctx: GatewayContext, id: string): Promise<string> => {
  let names = partnershipNames.get(ctx);
  if (!names) {
    const known = ctx.services.partnerships ?? defaultPartnerships;
    names = listPartnerships(ctx.services.sql).then(
      (rows) =>
        new Map([
          ...known.map((p) => [p.partnershipId, p.name] as const),
          ...rows.map((row) => [row.id, row.name] as const),
        ]),
    );
    partnershipNames.set(ctx, names);
  }
  if (id === 'national') return 'Child Safeguarding Practice Review Panel';
  return (await names).get(id) ?? id;
};
