/**
 * What one approved erasure destroys. A data subject is a child as the platform knows them, across several records
 * each sealed under its own key: the incident, the referral it came from, and every review linked to it. The approval
 * names one record; the write path destroys the keys of all records that can name or describe the same child:
 * - an incident: its own key, its referral's, and every linked review's (national and thematic reviews too: their
 *   free text may describe this child, so the safe side erases more than this child's data);
 * - a referral decided without a notification: its own key and the key of the review it led to;
 * - a review: its own key and the keys of the referrals it came from.
 * Keys are destroyed before `PersonalDataErased` is appended (a failed append is retried; the other order could
 * record an erasure whose keys still open the data). Destroying an already destroyed key changes nothing.
 */
import type { ErasureRequest, PersonalDataVault } from '@cspr/personal-data';

type ErasedEvent = { type: string; data: object };

/** The approval's record, when the decided events hold one: only `PersonalDataErased` destroys anything. */
const erasureRecordOf = (events: readonly ErasedEvent[]): ErasureRequest | null => {
  const erased = events.find((e) => e.type === 'PersonalDataErased');
  if (!erased) return null;
  const { legalBasis, requestedBy, approvedBy } = erased.data as Record<string, string>;
  return { reason: legalBasis!, requestedBy: requestedBy!, approvedBy: approvedBy! };
};

/** Destroys the keys of `subjectIds` (the approved subject first) when the events approve an erasure. */
export const destroyErasedKeys = async (
  vault: PersonalDataVault,
  events: readonly ErasedEvent[],
  subjectIds: readonly (string | undefined)[],
): Promise<void> => {
  const erasure = erasureRecordOf(events);
  if (!erasure) return;
  await vault.destroyKeys(
    [...new Set(subjectIds.filter((id): id is string => typeof id === 'string' && id !== ''))],
    erasure,
  );
};
