/**
 * The ONE path from sealed personal data to plaintext in the gateway. Every personal field resolves through
 * `openPersonalParts`: it checks the reader may see personal data of this record (ACCESS_POLICY `personalData`),
 * then opens each sealed part with `openAudited`, which writes the read audit before returning plaintext.
 * Review free text opens through `openReviewText` (below), audited the same way. Nothing else in the gateway imports
 * the vault's `open`.
 */
import { openAudited, openAuditedMany, type OpenedPersonalData } from '@cspr/personal-data';
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
 * Review text asked for while one request runs, waiting to be opened together: keyed by field set and purpose, so
 * each group opens with one `openAuditedMany` (one audit statement) instead of one per review and field.
 */
type PendingRead = {
  sealed: unknown[];
  settle: (opened: OpenedPersonalData<unknown>[]) => void;
  fail: (e: unknown) => void;
};
type PendingGroup = {
  read: Omit<PersonalRead, 'owners' | 'subjectId'>;
  items: { subjectId: string; sealed: unknown }[];
  reads: PendingRead[];
};

/** Per request (the context object lives exactly as long as its request): the reads not yet opened. */
const pendingByRequest = new WeakMap<GatewayContext, Map<string, PendingGroup>>();

/**
 * After the resolvers of this execution step have all asked: GraphQL calls every field of a list's items in one
 * synchronous pass, and a `nextTick` queued from a promise job runs only once the promise jobs queued meanwhile
 * (resolver wrappers awaiting settled promises) have run too (DataLoader's schedule).
 */
const afterThisStep = (run: () => void) => {
  void Promise.resolve().then(() => process.nextTick(run));
};

const openPending = async (ctx: GatewayContext, groups: Map<string, PendingGroup>) => {
  const { principal } = ctx;
  if (principal.kind !== 'user') {
    // openReviewText refuses before queueing; this keeps the promise of a read never left hanging.
    const refused = new ForbiddenError('Review text is readable only by signed-in users');
    for (const group of groups.values()) for (const read of group.reads) read.fail(refused);
    return;
  }
  await Promise.all(
    [...groups.values()].map(async (group) => {
      try {
        const opened = await openAuditedMany<unknown>(ctx.services.vault, ctx.services.audit, group.items, {
          actorId: principal.userId,
          role: principal.role,
          ...(principal.partnershipId ? { partnershipId: principal.partnershipId } : {}),
          fields: group.read.fields,
          purpose: group.read.purpose,
          requestId: ctx.requestId,
        });
        let next = 0;
        for (const read of group.reads) {
          read.settle(opened.slice(next, next + read.sealed.length));
          next += read.sealed.length;
        }
      } catch (error) {
        // No audit, no plaintext: every read of the group fails with it.
        for (const read of group.reads) read.fail(error);
      }
    }),
  );
};

/** Queues one review's sealed parts for opening with the rest of this step's reads of the same field set. */
const openBatched = (
  ctx: GatewayContext,
  read: Omit<PersonalRead, 'owners'>,
  sealed: unknown[],
): Promise<OpenedPersonalData<unknown>[]> =>
  new Promise((settle, fail) => {
    let groups = pendingByRequest.get(ctx);
    if (!groups) {
      const queued = new Map<string, PendingGroup>();
      groups = queued;
      pendingByRequest.set(ctx, queued);
      afterThisStep(() => {
        pendingByRequest.delete(ctx);
        void openPending(ctx, queued);
      });
    }
    const key = JSON.stringify([read.fields, read.purpose]);
    let group = groups.get(key);
    if (!group) {
      group = { read: { fields: read.fields, purpose: read.purpose }, items: [], reads: [] };
      groups.set(key, group);
    }
    group.items.push(...sealed.map((part) => ({ subjectId: read.subjectId, sealed: part })));
    group.reads.push({ sealed, settle, fail });
  });

/**
 * A review's free text (reviewer name, recommendations, actions, progress notes). It is pseudonymised and meant for everyone who
 * may read the review (concerned partnerships, DfE as recipient), so the record check the resolver made is the
 * access rule, not `personalData`'s owners-only one; but people type real names there, so it is sealed under the
 * review's key and opened only here, audited like any other personal data (ADR 0003): one audit row per review
 * read, per field set and purpose. The reads a request makes in one execution step (a list of 50 reviews asking
 * for recommendations, actions and learning items) are opened together, one `openAuditedMany` per field set, so
 * the rows are written in a few statements, not one per review and field; every review read is still named.
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
  const opened = await openBatched(ctx, read, present);
  let next = 0;
  return sealedParts.map((part) => {
    if (part === null || part === undefined) return null;
    const one = opened[next++]!;
    return one.status === 'available' ? (one.value as T) : null;
  });
};
