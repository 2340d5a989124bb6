/**
 * The statistics pages against the real gateway (tokens minted per role, real database and projector): the page
 * functions run with the caller's gateway call, as the signed-in web server runs them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { html } from '../app/html';
import { startGatewayUnderTest, type GatewayUnderTest, type TokenRequest } from '../gateway-under-test.fixture';
import type { PageContext } from '../server/page';
import { liveStatisticsPage, statisticsPage } from './statistics-page';
import { statisticsReleasesPage } from './statistics-releases-page';

let backEnd: GatewayUnderTest;
const tokens = new Map<string, string>();
const tokenFor = async (request: TokenRequest) => {
  const key = JSON.stringify(request);
  if (!tokens.has(key)) tokens.set(key, await backEnd.tokenFor(request));
  return tokens.get(key)!;
};

/** Renders a page as `who` would get it: the gateway answers to that caller's token; the body as HTML text. */
const render = async (
  page: (ctx: PageContext) => unknown,
  who: TokenRequest,
  roles: string[],
  year?: string,
  format?: 'csv',
) => {
  const token = await tokenFor(who);
  let body = '';
  const ctx = {
    method: 'GET',
    params: {},
    query: new URLSearchParams({ ...(year ? { year } : {}), ...(format ? { format } : {}) }),
    form: new URLSearchParams(),
    user: { subject: who.sub ?? who.role, displayName: who.role, email: `${who.role}@example.gov.uk`, roles },
    gateway: (document: string, variables?: Record<string, unknown>) => backEnd.graphqlAs(token, document, variables),
    csrf: html``,
    render: (title: string, content: unknown) => {
      body = `<title>${title}</title>${String(content)}`;
    },
    redirect: () => undefined,
    sendCsv: (filename: string, csv: string) => {
      body = `${filename}\n${csv}`;
    },
  } as unknown as PageContext;
  await page(ctx);
  return body;
};

/** Posts a form as `who`: the page either redirects (with the write's position) or renders a body with a notice. */
const post = async (
  page: (ctx: PageContext) => unknown,
  who: TokenRequest,
  roles: string[],
  form: Record<string, string>,
) => {
  const token = await tokenFor(who);
  const outcome: { body: string; redirectedTo?: string; position?: string | null } = { body: '' };
  const ctx = {
    method: 'POST',
    params: {},
    query: new URLSearchParams(),
    form: new URLSearchParams(form),
    user: { subject: who.sub ?? who.role, displayName: who.role, email: `${who.role}@example.gov.uk`, roles },
    gateway: (document: string, variables?: Record<string, unknown>) => backEnd.graphqlAs(token, document, variables),
    csrf: html``,
    render: (title: string, content: unknown) => {
      outcome.body = `<title>${title}</title>${String(content)}`;
    },
    redirect: (to: string, position?: string | null) => {
      outcome.redirectedTo = to;
      outcome.position = position;
    },
  } as unknown as PageContext;
  await page(ctx);
  return outcome;
};

const panel: TokenRequest = { role: 'panel' };
const dfe: TokenRequest = { role: 'dfe', sub: 'dora' };
const leeds: TokenRequest = { role: 'partnership', partnership: 'leeds' };
const NOTIFY = `mutation($input: NotifyIncidentInput!) { notifyIncident(input: $input) { __typename ... on IncidentPayload { position } } }`;
const releasesAfter = async (position: string) =>
  backEnd.graphqlAs(
    await tokenFor(panel),
    'query($p: String) { statisticsReleases(includeUnpublished: true, consistentAfter: $p) { label } }',
    { p: position },
  );

beforeAll(async () => {
  backEnd = await startGatewayUnderTest();
  // Three notifications about 300 days ago: in the reporting year ended 31 March 2026 (when run in 2026-27).
  backEnd.setClockOffsetDays(-300);
  const day = new Date(Date.now() - 300 * 86_400_000).toISOString().slice(0, 10);
  for (let i = 0; i < 3; i += 1) {
    await backEnd.graphqlAs(await tokenFor(leeds), NOTIFY, {
      input: {
        localAuthorityCode: 'E08000035',
        nature: 'SERIOUS_HARM',
        becameAwareOn: day,
        incidentOn: day,
        children: [
          {
            childRef: 'child-1',
            name: 'Stats Child',
            ageInYears: 9,
            sex: 'FEMALE',
            ethnicity: 'WHITE',
            disability: 'NO',
            placement: 'AT_HOME',
            lookedAfter: false,
            childInNeedPlan: false,
            childProtectionPlan: false,
            knownToAgencies: 'YES',
          },
        ],
        notifier: { name: 'N', role: 'R', email: 'n@leeds.gov.uk' },
        location: 'L',
        caseOutline: 'O',
      },
    });
  }
  backEnd.setClockOffsetDays(0);
}, 120_000);
afterAll(async () => backEnd?.close());

