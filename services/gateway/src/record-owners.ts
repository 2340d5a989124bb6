/**
 * The facts of a record for ACCESS_POLICY, read from the head of its stream (not the read models, which may lag
 * right after a write): the basis of NOT FOUND for records the caller may not see, on every mutation.
 */
import { decodeEvent, incidentStreamId, referralStreamId, reviewStreamId } from '@cspr/domain';
import type { Operation, RecordFacts } from '@cspr/domain';
import type { EventStore } from '@cspr/event-store';
import { requireRecord } from './authorization';
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

export const incidentRecord = async (store: EventStore, incidentId: string): Promise<RecordFacts | undefined> => {
  const first = await firstEvent(store, incidentStreamId(incidentId));
  const owner = (first?.data as { partnershipId?: string } | undefined)?.partnershipId;
  return owner ? { owner } : undefined;
};

/** A national review (or a thematic one commissioned for `national`) is the Panel's; the partnerships it covers are concerned. */
export const reviewRecord = async (store: EventStore, reviewId: string): Promise<RecordFacts | undefined> => {
  const first = await firstEvent(store, reviewStreamId(reviewId));
  if (!first) return undefined;
  const data = first.data as { partnershipId?: string; partnershipIds?: string[] };
  const owner = data.partnershipId && data.partnershipId !== 'national' ? data.partnershipId : 'panel';
  return { owner, concerned: data.partnershipIds ?? [] };
};

/** A referral is its partnership's; the agency officer who made it is its referrer. */
export const referralRecord = async (store: EventStore, referralId: string): Promise<RecordFacts | undefined> => {
  const first = await firstEvent(store, referralStreamId(referralId));
  const data = first?.data as { partnershipId?: string; referredBy?: string } | undefined;
  return data?.partnershipId ? { owner: data.partnershipId, referredBy: data.referredBy } : undefined;
};

export const requireReferralAccess = async (
  ctx: GatewayContext,
  operation: Operation,
  referralId: string,
): Promise<void> =>
  requireRecord(
    ctx,
    operation,
    'referral',
    await referralRecord(ctx.services.store, referralId),
    `Referral ${referralId}`,
  );

export const requireIncidentAccess = async (
  ctx: GatewayContext,
  operation: Operation,
  incidentId: string,
): Promise<void> =>
  requireRecord(
    ctx,
    operation,
    'incident',
    await incidentRecord(ctx.services.store, incidentId),
    `Incident ${incidentId}`,
  );

export const requireReviewAccess = async (ctx: GatewayContext, operation: Operation, reviewId: string): Promise<void> =>
  requireRecord(ctx, operation, 'review', await reviewRecord(ctx.services.store, reviewId), `Review ${reviewId}`);

/** Commissioning a review of incidents: each must be one the caller may read, else NOT FOUND as for an unknown id. */
export const requireIncidentsReadable = async (ctx: GatewayContext, incidentIds: readonly string[]): Promise<void> => {
  for (const incidentId of incidentIds) {
    requireRecord(
      ctx,
      'incident',
      'incident',
      await incidentRecord(ctx.services.store, incidentId),
      `Incident ${incidentId}`,
    );
  }
};
