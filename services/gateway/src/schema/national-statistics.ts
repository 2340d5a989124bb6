/**
 * `nationalStatistics`: notifications by year (April–March) and breakdowns. The public and partnerships get the
 * published view (counts of 1–2 shown as "c"); the Panel, Ofsted and admins may ask for exact counts.
 */
import { getNationalStatistics } from '@cspr/read-models';
import type { Breakdown, NationalStatistics, Share, StatCell, YearStatistics } from '@cspr/read-models';
import { builder } from '../builder';
import { may } from '../authorization';
import { awaitConsistency, CONSISTENT_AFTER_DESCRIPTION } from '../consistency';
import { badInput } from '../read-access';

const StatCellType = builder.objectRef<StatCell>('StatCell').implement({
  description: 'A count: `value` is null when suppressed; `display` is the number or "c".',
  fields: (t) => ({ value: t.exposeInt('value', { nullable: true }), display: t.exposeString('display') }),
});

const BreakdownItemType = builder.objectRef<Breakdown[number]>('BreakdownItem').implement({
  fields: (t) => ({ key: t.exposeString('key'), label: t.exposeString('label'), count: t.field({ type: StatCellType, resolve: (b) => b.count }) }),
});

const ShareType = builder.objectRef<Share>('Share').implement({
  fields: (t) => ({
    numerator: t.field({ type: StatCellType, resolve: (s) => s.numerator }),
    denominator: t.field({ type: StatCellType, resolve: (s) => s.denominator }),
    percent: t.exposeFloat('percent', { nullable: true }),
    display: t.exposeString('display'),
  }),
});

const YearType = builder.objectRef<YearStatistics>('YearStatistics').implement({
  fields: (t) => ({
    year: t.exposeString('year', { description: '"2024-25": April 2024 to March 2025.' }),
    notifications: t.field({ type: StatCellType, resolve: (y) => y.notifications }),
    children: t.field({ type: StatCellType, resolve: (y) => y.children }),
    byQuarter: t.field({ type: [BreakdownItemType], resolve: (y) => y.byQuarter }),
    byNature: t.field({ type: [BreakdownItemType], resolve: (y) => y.byNature }),
    byRegion: t.field({ type: [BreakdownItemType], resolve: (y) => y.byRegion }),
    byLocalAuthority: t.field({ type: [BreakdownItemType], resolve: (y) => y.byLocalAuthority }),
    childrenByAgeBand: t.field({ type: [BreakdownItemType], resolve: (y) => y.childrenByAgeBand }),
    childrenBySex: t.field({ type: [BreakdownItemType], resolve: (y) => y.childrenBySex }),
    childrenByEthnicity: t.field({ type: [BreakdownItemType], resolve: (y) => y.childrenByEthnicity }),
    notifiedWithin5WorkingDays: t.field({ type: ShareType, resolve: (y) => y.notifiedWithin5WorkingDays }),
    rapidReviewsWithin15WorkingDays: t.field({ type: ShareType, resolve: (y) => y.rapidReviewsWithin15WorkingDays }),
  }),
});

const StatisticsType = builder.objectRef<NationalStatistics>('NationalStatistics').implement({
  fields: (t) => ({
    suppressed: t.exposeBoolean('suppressed', { description: 'True when counts of 2 or fewer are shown as "c".' }),
    years: t.field({ type: [YearType], resolve: (s) => s.years }),
  }),
});

builder.queryField('nationalStatistics', (t) =>
  t.field({
    type: StatisticsType,
    args: {
      year: t.arg.string({ required: false, description: 'e.g. "2025-26".' }),
      exact: t.arg.boolean({ required: false, description: 'Exact counts (Panel, Ofsted, DfE, admins). Default false: the published, suppressed view.' }),
      consistentAfter: t.arg.string({ required: false, description: CONSISTENT_AFTER_DESCRIPTION }),
    },
    // The published view is everyone's; exact counts are a row of their own in ACCESS_POLICY.
    authScopes: (_root, args) => may(args.exact ? 'nationalStatisticsExact' : 'nationalStatistics'),
    resolve: async (_root, args, ctx) => {
      if (args.year && !/^\d{4}-\d{2}$/.test(args.year)) throw badInput('year must look like 2025-26', 'year');
      await awaitConsistency(ctx, args.consistentAfter);
      return getNationalStatistics(ctx.services.sql, { publicView: !args.exact, ...(args.year ? { year: args.year } : {}) });
    },
  }),
);
