/**
 * Queries of the learning read model: one review's learning with each action's overdue flag (computed for `today`),
 * the reviews a partnership sees because they concern it, the learning library (NSPCC record shape) and the Panel's
 * recurring themes across partnerships.
 */
import type { Sql } from 'postgres';
import { isActionOverdue, recurringThemes, type RecurringTheme } from '@cspr/domain';
import { MAX_PAGE_SIZE, pageSize } from '../cursor';
import { resolveToday, type TodayOptions } from '../deadline-view';
import type {
  LearningActionRow,
  LearningItemRow,
  LearningPublicationRow,
  LearningRecommendationRow,
  ReviewLearningRow,
} from './learning-projection';

/** Why a review is in a partnership's list: it owns or covers it, or the review names its services. */
export type ListedBecause = 'own' | 'mentions-our-services';

export type LearningActionView = LearningActionRow & { overdue: boolean };

export type ReviewLearningView = {
  reviewId: string;
  kind: string;
  ownerPartnershipId: string | null;
  partnershipIds: string[];
  concernedPartnershipIds: string[];
  referralIds: string[];
  linkedReviewIds: string[];
  title: string | null;
  theme: string | null;
  status: ReviewLearningRow['status'];
  commissionedOn: string;
  finalReportRecipients: string[];
  finalReportSubmittedOn: string | null;
  publication: LearningPublicationRow | null;
  learningItems: LearningItemRow[];
  learningThemes: string[];
  recommendations: LearningRecommendationRow[];
  actions: LearningActionView[];
  overdueActionCount: number;
};

const toView = (row: ReviewLearningRow, today: string): ReviewLearningView => {
  const actions = row.actions.map((a) => ({
    ...a,
    overdue: isActionOverdue({ status: a.status as 'not-started', dueOn: a.dueOn }, today),
  }));
  return {
    reviewId: row.review_id,
    kind: row.kind,
    ownerPartnershipId: row.owner_partnership_id,
    partnershipIds: row.partnership_ids,
    concernedPartnershipIds: row.concerned_partnership_ids,
    referralIds: row.referral_ids,
    linkedReviewIds: row.linked_review_ids,
    title: row.title,
    theme: row.theme,
    status: row.status,
    commissionedOn: row.commissioned_on,
    finalReportRecipients: row.final_report_recipients,
    finalReportSubmittedOn: row.final_report_submitted_on,
    publication: row.publication,
    learningItems: row.learning_items,
    learningThemes: row.learning_themes,
    recommendations: row.recommendations,
    actions,
    overdueActionCount: actions.filter((a) => a.overdue).length,
  };
};

export const getReviewLearning = async (
  sql: Sql,
  reviewId: string,
  options: TodayOptions = {},
): Promise<ReviewLearningView | null> => {
  const rows = await sql<ReviewLearningRow[]>`select * from read_models.review_learning where review_id = ${reviewId}`;
  return rows[0] ? toView(rows[0], resolveToday(options).today) : null;
};

const listedBecause = (row: ReviewLearningRow, partnershipId: string): ListedBecause =>
  row.owner_partnership_id === partnershipId || row.partnership_ids.includes(partnershipId)
    ? 'own'
    : 'mentions-our-services';

const partnershipFilter = (sql: Sql, partnershipId: string | undefined) => {
  if (partnershipId === undefined) return sql``;
  const one = JSON.stringify([partnershipId]);
  return sql`and (owner_partnership_id = ${partnershipId} or partnership_ids @> ${one}::text::jsonb or concerned_partnership_ids @> ${one}::text::jsonb)`;
};

/** Reviews of every kind a partnership owns, covers or is named as concerned by; newest first. */
export const listPartnershipReviews = async (
  sql: Sql,
  options: TodayOptions & { partnershipId: string; first?: number },
): Promise<(ReviewLearningView & { listedBecause: ListedBecause })[]> => {
  const today = resolveToday(options).today;
  const rows = await sql<ReviewLearningRow[]>`
    select * from read_models.review_learning where true ${partnershipFilter(sql, options.partnershipId)}
    order by commissioned_on desc, review_id desc limit ${pageSize(options.first)}`;
  return rows.map((row) => ({ ...toView(row, today), listedBecause: listedBecause(row, options.partnershipId) }));
};

/** A learning library record: the NSPCC collection's fields, for every published review whatever its kind. */
export type LearningLibraryRecord = {
  reviewId: string;
  kind: string;
  partnershipIds: string[];
  concernedPartnershipIds: string[];
  title: string | null;
  caseName: string;
  publishedOn: string;
  year: number;
  summary: string;
  themes: string[];
  recommendations: string[];
  keywords: string[];
  documents: unknown[];
  reviewModel: string | null;
  /** Set when the library is read for one partnership. */
  listedBecause: ListedBecause | null;
};

