/**
 * Recurring themes across partnerships, for the Panel: a theme recurs when reviews of at least `minPartnerships`
 * different partnerships record it. Themes are compared case- and space-insensitively ("Online safety" = "online
 * safety "), and reported in the spelling first met. Pure: the read model passes the reviews it holds.
 */
import type { PartnershipId, ReviewId } from '../shared/types';

export type ThemedReview = {
  reviewId: ReviewId;
  /** The owner; null for a Panel-owned review, whose themes count for the partnerships it covers. */
  ownerPartnershipId: PartnershipId | null;
  partnershipIds: readonly PartnershipId[];
  learningThemes: readonly string[];
};

export type RecurringTheme = { theme: string; partnershipIds: PartnershipId[]; reviewIds: ReviewId[] };

const normalise = (theme: string) => theme.trim().replace(/\s+/g, ' ').toLowerCase();

/** Most widespread first, then by theme. Default: at least 2 partnerships. */
export const recurringThemes = (reviews: readonly ThemedReview[], minPartnerships = 2): RecurringTheme[] => {
  const byTheme = new Map<string, RecurringTheme>();
  for (const review of reviews) {
    const partnerships = review.ownerPartnershipId === null ? review.partnershipIds : [review.ownerPartnershipId];
    for (const raw of review.learningThemes) {
      const key = normalise(raw);
      if (key === '') continue;
      const entry = byTheme.get(key) ?? { theme: raw.trim(), partnershipIds: [], reviewIds: [] };
      partnerships.forEach((p) => {
        if (!entry.partnershipIds.includes(p)) entry.partnershipIds.push(p);
      });
      if (!entry.reviewIds.includes(review.reviewId)) entry.reviewIds.push(review.reviewId);
      byTheme.set(key, entry);
    }
  }
  return [...byTheme.values()]
    .filter((t) => t.partnershipIds.length >= minPartnerships)
    .sort(
      (a, b) =>
        b.partnershipIds.length - a.partnershipIds.length || (a.theme < b.theme ? -1 : a.theme > b.theme ? 1 : 0),
    );
};
