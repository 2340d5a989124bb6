/**
 * National statistics by DfE's method (issue 14). The public and DfE read published releases only
 * (`statisticsReleases`: complete, closed reporting years, a fixed frame, 1–2 as "c" with secondary suppression,
 * regional counts rounded to 10), also downloadable as CSV (open-data-routes.ts). The Panel (and Ofsted and admins,
 * who read every notification anyway) keep the live, exact view of any year (`nationalStatistics`). The Panel or an
 * admin closes a complete year and publishes its release (`closeStatisticsPeriod`, `publishStatisticsRelease`).
 */
import { createGraphQLError } from 'graphql-yoga';
import { z } from 'zod';
import {
  buildRelease,
  getLiveStatistics,
  listReportingYears,
  listStatisticsReleases,
  METHOD_VERSION,
} from '@cspr/read-models';
import type { LiveStatistics, StatisticsCell, StatisticsReleaseView } from '@cspr/read-models';
import type { OpenDataRow } from '@cspr/domain';
import { builder } from '../builder';
import { may, roleOf } from '../authorization';
import { awaitConsistency, CONSISTENT_AFTER_DESCRIPTION } from '../consistency';
import { commandIdSchema, parseInput, runCommand } from '../run-command';
import { mutationErrors } from './command-payload';
import { openDataPath } from '../open-data-routes';

const REPORTING_YEAR_DESCRIPTION =
  'DfE reporting year, labelled by the year it ends in: 2025 is April 2024 to March 2025.';

const StatisticsCellType = builder.objectRef<StatisticsCell & { areaName?: string }>('StatisticsCell').implement({
  description: 'An exact count of notifications (live view: not for publication).',
  fields: (t) => ({
    quarter: t.exposeString('quarter', { description: 'Total, or Q1 (April to June) to Q4 (January to March).' }),
    geographicLevel: t.exposeString('level'),
    areaCode: t.exposeString('area'),
    areaName: t.string({ nullable: true, resolve: (c) => c.areaName ?? null }),
    breakdownTopic: t.exposeString('topic'),
    breakdown: t.exposeString('breakdown'),
    natureOfNotification: t.exposeString('nature'),
    count: t.exposeInt('value'),
  }),
});

const LiveStatisticsType = builder.objectRef<LiveStatistics>('LiveStatistics').implement({
  description: "The Panel's live, exact tables of one reporting year by DfE's method; the running year included.",
  fields: (t) => ({
    reportingYear: t.exposeInt('reportingYear', { description: REPORTING_YEAR_DESCRIPTION }),
    label: t.exposeString('label', { description: '"Reporting year 2025".' }),
    complete: t.exposeBoolean('complete', {
      description: 'False while the year is still running: its figures will move.',
    }),
    national: t.field({ type: [StatisticsCellType], resolve: (s) => s.national }),
    regional: t.field({ type: [StatisticsCellType], resolve: (s) => s.regional }),
  }),
});

const OpenDataRowType = builder.objectRef<OpenDataRow>('OpenDataRow').implement({
  description:
    'One row of a published open-data file; `numberNotifications` is a number, "c" (suppressed) or a rounded figure.',
  fields: (t) => ({
    quarter: t.string({ resolve: (r) => r.quarter ?? '' }),
    geographicLevel: t.string({ resolve: (r) => r.geographic_level ?? '' }),
    areaCode: t.string({ resolve: (r) => r.new_la_code ?? r.region_code ?? r.country_code ?? '' }),
    areaName: t.string({ resolve: (r) => r.la_name ?? r.region_name ?? r.country_name ?? '' }),
    breakdownTopic: t.string({ resolve: (r) => r.breakdown_topic ?? '' }),
    breakdown: t.string({ resolve: (r) => r.breakdown ?? '' }),
    natureOfNotification: t.string({ resolve: (r) => r.nature_of_notification ?? '' }),
    numberNotifications: t.string({ resolve: (r) => r.number_notifications ?? '' }),
  }),
});

const DownloadsType = builder.objectRef<{ year: number }>('StatisticsReleaseDownloads').implement({
  description: "Paths of the release's CSV files in DfE's tidy open-data layout, on this server.",
  fields: (t) => ({
    national: t.string({ resolve: (d) => openDataPath(d.year, 'national') }),
    regional: t.string({ resolve: (d) => openDataPath(d.year, 'regional') }),
    localAuthority: t.string({ resolve: (d) => openDataPath(d.year, 'local-authority') }),
    metadata: t.string({ resolve: (d) => openDataPath(d.year, 'metadata') }),
  }),
});

