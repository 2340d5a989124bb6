/**
 * The name a browser saves a published document under, as partnership pages title them:
 * "Child M – Overview Report – September 2019.pdf". RFC 6266: an ASCII fallback in `filename` and the real name in
 * `filename*` (UTF-8), so dashes and accents survive while old clients still get a safe name.
 */
import { monthInWords } from '@cspr/domain';

export const downloadName = (
  listed: { title: string; caseName: string; published: string },
  extension: string,
): string => {
  const parts = [listed.caseName, listed.title, monthInWords(listed.published)].filter(Boolean);
  // A title that already names the case (platform reports often do) is not repeated.
  const name = listed.title.startsWith(listed.caseName) && listed.caseName ? parts.slice(1) : parts;
  const full = `${name.join(' – ')}.${extension}`.replace(/[\u0000-\u001f\u007f"\\/]/g, ' ').slice(0, 200);
  const ascii = full
    .normalize('NFKD')
    .replace(/[^\x20-\x7e]/g, (c) => (c === '–' ? '-' : ''))
    .replace(/[%;]/g, ' ');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(full)}`;
};
