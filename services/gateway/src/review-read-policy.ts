/**
 * Reading one review's tracking record: the original gate (owner, covered partnerships, Panel, Ofsted's refusal,
 * admins) or, failing that, ACCESS_POLICY through `mayRead` with the facts the learning read model holds: a
 * partnership named as concerned, and DfE once a final report was sent to it. Anyone else: NOT FOUND, as before.
 */
import { mayRead } from '@cspr/domain';
import type { ReportRecipient } from '@cspr/domain';
import { getReviewLearning } from '@cspr/read-models';
import { toActor } from './auth/principal';
import { canSeeRecord, requireRecordAccess } from './authorization';
import type { GatewayContext } from './gateway-context';

export const requireReviewReadable = async (ctx: GatewayContext, reviewId: string, partnershipIds: readonly string[] | undefined): Promise<void> => {
  if (partnershipIds && canSeeRecord(ctx.principal, partnershipIds)) return;
  const actor = toActor(ctx.principal);
  const learning = partnershipIds && actor ? await getReviewLearning(ctx.services.sql, reviewId) : null;
  if (learning && mayRead(actor!, {
    kind: 'review', ownerPartnershipId: learning.ownerPartnershipId, partnershipIds: learning.partnershipIds,
    concernedPartnershipIds: learning.concernedPartnershipIds, finalReportRecipients: learning.finalReportRecipients as ReportRecipient[],
  })) return;
  requireRecordAccess(ctx.principal, undefined, `Review ${reviewId}`);
};
