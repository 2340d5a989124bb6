/**
 * A hash router: `#/panel/incidents/<id>`. Hash routes need nothing from the server but one index.html, so the
 * platform serves static files only. Hashes that are not routes (`#main-content`, error summary links) are left
 * to the browser.
 */
import type { Html } from './html';
import type { Role, Session } from './session';

export type PageContext = {
  params: Record<string, string>;
  query: URLSearchParams;
  session: Session | undefined;
  /** Renders the page into <main>, sets the title and wires GOV.UK components. */
  render: (title: string, view: Html) => HTMLElement;
  navigate: (hash: string) => void;
};

export type Route = { path: string; roles?: Role[]; page: (ctx: PageContext) => Promise<void> | void };

export type MatchedRoute = { route: Route; params: Record<string, string>; query: URLSearchParams };

/** `#/panel/incidents/abc?x=1` against `/panel/incidents/:id`. */
export const matchRoute = (routes: Route[], hash: string): MatchedRoute | undefined => {
  const [path = '/', search = ''] = hash.replace(/^#/, '').split('?');
  const parts = path.split('/').filter(Boolean);
  for (const route of routes) {
    const pattern = route.path.split('/').filter(Boolean);
    if (pattern.length !== parts.length) continue;
    const params: Record<string, string> = {};
    const ok = pattern.every((p, i) => {
      if (p.startsWith(':')) {
        params[p.slice(1)] = decodeURIComponent(parts[i]!);
        return true;
      }
      return p === parts[i];
    });
    if (ok) return { route, params, query: new URLSearchParams(search) };
  }
  return undefined;
};

export const isRouteHash = (hash: string): boolean => hash === '' || hash === '#' || hash.startsWith('#/');
