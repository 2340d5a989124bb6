/**
 * What a page handler gets: the request's parameters and form, the signed-in person, a gateway call bound to
 * their token, and `render`, which puts a body built from the macros into the layout. Handlers are plain async
 * functions; Express 5 sends their rejections (a gateway Forbidden or NotFound) to the error page.
 */
import type { Request, RequestHandler, Response } from 'express';
import { html, type Html } from '../app/html';
import type { FieldErrors } from '../app/components';
import type { GatewayCall } from './gateway-client';
import { rememberPosition } from './read-your-writes';
import type { SignedInUser } from './signed-in-user';

export type PageContext = {
  method: 'GET' | 'POST';
  params: Record<string, string>;
  query: URLSearchParams;
  /** The posted form (empty on GET). */
  form: URLSearchParams;
  user: SignedInUser | undefined;
  gateway: GatewayCall;
  /** The hidden CSRF field for this session: put it in every form. */
  csrf: Html;
  /** Renders the body in the layout; errors put "Error: " before the title and the error summary above the body. */
  render: (title: string, body: Html, options?: { errors?: FieldErrors; status?: number }) => void;
  /** POST/redirect/GET: after a write, send the browser to the page that shows it. */
  redirect: (to: string, position?: string | null) => void;
  /** Sends a CSV file (a list's download) instead of a page. */
  sendCsv: (filename: string, csv: string) => void;
};

const formOf = (req: Request): URLSearchParams => {
  const body = (req.body ?? {}) as Record<string, unknown>;
  const form = new URLSearchParams();
  for (const [key, value] of Object.entries(body)) {
    for (const v of Array.isArray(value) ? value : [value]) if (typeof v === 'string') form.append(key, v);
  }
  return form;
};

export const contextOf = (req: Request, res: Response): PageContext => ({
  method: req.method === 'POST' ? 'POST' : 'GET',
  params: req.params as Record<string, string>,
  query: new URL(req.originalUrl, 'http://page.invalid').searchParams,
  form: formOf(req),
  user: res.locals.user as SignedInUser | undefined,
  gateway: res.locals.gateway as GatewayCall,
  csrf: res.locals.csrfToken
    ? html`<input type="hidden" name="_csrf" value="${res.locals.csrfToken as string}" />`
    : html``,
  render: (title, body, options = {}) => {
    res
      .status(options.status ?? 200)
      .render('views/page', { pageTitle: title, body: String(body), errors: options.errors ?? {} });
  },
  redirect: (to, position) => {
    rememberPosition(res, position);
    res.redirect(303, to);
  },
  sendCsv: (filename, csv) => {
    res.status(200).type('text/csv; charset=utf-8').attachment(filename).send(csv);
  },
});

/** An Express handler from a page function. */
export const page =
  (handler: (ctx: PageContext) => Promise<void> | void): RequestHandler =>
  async (req, res) => {
    await handler(contextOf(req, res));
  };