describe('statistics pages', () => {
  it('before any release, the public page says so and shows no figures; the Panel sees the live, exact count', async () => {
    expect(await render(statisticsPage, dfe, ['dfe'])).toContain('No release has been published yet.');
    const live = await render(liveStatisticsPage, panel, ['panel']);
    expect(live).toContain('not for publication');
    expect(live).toMatch(/Reporting year \d{4}/);
    expect(live).toContain('Serious harm');
    expect(live).toContain('href="/panel/statistics/releases"');
    // Ofsted reads the live figures but does not release them: no link to the desk.
    expect(await render(liveStatisticsPage, { role: 'ofsted' }, ['ofsted'])).not.toContain(
      '/panel/statistics/releases',
    );
  });

  it('the Panel downloads the live figures of the year on the page as CSV, exact', async () => {
    const live = await render(liveStatisticsPage, panel, ['panel']);
    const year = live.match(/Reporting year (\d{4})/)![1]!;
    expect(live).toContain(`/panel/statistics?year=${year}&amp;format=csv`);
    const [filename, head, ...rows] = (await render(liveStatisticsPage, panel, ['panel'], year, 'csv'))
      .trim()
      .split(/\r?\n/);
    expect(filename).toBe(`live-statistics-${year}.csv`);
    expect(head).toBe(
      'reporting_year,quarter,geographic_level,area_code,area_name,breakdown_topic,breakdown,nature_of_notification,number_notifications',
    );
    expect(rows).toContain(`${year},Total,National,E92000001,,Total,Total,Serious harm,3`);
  });

  it('after the Panel publishes a release, DfE and the public see it with its downloads; the Panel still has the live view', async () => {
    const year = Number((await render(liveStatisticsPage, panel, ['panel'])).match(/Reporting year (\d{4})/)![1]);
    // The Panel closes, then publishes, through the release desk's forms (POST, redirect with the position).
    const desk = await render(statisticsReleasesPage, panel, ['panel']);
    expect(desk).toContain(`Close Reporting year ${year}`);
    expect(desk).not.toContain(`Publish Reporting year ${year}`);
    const closed = await post(statisticsReleasesPage, panel, ['panel'], {
      action: 'close',
      reportingYear: String(year),
    });
    expect(closed.redirectedTo).toBe('/panel/statistics/releases?done=closed');
    await releasesAfter(closed.position!);
    const afterClose = await render(statisticsReleasesPage, panel, ['panel']);
    expect(afterClose).toContain('not yet published');
    expect(afterClose).toContain(`Publish Reporting year ${year}`);
    // Closing twice is refused by the gateway with its reason, shown on the page; nothing else changes.
    const again = await post(statisticsReleasesPage, panel, ['panel'], {
      action: 'close',
      reportingYear: String(year),
    });
    expect(again.redirectedTo).toBeUndefined();
    expect(again.body).toContain('govuk-notification-banner');
    const published = await post(statisticsReleasesPage, panel, ['panel'], {
      action: 'publish',
      reportingYear: String(year),
    });
    expect(published.redirectedTo).toBe('/panel/statistics/releases?done=published');
    await releasesAfter(published.position!);
    expect(await render(statisticsReleasesPage, panel, ['panel'])).toMatch(/Published \d{1,2} \w+ \d{4}/);
    for (const who of [dfe, leeds]) {
      const page = await render(statisticsPage, who, [who.role]);
      expect(page).toContain(`Reporting year ${year}`);
      expect(page).toContain(`/statistics/releases/${year}/national.csv`);
      // 3 notifications: exact nationally, "c" nowhere needed for the total; Yorkshire rounded to the nearest 10 (0 would mean none, so "c").
      expect(page).toContain('Notifications by region (rounded to the nearest 10)');
      expect(page).not.toContain('not for publication');
    }
    const csv = await backEnd.fetch(`http://web.test/statistics/releases/${year}/national.csv`, { method: 'GET' });
    expect((await csv.text()).split('\n')[0]).toBe(
      'time_period,time_identifier,quarter,geographic_level,country_code,country_name,breakdown_topic,breakdown,nature_of_notification,number_notifications',
    );
    expect(await render(liveStatisticsPage, panel, ['panel'], String(year))).toContain(
      'Notifications by region (exact)',
    );
    // A partnership on the Panel's address gets the published view, not the live one.
    expect(await render(liveStatisticsPage, leeds, ['partnership'])).not.toContain('not for publication');
  });
});
