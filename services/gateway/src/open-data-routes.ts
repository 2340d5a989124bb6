/**
 * Open data over HTTP: each published release's files as CSV in DfE's tidy layout, for anyone (they are public):
 * `/statistics/releases/{year}/national.csv`, `regional.csv`, `local-authority.csv` and `metadata.csv`.
 * Served by the gateway beside `/graphql` (a Yoga plugin answering before GraphQL), because the files are built
 * from the read models the gateway already reads; the server-rendered web links to them. A year without a
 * published release answers 404; any other method than GET or HEAD 405.
 */
import type { Plugin } from 'graphql-yoga';
import type { Sql } from 'postgres';
import { getPublishedRelease, releaseFileCsv, releaseMetadataCsv, type ReleaseFileName } from '@cspr/read-models';

const FILES: Record<string, ReleaseFileName | 'metadata'> = {
  national: 'national',
  regional: 'regional',
  'local-authority': 'localAuthority',
  metadata: 'metadata',
};
const ROUTE = /^\/statistics\/releases\/(\d{4})\/(national|regional|local-authority|metadata)\.csv$/;

export type OpenDataFile = 'national' | 'regional' | 'local-authority' | 'metadata';
export const openDataPath = (reportingYear: number, file: OpenDataFile) =>
  `/statistics/releases/${reportingYear}/${file}.csv`;

type OnRequest = NonNullable<Plugin['onRequest']>;

const serveFile = async (
  sql: Sql,
  { request, endResponse, fetchAPI }: Parameters<OnRequest>[0],
  match: RegExpExecArray,
): Promise<void> => {
  const text = (status: number, body: string) =>
    endResponse(new fetchAPI.Response(body, { status, headers: { 'content-type': 'text/plain; charset=utf-8' } }));
  if (request.method !== 'GET' && request.method !== 'HEAD') return text(405, 'Only GET and HEAD');
  const year = Number(match[1]);
  const file = FILES[match[2]!]!;
  const release = await getPublishedRelease(sql, year);
  if (!release?.files) return text(404, `No published release for reporting year ${year}`);
  const body = file === 'metadata' ? releaseMetadataCsv() : releaseFileCsv(release.files[file], file);
  endResponse(
    new fetchAPI.Response(request.method === 'HEAD' ? null : body, {
      status: 200,
      headers: {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="serious-incident-notifications-${year}-${match[2]}.csv"`,
        // A release never changes once published.
        'cache-control': 'public, max-age=3600',
      },
    }),
  );
};

export const useOpenDataFiles = (options: { sql: Sql }): Plugin => ({
  // Synchronous for every other path: an async hook would hold each GraphQL request for a promise of nothing.
  onRequest: (payload) => {
    const match = ROUTE.exec(payload.url.pathname);
    return match ? serveFile(options.sql, payload, match) : undefined;
  },
});
