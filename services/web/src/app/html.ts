/**
 * A tiny HTML template tag: every interpolated value is escaped unless it is itself an `html` result, so text
 * from the gateway (case names, summaries) can never become markup.
 */
export type Html = { readonly __html: string; toString: () => string };

const escapes: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => escapes[c]!);

const raw = (value: string): Html => ({ __html: value, toString: () => value });
const isHtml = (value: unknown): value is Html => typeof value === 'object' && value !== null && '__html' in value;

const render = (value: unknown): string => {
  if (value === null || value === undefined || value === false) return '';
  if (Array.isArray(value)) return value.map(render).join('');
  if (isHtml(value)) return value.__html;
  return escapeHtml(String(value));
};

export const html = (strings: TemplateStringsArray, ...values: unknown[]): Html =>
  raw(strings.reduce((out, s, i) => out + s + (i < values.length ? render(values[i]) : ''), ''));

/** Trusted markup written in this code base (never gateway data). */
export const trusted = raw;

const UUID_IN_TEXT = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;

/**
 * A gateway refusal for a person to read: the field path it starts with (`incidentIds.0: `) dropped and every
 * record id replaced by the words the page knows for it (an incident's reference), else left out.
 */
export const plainRefusal = (message: string, wordsFor: (id: string) => string | undefined = () => undefined): string =>
  message
    .replace(/^[\w.]+: /, '')
    .replace(UUID_IN_TEXT, (id) => wordsFor(id) ?? '')
    .replace(/ {2,}/g, ' ')
    .replace(/^./, (c) => c.toUpperCase());
