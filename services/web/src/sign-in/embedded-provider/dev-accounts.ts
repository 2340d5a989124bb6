/**
 * Development accounts of the embedded identity provider: one or more people for every role. The provider proves
 * only who they are (subject, email, organisation); what each may do is the grant the platform records for the
 * subject at start-up, through the log like any admin's grant. `newstarter` has no grant on purpose: signing in
 * as them shows the "you do not have access yet" page.
 *
 * Subjects follow `npm run token`'s default (`dev-<role>[-<partnership>]`), so a token minted for an API client
 * and a person signing in with the same role and partnership are the same subject with the same grants.
 */
export type DevAccount = {
  subject: string;
  name: string;
  email: string;
  organisation: string;
  /** The grant recorded for this account at start; absent for the account without access. */
  grant?: { role: 'partnership' | 'panel' | 'ofsted' | 'admin' | 'agency' | 'dfe'; partnershipId?: string };
};

export const DEV_ACCOUNTS: readonly DevAccount[] = [
  {
    subject: 'dev-partnership-leeds',
    name: 'Priya Shah',
    email: 'priya.shah@leeds.example.gov.uk',
    organisation: 'Leeds City Council',
    grant: { role: 'partnership', partnershipId: 'leeds' },
  },
  {
    subject: 'dev-partnership-bradford',
    name: 'Tom Price',
    email: 'tom.price@bradford.example.gov.uk',
    organisation: 'City of Bradford Metropolitan District Council',
    grant: { role: 'partnership', partnershipId: 'bradford' },
  },
  {
    subject: 'dev-partnership-kent',
    name: 'Amara Okafor',
    email: 'amara.okafor@kent.example.gov.uk',
    organisation: 'Kent County Council',
    grant: { role: 'partnership', partnershipId: 'kent' },
  },
  {
    subject: 'dev-partnership-norfolk',
    name: 'Gareth Lloyd',
    email: 'gareth.lloyd@norfolk.example.gov.uk',
    organisation: 'Norfolk County Council',
    grant: { role: 'partnership', partnershipId: 'norfolk' },
  },
  {
    subject: 'dev-agency-leeds',
    name: 'Sam Fielding',
    email: 'sam.fielding@westyorkshire.example.police.uk',
    organisation: 'West Yorkshire Police',
    grant: { role: 'agency', partnershipId: 'leeds' },
  },
  {
    subject: 'dev-panel',
    name: 'Helen Marsh',
    email: 'helen.marsh@panel.example.gov.uk',
    organisation: 'Child Safeguarding Practice Review Panel',
    grant: { role: 'panel' },
  },
  {
    subject: 'dev-ofsted',
    name: 'Daniel Reed',
    email: 'daniel.reed@ofsted.example.gov.uk',
    organisation: 'Ofsted',
    grant: { role: 'ofsted' },
  },
  {
    subject: 'dev-dfe',
    name: 'Grace Kim',
    email: 'grace.kim@education.example.gov.uk',
    organisation: 'Department for Education',
    grant: { role: 'dfe' },
  },
  {
    subject: 'dev-admin',
    name: 'Olu Adebayo',
    email: 'olu.adebayo@cspr.example.gov.uk',
    organisation: 'CSPR operations',
    grant: { role: 'admin' },
  },
  {
    subject: 'dev-admin-2',
    name: 'Ruth Evans',
    email: 'ruth.evans@cspr.example.gov.uk',
    organisation: 'CSPR operations',
    grant: { role: 'admin' },
  },
  {
    subject: 'dev-newstarter',
    name: 'Chris Nolan',
    email: 'chris.nolan@leeds.example.gov.uk',
    organisation: 'Leeds City Council',
  },
];

export const devAccount = (subject: string) => DEV_ACCOUNTS.find((a) => a.subject === subject);
