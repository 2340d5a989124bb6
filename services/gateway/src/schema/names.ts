/**
 * Names people read instead of codes: local authorities by name (the 153 English authorities, for the pages'
 * select and autocomplete) and partnerships by their registered name. Records expose `localAuthorityName` and
 * `partnershipName` beside their codes, so no page has to show an ONS code or a slug; and staff by the email their
 * access was granted under, so an admin page never shows a provider's subject id (a UUID under Keycloak or Entra).
 */
import { defaultPartnerships, findLocalAuthority, localAuthorities, regionOf } from '@cspr/domain';
import type { LocalAuthority } from '@cspr/domain';
import { listAccessGrants, listPartnerships } from '@cspr/read-models';
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

const peopleEmails = new WeakMap<object, Promise<Map<string, string>>>();

/**
 * How admins read a member of staff: the email their access was granted under (access grants, read once per request),
 * else the subject id itself, which for the platform's own components reads `system:<component>`.
 */
export const personNameOf = async (ctx: GatewayContext, subject: string): Promise<string> => {
  let emails = peopleEmails.get(ctx);
  if (!emails) {
    emails = listAccessGrants(ctx.services.sql).then(
      (grants) => new Map(grants.filter((g) => g.email).map((g) => [g.subject, g.email!] as const)),
    );
    peopleEmails.set(ctx, emails);
  }
  return (await emails).get(subject) ?? subject;
};

/** The subject id of the member of staff an admin names by email (as `personNameOf` shows them); an id as given. */
export const subjectOfPerson = async (ctx: GatewayContext, emailOrId: string): Promise<string> => {
  const wanted = emailOrId.trim().toLowerCase();
  if (!wanted.includes('@')) return emailOrId.trim();
  const grant = (await listAccessGrants(ctx.services.sql)).find((g) => g.email?.toLowerCase() === wanted);
  return grant?.subject ?? emailOrId.trim();
};
