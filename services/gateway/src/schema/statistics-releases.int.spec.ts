import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { waitForPosition } from '@cspr/read-models';
import { startGatewayFixture, type GatewayFixture } from '../gateway.fixture';
import { lifecycle } from '../lifecycle.fixture';

const panel = { role: 'panel' } as const;
const dfe = { role: 'dfe', sub: 'dora' } as const;
let f: GatewayFixture;
let lc: ReturnType<typeof lifecycle>;
const csv = async (path: string) => f.gateway.yoga.fetch(`http://gateway${path}`);
const release = (name: 'closeStatisticsPeriod' | 'publishStatisticsRelease', year = 2026) =>
  f.graphql(
    panel,
    `mutation($input: StatisticsReleaseInput!) { ${name}(input: $input) { __typename ... on StatisticsReleasePayload { position } ... on ClientError { code message } } }`,
    { input: { reportingYear: year } },
  );
const settle = async (position?: string) => {
  await waitForPosition(f.db.sql, lc.lastPosition(), 10_000);
  if (position)
    await f.graphql(panel, 'query($p: String) { statisticsReleases(consistentAfter: $p) { label } }', { p: position });
};

beforeAll(async () => {
  f = await startGatewayFixture();
  lc = lifecycle(f.gateway.commands);
  // Notified on 10 March 2026: reporting year 2026 (April 2025 to March 2026).
  for (let i = 0; i < 4; i += 1) await lc.notified();
  await lc.notified('bradford');
  await settle();
});
afterAll(async () => f?.close());

describe('statistics releases over GraphQL and HTTP', () => {
  it('the Panel sees the running year live and exact; DfE and the public are refused it', async () => {
    const live = await f.graphql(
      panel,
      'query { nationalStatistics(reportingYear: 2026) { label complete national { quarter breakdownTopic breakdown natureOfNotification count } } }',
    );
    const [year] = live.data!.nationalStatistics;
    expect(year).toMatchObject({ label: 'Reporting year 2026', complete: false });
    expect(
      year.national.find(
        (c: Record<string, string>) =>
          c.quarter === 'Total' && c.breakdownTopic === 'Total' && c.natureOfNotification === 'Serious harm',
      ).count,
    ).toBe(5);
    for (const caller of [dfe, 'public'] as const) {
      expect((await f.graphql(caller, 'query { nationalStatistics { label } }')).errors![0]!.extensions).toMatchObject({
        code: 'FORBIDDEN',
      });
    }
  });

  it('a running year can neither close nor be published; nothing is public yet', async () => {
    expect((await release('closeStatisticsPeriod')).data!.closeStatisticsPeriod).toMatchObject({
      __typename: 'IllegalStateError',
    });
    expect((await f.graphql('public', 'query { statisticsReleases { label } }')).data!.statisticsReleases).toEqual([]);
    expect((await csv('/statistics/releases/2026/national.csv')).status).toBe(404);
  });

  it('once closed and published, the public and DfE read the release and download its CSV files', async () => {
    f.clock.set('2026-04-02T09:00:00Z');
    expect((await release('publishStatisticsRelease')).data!.publishStatisticsRelease).toMatchObject({
      __typename: 'IllegalStateError',
    });
    await release('closeStatisticsPeriod');
    const published = await release('publishStatisticsRelease');
    await settle(published.data!.publishStatisticsRelease.position);
    const [seen] = (
      await f.graphql(
        dfe,
        'query { statisticsReleases { label publishedOn downloads { national metadata } national { quarter breakdownTopic breakdown natureOfNotification numberNotifications } } }',
      )
    ).data!.statisticsReleases;
    expect(seen).toMatchObject({
      label: 'Reporting year 2026',
      publishedOn: '2026-04-02',
      downloads: { national: '/statistics/releases/2026/national.csv' },
    });
    const total = (nature: string) =>
      seen.national.find(
        (r: Record<string, string>) =>
          r.quarter === 'Total' && r.breakdownTopic === 'Total' && r.natureOfNotification === nature,
      ).numberNotifications;
    expect([total('Total'), total('Serious harm'), total('Child death')]).toEqual(['5', '5', '0']);

    const response = await csv(seen.downloads.national);
    expect(response.headers.get('content-type')).toMatch(/^text\/csv/);
    const rows = parse(await response.text(), { columns: true }) as Record<string, string>[];
    expect(Object.keys(rows[0]!)).toEqual([
      'time_period',
      'time_identifier',
      'quarter',
      'geographic_level',
      'country_code',
      'country_name',
      'breakdown_topic',
      'breakdown',
      'nature_of_notification',
      'number_notifications',
    ]);
    expect(rows).toContainEqual({
      time_period: '2026',
      time_identifier: 'Reporting year',
      quarter: 'Total',
      geographic_level: 'National',
      country_code: 'E92000001',
      country_name: 'England',
      breakdown_topic: 'Total',
      breakdown: 'Total',
      nature_of_notification: 'Serious harm',
      number_notifications: '5',
    });
    const regional = parse(await (await csv('/statistics/releases/2026/regional.csv')).text(), {
      columns: true,
    }) as Record<string, string>[];
    // Leeds 4 + Bradford 1 = 5 in Yorkshire and The Humber: rounded to the nearest 10.
    expect(
      regional.find((r) => r.region_name === 'Yorkshire and The Humber' && r.nature_of_notification === 'Total')
        ?.number_notifications,
    ).toBe('10');
    const la = parse(await (await csv('/statistics/releases/2026/local-authority.csv')).text(), {
      columns: true,
    }) as Record<string, string>[];
    // Bradford's 1 is "c"; England's 5 - Leeds's 4 would give it away, so Leeds is hidden too.
    expect(la.find((r) => r.la_name === 'Bradford' && r.nature_of_notification === 'Total')?.number_notifications).toBe(
      'c',
    );
    expect(la.find((r) => r.la_name === 'Leeds' && r.nature_of_notification === 'Total')).toMatchObject({
      new_la_code: 'E08000035',
      old_la_code: '383',
      number_notifications: 'c',
    });
    expect(
      la.find((r) => r.la_name === 'Leeds' && r.nature_of_notification === 'Child death')?.number_notifications,
    ).toBe('0');
    expect((await (await csv('/statistics/releases/2026/metadata.csv')).text()).split('\n')[0]).toBe(
      'col_name,col_type,label,files,description',
    );
  });

  it('a notification made after the release cannot be seen in it', async () => {
    const before = await (await csv('/statistics/releases/2026/national.csv')).text();
    await lc.notified();
    await settle();
    expect(await (await csv('/statistics/releases/2026/national.csv')).text()).toBe(before);
    expect((await release('publishStatisticsRelease')).data!.publishStatisticsRelease).toMatchObject({
      __typename: 'IllegalStateError',
    });
  });
});
