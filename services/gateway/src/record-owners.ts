/**
 * Who owns a record, read from the head of its stream (not the read models, which may lag right after a write):
 * the basis of "not found" for other partnerships' records on every mutation.
 */
import { decodeEvent, incidentStreamId, reviewStreamId } from '@cspr/domain';
import type { PartnershipId } from '@cspr/domain';
import type { EventStore } from '@cspr/event-store';
import { requireRecordAccess } from './authorization';
import type { GatewayContext } from './gateway-context';

const firstEvent = async (store: EventStore, streamId: string) => {
  try {
    const [first] = await store.readStream(streamId, { maxCount: 1 });
    return first ? decodeEvent(first) : undefined;
  } catch (error) {
    if ((error as { code?: string }).code === 'stream_not_found') return undefined;
    throw error;
  }
};

export const incidentOwners = async (store: EventStore, incidentId: string): Promise<PartnershipId[] | undefined> => {
  const first = await firstEvent(store, incidentStreamId(incidentId));
  const owner = (first?.data as { partnershipId?: string } | undefined)?.partnershipId;
  return owner ? [owner] : undefined;
};

export const reviewOwners = async (store: EventStore, reviewId: string): Promise<PartnershipId[] | undefined> => {
  const first = await firstEvent(store, reviewStreamId(reviewId));
  if (!first) return undefined;
  const data = first.data as { partnershipId?: string; partnershipIds?: string[] };
  return data.partnershipIds ?? (data.partnershipId ? [data.partnershipId] : []);
};

export const requireIncidentAccess = async (ctx: GatewayContext, incidentId: string): Promise<void> =>
  requireRecordAccess(ctx.principal, await incidentOwners(ctx.services.store, incidentId), `Incident ${incidentId}`);

export const requireReviewAccess = async (ctx: GatewayContext, reviewId: string): Promise<void> =>
  requireRecordAccess(ctx.principal, await reviewOwners(ctx.services.store, reviewId), `Review ${reviewId}`);
