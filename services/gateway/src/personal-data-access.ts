/**
 * The ONE path from sealed personal data to plaintext in the gateway. Every personal field resolves through
 * `openPersonalParts`: it checks the reader may see personal data of this record (ACCESS_POLICY `personalData`),
 * then opens each sealed part with `openAudited`, which writes the read audit before returning plaintext.
 * Nothing else in the gateway imports the vault's `open`.
 */
import { openAudited } from '@cspr/personal-data';
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
