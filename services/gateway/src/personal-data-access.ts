/**
 * The ONE path from sealed personal data to plaintext in the gateway. Every personal field resolves through
 * `openPersonalParts`: it checks the reader may see personal data of this record (ACCESS_POLICY `personalData`),
 * then opens each sealed part with `openAudited`, which writes the read audit before returning plaintext.
 * Review free text opens through `openReviewText` (below), audited the same way. Nothing else in the gateway imports
 * the vault's `open`.
 */
import { openAudited, openAuditedMany } from '@cspr/personal-data';
import { mayReadPersonal } from './authorization';
import { ForbiddenError } from './client-errors';
import type { GatewayContext } from './gateway-context';

export type PersonalRead = {
  /** The personal-data subject: the incident (or review) id whose key sealed the parts. */
  subjectId: string;
  /** Partnerships that own the record. */
  owners: readonly string[];
  /** Names of the fields returned, for the audit (never values). */
  fields: string[];
  purpose: string;
};

export type OpenedParts<T> = { status: 'available'; values: T[] } | { status: 'erased' };

export const openPersonalParts = async <T>(
  ctx: GatewayContext,
  read: PersonalRead,
  sealedParts: readonly unknown[],
): Promise<OpenedParts<T>> => {
  const { principal } = ctx;
  if (principal.kind !== 'user' || !read.owners.some((owner) => mayReadPersonal(principal, owner))) {
    throw new ForbiddenError('Personal data is readable only by the owning partnership and the Panel');
  }
  const values: T[] = [];
  for (const sealed of sealedParts) {
    const opened = await openAudited<T>(ctx.services.vault, ctx.services.audit, read.subjectId, sealed, {
      actorId: principal.userId,
      role: principal.role,
      ...(principal.partnershipId ? { partnershipId: principal.partnershipId } : {}),
      fields: read.fields,
      purpose: read.purpose,
      requestId: ctx.requestId,
    });
    if (opened.status === 'erased') return { status: 'erased' };
    values.push(opened.value);
  }
  return { status: 'available', values };
};

/** What the platform shows for review text whose key an erasure destroyed (the read models' word for it too). */
export { DETAILS_REMOVED } from '@cspr/read-models';

/**
 * A review's free text (reviewer name, recommendations, actions, progress notes). It is pseudonymised and meant for everyone who
 * may read the review (concerned partnerships, DfE as recipient), so the record check the resolver made is the
 * access rule, not `personalData`'s owners-only one; but people type real names there, so it is sealed under the
 * review's key and opened only here, with one audit entry per read like any other personal data (ADR 0003).
 * Returns each part's value in order, null where there is none or it is erased.
 */
export const openReviewText = async <T>(
  ctx: GatewayContext,
  read: Omit<PersonalRead, 'owners'>,
  sealedParts: readonly unknown[],
): Promise<(T | null)[]> => {
  const { principal } = ctx;
  const present = sealedParts.filter((part) => part !== null && part !== undefined);
  if (present.length === 0) return sealedParts.map(() => null);
  if (principal.kind !== 'user') throw new ForbiddenError('Review text is readable only by signed-in users');
  const opened = await openAuditedMany<T>(
    ctx.services.vault,
    ctx.services.audit,
    present.map((sealed) => ({ subjectId: read.subjectId, sealed })),
    {
      actorId: principal.userId,
      role: principal.role,
      ...(principal.partnershipId ? { partnershipId: principal.partnershipId } : {}),
      fields: read.fields,
      purpose: read.purpose,
      requestId: ctx.requestId,
    },
  );
  let next = 0;
  return sealedParts.map((part) => {
    if (part === null || part === undefined) return null;
    const one = opened[next++]!;
    return one.status === 'available' ? one.value : null;
  });
};
