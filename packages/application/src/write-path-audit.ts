/**
 * The write path opens personal data in two places: merging an amendment into the notification's whole personal
 * part, and building a notification from a referral. Every open is audited like a read (docs/architecture.md: every read of
 * personal data is audited), as the system actor with the purpose, through @cspr/personal-data's `openAudited`:
 * no audit entry, no plaintext. A handler built without an audit log refuses these commands rather than open
 * personal data unseen.
 */
import { openAudited, PersonalDataError } from '@cspr/personal-data';
import type { OpenedPersonalData, PersonalDataVault, ReadAudit, Reader } from '@cspr/personal-data';

export const WRITE_PATH_ACTOR = 'system:command-handler';

export type WritePathOpen = {
  /** Why the handler opens it, e.g. `merge-amendment`. */
  purpose: string;
  /** The personal fields opened (names, not values). */
  fields: string[];
  /** The command's correlation id, to tie the entry to the request. */
  requestId: string;
  partnershipId?: string;
};

export const openForWrite = async <T>(
  deps: { vault: PersonalDataVault; audit?: ReadAudit | undefined },
  subjectId: string,
  sealed: unknown,
  open: WritePathOpen,
): Promise<OpenedPersonalData<T>> => {
  if (!deps.audit)
    throw new PersonalDataError(
      'audit_failed',
      `The command handler has no read audit: it may not open the personal data of ${subjectId}`,
    );
  const reader: Reader = {
    actorId: WRITE_PATH_ACTOR,
    role: 'system',
    purpose: open.purpose,
    fields: open.fields,
    requestId: open.requestId,
    ...(open.partnershipId ? { partnershipId: open.partnershipId } : {}),
  };
  return openAudited<T>(deps.vault, deps.audit, subjectId, sealed, reader);
};
