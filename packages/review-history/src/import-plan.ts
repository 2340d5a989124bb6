/**
 * Brings a partnership's published history into the log: reads its listing (the page's text, or a CSV), plans one
 * RecordReviewHistory per case, prints what it understood and every line it could not place, and records only when
 * asked to. Review ids and command ids derive from the partnership and the case, so a second run writes nothing.
 */
import { createHash } from 'node:crypto';
import { uuidV5, type CommandHandler } from '@cspr/application';
import type { Actor, HistoricDocument, RecordReviewHistory, ReviewListingKind } from '@cspr/domain';
import { monthLabel } from './listing-words';
import { readListing, type ListingLine, type ListingReading } from './read-listing';
import { readListingCsv } from './read-listing-csv';

/** The operator running the importer, as the log records it. */
export const HISTORY_IMPORT_ACTOR: Actor = { userId: 'system-review-history-import', role: 'admin' };

export type PlannedReview = { command: RecordReviewHistory['data']; display: string[] };

export type ImportPlan = {
  partnershipId: string;
  reviews: PlannedReview[];
  emptyKinds: ReviewListingKind[];
  notPlaced: ListingLine[];
};

export type ImportOutcome = { recorded: number; unchanged: number; refused: { caseName: string; reason: string }[] };

const REVIEW_NAMESPACE = 'b7d1f0a2-5c1e-4a8e-9f5d-2e7c4b9a6d31';

const monthOf = (published: { year: number; month: number } | null): string | null =>
  published ? `${published.year}-${String(published.month).padStart(2, '0')}` : null;

export const readListingFile = (fileName: string, text: string): ListingReading =>
  fileName.toLowerCase().endsWith('.csv') ? readListingCsv(text) : readListing(text);

export const planImport = (
  partnershipId: string,
  reading: ListingReading,
  source: 'web-page-text' | 'csv',
): ImportPlan => {
  const notPlaced = [...reading.notPlaced];
  const reviews: PlannedReview[] = [];
  for (const listed of reading.reviews) {
    const firstLine = listed.documents[0]?.line ?? 0;
    if (!listed.documents.some((d) => d.published)) {
      notPlaced.push({
        line: firstLine,
        text: listed.caseName,
        reason: 'no document of this case has a date: nothing to date the review by',
      });
      continue;
    }
    const documents: HistoricDocument[] = listed.documents.map((d) => ({
      // Every kind the reader knows is a kind of the platform's vocabulary.
      kind: d.kind,
      title: d.title,
      publishedMonth: monthOf(d.published),
      ...(d.note ? { note: d.note } : {}),
    }));
    const identity = `${partnershipId}|${listed.kind}|${listed.caseName.toLowerCase()}|${listed.otherArea ?? ''}`;
    reviews.push({
      command: {
        reviewId: uuidV5(identity, REVIEW_NAMESPACE),
        partnershipId,
        listingKind: listed.kind,
        caseName: listed.caseName,
        otherArea: listed.otherArea ?? null,
        documents,
        listingPosition: firstLine,
        source,
      },
      display: listed.documents.map(
        (d) =>
          [listed.caseName, d.title, d.published ? monthLabel(d.published) : 'undated'].join(' – ') +
          (d.note ? ` (${d.note})` : ''),
      ),
    });
  }
  return {
    partnershipId,
    reviews,
    emptyKinds: reading.emptyKinds,
    notPlaced: notPlaced.sort((a, b) => a.line - b.line),
  };
};

const KIND_HEADINGS: Record<ReviewListingKind, string> = {
  'child-safeguarding-practice-review': 'Child safeguarding practice reviews',
  'serious-case-review': 'Serious case reviews',
  'partnership-review': 'Partnership and learning reviews',
  'thematic-review': 'Thematic reviews',
  'national-review': 'National reviews',
};

export const describePlan = (plan: ImportPlan): string => {
  const lines: string[] = [
    `Published history of ${plan.partnershipId}: ${plan.reviews.length} case(s), ${plan.reviews.reduce((n, r) => n + r.display.length, 0)} document(s).`,
  ];
  for (const [kind, heading] of Object.entries(KIND_HEADINGS) as [ReviewListingKind, string][]) {
    const cases = plan.reviews.filter((r) => r.command.listingKind === kind);
    if (cases.length === 0 && !plan.emptyKinds.includes(kind)) continue;
    lines.push('', `${heading}:`);
    if (cases.length === 0) lines.push('  none at this time (the listing says so)');
    for (const review of cases) {
      const area = review.command.otherArea ? ` — another area's review: ${review.command.otherArea}` : '';
      lines.push(`  ${review.command.caseName}${area}`, ...review.display.map((d) => `    ${d}`));
    }
  }
  lines.push(
    '',
    `Lines not placed (${plan.notPlaced.length}):`,
    ...plan.notPlaced.map((l) => `  line ${l.line}: ${l.reason}: ${l.text.slice(0, 100)}`),
  );
  return lines.join('\n');
};

export const applyImport = async (
  handler: CommandHandler,
  plan: ImportPlan,
  actor: Actor = HISTORY_IMPORT_ACTOR,
): Promise<ImportOutcome> => {
  const outcome: ImportOutcome = { recorded: 0, unchanged: 0, refused: [] };
  for (const { command } of plan.reviews) {
    // The command id names the entry's content: the same entry again is an idempotent retry, a changed one is new.
    const digest = createHash('sha256').update(JSON.stringify(command)).digest('hex').slice(0, 32);
    try {
      const result = await handler.execute(
        { type: 'RecordReviewHistory', data: command },
        {
          actor,
          commandId: `review-history-${command.reviewId}-${digest}`,
          correlationId: `review-history-${plan.partnershipId}`,
        },
      );
      if (result.events.length > 0 && !result.alreadyApplied) outcome.recorded += 1;
      else outcome.unchanged += 1;
    } catch (error) {
      outcome.refused.push({ caseName: command.caseName, reason: (error as Error).message });
    }
  }
  return outcome;
};
