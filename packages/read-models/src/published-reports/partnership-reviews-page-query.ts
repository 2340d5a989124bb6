/**
 * A partnership's public page of reviews, as partnerships lay them out: every published review it owns grouped by
 * kind, newest first (reviews of the same month in the order their page gave them), then reviews of other areas
 * that concern its services — those the platform knows of (a review naming it as a concerned partnership) and
 * those its own page listed (imported history) — each with that area's name.
 */
import type { Sql } from 'postgres';
import type { ListingKind, PublishedDocument, PublishedReportRow } from './published-reports-projection';

export type PartnershipReviewEntry = {
  reviewId: string;
  listingKind: ListingKind;
  caseName: string;
  publishedOn: string;
  /** The partnership or area whose review this is, when it is not the page's own. */
  otherArea: string | null;
  historic: boolean;
  documents: PublishedDocument[];
};

export type PartnershipReviewsPage = {
  /** Reviews the partnership published, in page order. */
  own: PartnershipReviewEntry[];
  /** Reviews of other areas that mention its services. */
  mentioning: PartnershipReviewEntry[];
};

type Row = PublishedReportRow & { owner_name: string | null };

const toEntry = (row: Row, otherArea: string | null): PartnershipReviewEntry => ({
  reviewId: row.review_id,
  listingKind: row.listing_kind,
  caseName: row.case_name ?? row.title ?? '',
  publishedOn: row.published_on!,
  otherArea,
  historic: row.historic,
  documents: row.documents,
});

export const getPartnershipReviewsPage = async (sql: Sql, partnershipId: string): Promise<PartnershipReviewsPage> => {
  const rows = await sql<Row[]>`
    select r.*, p.name as owner_name
    from read_models.published_reports r left join read_models.partnerships p on p.partnership_id = r.partnership_id
    where r.published_on is not null
      and (r.partnership_ids @> ${JSON.stringify([partnershipId])}::text::jsonb or r.concerned_ids @> ${JSON.stringify([partnershipId])}::text::jsonb)
    order by r.published_on desc, r.listing_position asc nulls last, r.review_id`;
  const own: PartnershipReviewEntry[] = [];
  const mentioning: PartnershipReviewEntry[] = [];
  for (const row of rows) {
    if (row.other_area) mentioning.push(toEntry(row, row.other_area));
    else if (row.partnership_id === partnershipId) own.push(toEntry(row, null));
    else
      mentioning.push(
        toEntry(row, row.kind === 'national' ? 'National review' : (row.owner_name ?? row.partnership_id)),
      );
  }
  return { own, mentioning };
};

/**
 * Where a stored document may be served from: only a document of a published review, with its title. A file that
 * only erased reviews list is `withdrawn` (its bytes are deleted: withdrawn-documents.ts); one a review still
 * listed whole lists too is served under that review's name (one that stores it before one linking elsewhere).
 */
export const findPublishedDocument = async (
  sql: Sql,
  sha256: string,
): Promise<{ title: string; caseName: string; published: string } | { withdrawn: true } | undefined> => {
  const [row] = await sql<{ title: string; case_name: string | null; published: string; withdrawn: boolean }[]>`
    select d->>'title' as title, r.case_name, coalesce(d->>'published', r.published_on) as published,
      (d->>'withdrawn') is not distinct from 'true' as withdrawn
    from read_models.published_reports r, jsonb_array_elements(r.documents) d
    where r.published_on is not null and d->>'checksum' = ${sha256}
    order by withdrawn, d->>'address' = '/documents/' || ${sha256} desc, r.published_on desc limit 1`;
  if (!row) return undefined;
  if (row.withdrawn) return { withdrawn: true };
  return { title: row.title, caseName: row.case_name ?? '', published: row.published };
};