const ReleaseType = builder.objectRef<StatisticsReleaseView>('StatisticsRelease').implement({
  description: 'A release of a closed reporting year: the files as published, never recomputed.',
  fields: (t) => ({
    reportingYear: t.exposeInt('reportingYear', { description: REPORTING_YEAR_DESCRIPTION }),
    label: t.exposeString('label'),
    closedOn: t.exposeString('closedOn'),
    publishedOn: t.exposeString('publishedOn', {
      nullable: true,
      description: 'Null while the closed period awaits its release (Panel only).',
    }),
    methodVersion: t.exposeString('methodVersion', { nullable: true }),
    national: t.field({ type: [OpenDataRowType], resolve: (r) => r.files?.national ?? [] }),
    regional: t.field({ type: [OpenDataRowType], resolve: (r) => r.files?.regional ?? [] }),
    localAuthority: t.field({ type: [OpenDataRowType], resolve: (r) => r.files?.localAuthority ?? [] }),
    downloads: t.field({
      type: DownloadsType,
      nullable: true,
      resolve: (r) => (r.publishedOn ? { year: r.reportingYear } : null),
    }),
  }),
});

const PUBLISHERS = new Set(['panel', 'admin']);

builder.queryField('statisticsReleases', (t) =>
  t.field({
    type: [ReleaseType],
    authScopes: may('statisticsReleases'),
    description:
      'Published statistics releases, newest first. Public. The Panel and admins may include closed periods awaiting release.',
    args: {
      includeUnpublished: t.arg.boolean({ required: false, description: 'Panel and admin only. Default false.' }),
      consistentAfter: t.arg.string({ required: false, description: CONSISTENT_AFTER_DESCRIPTION }),
    },
    resolve: async (_root, args, ctx) => {
      if (args.includeUnpublished && !PUBLISHERS.has(roleOf(ctx.principal))) {
        throw createGraphQLError('Only the Panel and admins see periods awaiting release', {
          extensions: { code: 'FORBIDDEN', field: 'includeUnpublished' },
        });
      }
      await awaitConsistency(ctx, args.consistentAfter);
      return listStatisticsReleases(ctx.services.sql, { includeUnpublished: args.includeUnpublished === true });
    },
  }),
);

builder.queryField('nationalStatistics', (t) =>
  t.field({
    type: [LiveStatisticsType],
    authScopes: may('nationalStatistics'),
    description:
      'Live, exact national statistics by DfE method (Panel, Ofsted and admins). The public and DfE read statisticsReleases.',
    args: {
      reportingYear: t.arg.int({
        required: false,
        description: `${REPORTING_YEAR_DESCRIPTION} Default: every year with a notification.`,
      }),
      consistentAfter: t.arg.string({ required: false, description: CONSISTENT_AFTER_DESCRIPTION }),
    },
    resolve: async (_root, args, ctx) => {
      await awaitConsistency(ctx, args.consistentAfter);
      const today = ctx.services.clock().toISOString().slice(0, 10);
      const years = args.reportingYear ? [args.reportingYear] : await listReportingYears(ctx.services.sql);
      return Promise.all(years.map((year) => getLiveStatistics(ctx.services.sql, year, { today })));
    },
  }),
);

const StatisticsReleasePayload = builder
  .objectRef<{ reportingYear: number; position: string; alreadyApplied: boolean }>('StatisticsReleasePayload')
  .implement({
    fields: (t) => ({
      reportingYear: t.exposeInt('reportingYear'),
      position: t.exposeString('position'),
      alreadyApplied: t.exposeBoolean('alreadyApplied'),
    }),
  });

const StatisticsReleaseInput = builder.inputType('StatisticsReleaseInput', {
  fields: (t) => ({
    commandId: t.string({
      required: false,
      description: 'Client-chosen id: a retried request with the same id is applied once.',
    }),
    reportingYear: t.int({ description: REPORTING_YEAR_DESCRIPTION }),
  }),
});

const releaseInput = z.object({ commandId: commandIdSchema, reportingYear: z.number().int().min(2019).max(2100) });

for (const [name, type, description] of [
  [
    'closeStatisticsPeriod',
    'CloseStatisticsPeriod',
    'Close a complete reporting year (Panel or admin): after 31 March; nothing is published yet.',
  ],
  [
    'publishStatisticsRelease',
    'PublishStatisticsRelease',
    "Publish a closed year's release (Panel or admin): its files are cut from the facts now and never change.",
  ],
] as const) {
  builder.mutationField(name, (t) =>
    t.field({
      type: StatisticsReleasePayload,
      authScopes: may(name),
      description,
      args: { input: t.arg({ type: StatisticsReleaseInput }) },
      errors: mutationErrors(`${name[0]!.toUpperCase()}${name.slice(1)}Result`),
      resolve: async (_root, args, ctx) => {
        const valid = parseInput(releaseInput, args.input);
        const { reportingYear } = valid;
        const command =
          type === 'CloseStatisticsPeriod'
            ? { type, data: { reportingYear } }
            : {
                type,
                data: {
                  reportingYear,
                  methodVersion: METHOD_VERSION,
                  files: await buildRelease(ctx.services.sql, reportingYear),
                },
              };
        const outcome = await runCommand(ctx, command, valid.commandId);
        return {
          reportingYear: valid.reportingYear,
          position: outcome.position,
          alreadyApplied: outcome.alreadyApplied,
        };
      },
    }),
  );
}