export type LearningLibraryOptions = {
  /** A learning theme, matched whole and case-insensitively. */
  theme?: string;
  /** Words matched (as one literal phrase, case-insensitively) in the title, case name, summary and keywords. */
  keyword?: string;
  /** Records this partnership owns, covers or is named as concerned by. */
  partnershipId?: string;
  /** Default 20, at most 100. */
  first?: number;
  /** 1-based page number of `first` records (GOV.UK pagination): an offset. */
  page?: number;
};

type LearningLibraryFilters = Pick<LearningLibraryOptions, 'theme' | 'keyword' | 'partnershipId'>;

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

const libraryWhere = (sql: Sql, options: LearningLibraryFilters) => {
  const theme = options.theme?.trim().toLowerCase();
  const keyword = options.keyword?.trim();
  return sql`
    where publication is not null
    ${theme ? sql`and exists (select 1 from jsonb_array_elements_text(learning_themes || (publication -> 'learningThemes')) t where lower(t) = ${theme})` : sql``}
    ${keyword ? sql`and (coalesce(title, '') || ' ' || (publication ->> 'caseName') || ' ' || (publication ->> 'summary') || ' ' || (publication ->> 'keywords')) ilike ${`%${escapeLike(keyword)}%`}` : sql``}
    ${partnershipFilter(sql, options.partnershipId)}`;
};

/** How many published reviews the library holds for these filters, over every record (never one page's). */
export const countLearningLibrary = async (sql: Sql, options: LearningLibraryFilters = {}): Promise<number> => {
  const [{ count }] = await sql<[{ count: number }]>`
    select count(*)::int as count from read_models.review_learning ${libraryWhere(sql, options)}`;
  return count;
};

export const searchLearningLibrary = async (
  sql: Sql,
  options: LearningLibraryOptions = {},
): Promise<LearningLibraryRecord[]> => {
  const size = Math.max(1, Math.min(Math.trunc(options.first ?? 20) || 20, MAX_PAGE_SIZE));
  const offset = options.page !== undefined ? (Math.max(1, Math.trunc(options.page)) - 1) * size : 0;
  const rows = await sql<ReviewLearningRow[]>`
    select * from read_models.review_learning ${libraryWhere(sql, options)}
    order by publication ->> 'publishedOn' desc, review_id desc
    limit ${size} offset ${offset}`;
  return rows.map((row) => {
    const p = row.publication!;
    return {
      reviewId: row.review_id,
      kind: row.kind,
      partnershipIds: row.partnership_ids,
      concernedPartnershipIds: row.concerned_partnership_ids,
      title: row.title,
      caseName: p.caseName,
      publishedOn: p.publishedOn,
      year: Number(p.publishedOn.slice(0, 4)),
      summary: p.summary,
      themes: [...new Set([...row.learning_themes, ...p.learningThemes])],
      recommendations: p.recommendations,
      keywords: p.keywords,
      documents: p.documents,
      reviewModel: p.reviewModel,
      listedBecause: options.partnershipId === undefined ? null : listedBecause(row, options.partnershipId),
    };
  });
};

/** Themes recorded by reviews of at least `minPartnerships` partnerships (default 2), for the Panel. */
export const getRecurringThemes = async (sql: Sql, minPartnerships = 2): Promise<RecurringTheme[]> => {
  const rows = await sql<
    Pick<
      ReviewLearningRow,
      'review_id' | 'owner_partnership_id' | 'partnership_ids' | 'learning_themes' | 'publication'
    >[]
  >`
    select review_id, owner_partnership_id, partnership_ids, learning_themes, publication from read_models.review_learning
    where jsonb_array_length(learning_themes) > 0 or publication is not null`;
  return recurringThemes(
    rows.map((row) => ({
      reviewId: row.review_id,
      ownerPartnershipId: row.owner_partnership_id,
      partnershipIds: row.partnership_ids,
      learningThemes: [...row.learning_themes, ...(row.publication?.learningThemes ?? [])],
    })),
    minPartnerships,
  );
};

/** Reviews whose final report was sent to this recipient (DfE), before or after publication; newest report first. */
export const listFinalReportsFor = async (
  sql: Sql,
  recipient: string,
  options: TodayOptions & { first?: number } = {},
): Promise<ReviewLearningView[]> => {
  const today = resolveToday(options).today;
  const rows = await sql<ReviewLearningRow[]>`
    select * from read_models.review_learning where final_report_recipients @> ${JSON.stringify([recipient])}::text::jsonb
    order by final_report_submitted_on desc, review_id desc limit ${pageSize(options.first)}`;
  return rows.map((row) => toView(row, today));
};
