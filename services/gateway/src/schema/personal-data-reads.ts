/**
 * The personal-data read audit, for the people who answer for it: who opened which record's personal data, when,
 * which fields and why, filtered by person, record and date, with page numbers and a true total. An admin duty
 * (there is no separate data-protection role: admins already hold the other data-protection duty, erasure).
 * The audit holds field names, never values, so reading it discloses no child's data.
 */
import { londonDate, normaliseCaseReference } from '@cspr/domain';
import type { RecordedReadAuditEntry } from '@cspr/personal-data';
import { getIncident, getIncidentByReference, getReview, getReviewByReference } from '@cspr/read-models';
import { builder } from '../builder';
import { awaitConsistency, CONSISTENT_AFTER_DESCRIPTION } from '../consistency';
import { badInput, forwardOnly, pageNumberOf } from '../read-access';
import { may } from '../authorization';
import type { GatewayContext } from '../gateway-context';
import { partnershipNameOf, personNameOf, subjectOfPerson } from './names';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const HOUR = 3_600_000;

/** The instant a calendar day starts in England (midnight BST is 23:00 UTC the day before). */
const startOfLondonDay = (date: string, field: string): Date => {
  const utcMidnight = Date.parse(`${date}T00:00:00Z`);
  if (!DATE.test(date) || Number.isNaN(utcMidnight)) throw badInput(`${field} must be a date as YYYY-MM-DD`, field);
  return new Date(londonDate(new Date(utcMidnight - HOUR).toISOString()) === date ? utcMidnight - HOUR : utcMidnight);
};
/** The instant the next day starts: the exclusive end of `date`, checked as a date first. */
const endOfLondonDay = (date: string, field: string): Date => {
  startOfLondonDay(date, field);
  return startOfLondonDay(new Date(Date.parse(`${date}T12:00:00Z`) + 24 * HOUR).toISOString().slice(0, 10), field);
};

/** A subject typed as a case reference (INC-…/REV-…) or an id, as the audit stores it (the record's id). */
const subjectIdOf = async (ctx: GatewayContext, subject: string): Promise<string> => {
  const reference = normaliseCaseReference(subject);
  if (!reference) return subject.trim();
  const found = reference.startsWith('INC-')
    ? await getIncidentByReference(ctx.services.sql, reference)
    : await getReviewByReference(ctx.services.sql, reference);
  if (!found) throw badInput(`No record has the reference ${reference}`, 'subject');
  return found.id;
};

const referenceOfSubject = async (ctx: GatewayContext, subjectId: string): Promise<string | null> =>
  (await getIncident(ctx.services.sql, subjectId))?.reference ??
  (await getReview(ctx.services.sql, subjectId))?.reference ??
  null;

const PersonalDataReadType = builder.objectRef<RecordedReadAuditEntry>('PersonalDataRead').implement({
  description: "One read of a record's personal data: who, when, which fields (names only) and why.",
  fields: (t) => ({
    at: t.string({ resolve: (e) => e.at.toISOString() }),
    readerId: t.exposeString('actorId', {
      description: "The reader's user id (or system:<component> for the platform's own reads).",
    }),
    readerName: t.string({
      description: 'The reader as admins read them: the email their access was granted under, else their id.',
      resolve: (e, _args, ctx) => personNameOf(ctx, e.actorId),
    }),
    role: t.exposeString('role'),
    partnershipName: t.string({
      nullable: true,
      resolve: (e, _args, ctx) => (e.partnershipId ? partnershipNameOf(ctx, e.partnershipId) : null),
    }),
    subjectId: t.exposeString('subjectId', { description: 'The incident or review id (internal).' }),
    subjectReference: t.string({
      nullable: true,
      description: "The record's case reference, for people to read.",
      resolve: (e, _args, ctx) => referenceOfSubject(ctx, e.subjectId),
    }),
    fields: t.exposeStringList('fields'),
    purpose: t.string({ nullable: true, resolve: (e) => e.purpose }),
    requestId: t.exposeString('requestId'),
  }),
});

builder.queryField('personalDataReads', (t) =>
  t.connection({
    type: PersonalDataReadType,
    description:
      'The personal-data read audit, oldest first (admins). Filter by reader, record (case reference or id) and days in England.',
    args: {
      readerId: t.arg.string({
        required: false,
        description: "Only this reader's reads: their user id, or the email their access was granted under.",
      }),
      subject: t.arg.string({
        required: false,
        description: 'Only reads of this record: a case reference (INC-2026-00123, REV-2026-00045) or an id.',
      }),
      from: t.arg.string({ required: false, description: 'Read on or after this day (YYYY-MM-DD, England).' }),
      to: t.arg.string({ required: false, description: 'Read on or before this day (YYYY-MM-DD, England).' }),
      page: t.arg.int({
        required: false,
        description: '1-based page number of `first` entries (GOV.UK pagination); `after` is ignored when given.',
      }),
      consistentAfter: t.arg.string({ required: false, description: CONSISTENT_AFTER_DESCRIPTION }),
    },
    authScopes: may('personalDataReads'),
    resolve: async (_root, args, ctx) => {
      forwardOnly(args);
      const page = pageNumberOf(args.page);
      const first = Math.max(1, Math.min(100, args.first ?? 20));
      const filter = {
        ...(args.readerId ? { actorId: await subjectOfPerson(ctx, args.readerId) } : {}),
        ...(args.subject ? { subjectId: await subjectIdOf(ctx, args.subject) } : {}),
        ...(args.from ? { from: startOfLondonDay(args.from, 'from') } : {}),
        ...(args.to ? { to: endOfLondonDay(args.to, 'to') } : {}),
      };
      await awaitConsistency(ctx, args.consistentAfter);
      let listed;
      try {
        listed = await ctx.services.audit.query({
          ...filter,
          first,
          ...(page !== undefined ? { page } : args.after ? { after: args.after } : {}),
        });
      } catch (error) {
        if ((error as { code?: string }).code === 'invalid_argument') throw badInput((error as Error).message, 'after');
        throw error;
      }
      return {
        edges: listed.entries.map((node) => ({ node, cursor: Buffer.from(`audit:${node.id}`).toString('base64url') })),
        pageInfo: {
          hasNextPage: listed.pageInfo.hasNextPage,
          hasPreviousPage: Boolean(args.after) || (page ?? 1) > 1,
          startCursor: listed.entries[0] ? Buffer.from(`audit:${listed.entries[0].id}`).toString('base64url') : null,
          endCursor: listed.pageInfo.endCursor,
        },
        totalCount: () => ctx.services.audit.count(filter),
      };
    },
  }),
);
