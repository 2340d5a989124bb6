/**
 * The release desk (Panel and admins): DfE signs off its own releases, so closing a complete reporting year and
 * then publishing its release are two deliberate steps, each an event that says who did it. The page lists every
 * year with where it stands and offers only the next step that year can take; the gateway still decides (a year
 * that is not complete, or already closed, is refused with its reason, shown here as a notice).
 */
import { button, notice, table, warning } from '../app/components';
import { formatDate } from '../app/deadline';
import { html } from '../app/html';
import { CLOSE_STATISTICS_PERIOD, PUBLISH_STATISTICS_RELEASE, STATISTICS_RELEASE_DESK } from '../operations';
import type { PageContext } from '../server/page';

type Year = { reportingYear: number; label: string; complete: boolean };
type Release = { reportingYear: number; label: string; closedOn: string; publishedOn: string | null };
type Payload = { __typename: string; position?: string; message?: string };

const PATH = '/panel/statistics/releases';
const DONE: Record<string, string> = {
  closed: 'The reporting year was closed. Publish its release when DfE has signed it off.',
  published: 'The release was published. Its figures and files will not change.',
};

export const statisticsReleasesPage = async (ctx: PageContext) => {
  let problem: string | undefined;
  if (ctx.method === 'POST') {
    const reportingYear = Number(ctx.form.get('reportingYear'));
    const publish = ctx.form.get('action') === 'publish';
    if (!Number.isInteger(reportingYear)) {
      problem = 'Choose a reporting year';
    } else {
      const answer = await ctx.gateway<Record<string, Payload>>(
        publish ? PUBLISH_STATISTICS_RELEASE : CLOSE_STATISTICS_PERIOD,
        { input: { reportingYear } },
      );
      const payload = answer[publish ? 'publishStatisticsRelease' : 'closeStatisticsPeriod']!;
      if (payload.__typename === 'StatisticsReleasePayload') {
        ctx.redirect(`${PATH}?done=${publish ? 'published' : 'closed'}`, payload.position);
        return;
      }
      problem = payload.message ?? 'The reporting year could not be changed';
    }
  }
  const { nationalStatistics, statisticsReleases } = await ctx.gateway<{
    nationalStatistics: Year[];
    statisticsReleases: Release[];
  }>(STATISTICS_RELEASE_DESK, {});
  const releases = new Map(statisticsReleases.map((r) => [r.reportingYear, r]));
  const years = [...new Set([...nationalStatistics, ...statisticsReleases].map((y) => y.reportingYear))].sort(
    (a, b) => b - a,
  );
  const labelOf = (year: number) =>
    releases.get(year)?.label ?? nationalStatistics.find((y) => y.reportingYear === year)?.label ?? String(year);
  const step = (year: number, action: 'close' | 'publish', text: string) =>
    html`<form method="post" action="${PATH}" novalidate>${ctx.csrf}
      <input type="hidden" name="reportingYear" value="${String(year)}">
      ${button({ text, name: 'action', value: action, secondary: action === 'close' })}</form>`;
  const rows = years.map((year) => {
    const release = releases.get(year);
    const complete = nationalStatistics.find((y) => y.reportingYear === year)?.complete ?? true;
    const label = labelOf(year);
    if (release?.publishedOn) return [label, `Published ${formatDate(release.publishedOn)}`, ''];
    if (release) {
      return [
        label,
        `Closed ${formatDate(release.closedOn)}, not yet published`,
        step(year, 'publish', `Publish ${label}`),
      ];
    }
    if (!complete) return [label, 'Running: the year has not ended', ''];
    return [label, 'Complete, not closed', step(year, 'close', `Close ${label}`)];
  });
  const done = DONE[ctx.query.get('done') ?? ''];
  ctx.render(
    'Statistics releases',
    html`
    ${done ? notice(done, 'success') : ''}
    ${problem ? notice(problem) : ''}
    <h1 class="govuk-heading-l">Statistics releases</h1>
    <p class="govuk-body">A reporting year runs from April to March. When it has ended, close it; when DfE has signed off its figures, publish its release. The public, DfE and partnerships then see it on <a class="govuk-link" href="/statistics">the published statistics</a>.</p>
    ${warning('A published release never changes, even if a notification in that year is amended later.')}
    ${
      rows.length
        ? table({
            caption: 'Reporting years',
            captionClass: 'govuk-table__caption--m',
            head: ['Reporting year', 'Where it stands', 'Next step'],
            rows,
          })
        : html`<p class="govuk-body">No notifications have been recorded yet, so there is no year to release.</p>`
    }`,
  );
};
