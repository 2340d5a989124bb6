/**
 * The service navigation for who is signed in: links a role uses, then sign in or sign out. Showing a link is
 * convenience only; the gateway decides on every query what anyone may see.
 */
import type { SignedInUser } from './signed-in-user';

type Item = { href: string; text: string };
export type NavigationItem = Item & { active?: boolean };

const PUBLIC: Item[] = [
  { href: '/reports', text: 'Published reports' },
  { href: '/learning', text: 'Learning library' },
];

const byRole: Record<string, Item[]> = {
  partnership: [
    { href: '/partnership', text: 'Dashboard' },
    { href: '/partnership/notify', text: 'Notify an incident' },
    { href: '/partnership/reviews', text: 'Local reviews' },
    { href: '/partnership/referrals', text: 'Referrals' },
    { href: '/partnership/email-preferences', text: 'Email preferences' },
  ],
  agency: [
    { href: '/agency/referrals', text: 'My referrals' },
    { href: '/agency/refer', text: 'Refer a case' },
  ],
  dfe: [
    { href: '/dfe', text: 'Final reports' },
    { href: '/panel/statistics', text: 'Statistics' },
  ],
  panel: [
    { href: '/panel', text: 'Rapid review queue' },
    { href: '/panel/incidents', text: 'Find an incident' },
    { href: '/panel/reviews', text: 'National reviews' },
    { href: '/panel/themes', text: 'Recurring themes' },
    { href: '/panel/statistics', text: 'Statistics' },
  ],
  ofsted: [{ href: '/panel/statistics', text: 'Statistics' }],
  admin: [
    { href: '/admin/access', text: 'Access' },
    { href: '/admin/partnerships', text: 'Partnerships' },
    { href: '/admin/erasure-requests', text: 'Erasure requests' },
    { href: '/admin/audit', text: 'Personal data reads' },
    { href: '/panel/statistics', text: 'Statistics' },
  ],
};

/** Where a role starts: the first link of its navigation, or the published reports. */
export const homeOf = (user: SignedInUser | undefined): string => {
  const role = user?.roles.find((r) => byRole[r]);
  return role ? byRole[role]![0]!.href : '/reports';
};

const isActive = (href: string, path: string) =>
  path === href || (path.startsWith(`${href}/`) && href !== '/partnership' && href !== '/panel');

export const navigationFor = (user: SignedInUser | undefined, path: string): NavigationItem[] => {
  const own = [...new Map((user?.roles ?? []).flatMap((r) => byRole[r] ?? []).map((i) => [i.href, i])).values()];
  const items: Item[] = user
    ? [
        ...own,
        ...PUBLIC,
        ...(own.some((i) => i.href.endsWith('/statistics')) ? [] : [{ href: '/statistics', text: 'Statistics' }]),
        { href: '/sign-out', text: 'Sign out' },
      ]
    : [...PUBLIC, { href: '/statistics', text: 'Statistics' }, { href: '/sign-in', text: 'Sign in' }];
  return items.map((i) => ({ ...i, active: isActive(i.href, path) }));
};
