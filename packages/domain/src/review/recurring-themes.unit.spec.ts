import { describe, expect, it } from 'vitest';
import { recurringThemes } from './recurring-themes';

const review = (
  reviewId: string,
  owner: string | null,
  learningThemes: string[],
  partnershipIds: string[] = owner ? [owner] : [],
) => ({ reviewId, ownerPartnershipId: owner, partnershipIds, learningThemes });

describe('recurringThemes', () => {
  it('reports themes recorded by reviews of at least two partnerships, most widespread first', () => {
    const themes = recurringThemes([
      review('r-1', 'leeds', ['Online safety', 'neglect']),
      review('r-2', 'york', ['online  safety ']),
      review('r-3', 'leeds', ['neglect']),
      review('r-4', null, ['Neglect', 'online safety'], ['harrow', 'york']),
      review('r-5', 'bradford', ['']),
    ]);
    expect(themes).toEqual([
      { theme: 'Online safety', partnershipIds: ['leeds', 'york', 'harrow'], reviewIds: ['r-1', 'r-2', 'r-4'] },
      { theme: 'neglect', partnershipIds: ['leeds', 'harrow', 'york'], reviewIds: ['r-1', 'r-3', 'r-4'] },
    ]);
  });

  it("does not count one partnership's many reviews as recurrence, unless asked for one", () => {
    const reviews = [review('r-1', 'leeds', ['drowning']), review('r-2', 'leeds', ['drowning'])];
    expect(recurringThemes(reviews)).toEqual([]);
    expect(recurringThemes(reviews, 1)).toEqual([
      { theme: 'drowning', partnershipIds: ['leeds'], reviewIds: ['r-1', 'r-2'] },
    ]);
  });
});
