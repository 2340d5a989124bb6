/**
 * Folds one event of the log into the notifier's tables: deadlines opened, met, moved or cancelled; contacts and
 * preferences; and the emails an event itself calls for (a confirmation of a submission, the Panel's alert when a
 * rapid review arrives, the partnership's when the Panel responds), recorded in the outbox in the same transaction
 * as the checkpoint. Reminders are not recorded here: the day's planner records them (reminder-planner.ts).
 */
import type { TransactionSql } from 'postgres';
import {
  computeDeadlines,
  findLocalAuthority,
  guidanceEditionInForce,
  londonDate,
  NATURES_WITHOUT_RAPID_REVIEW,
  type DeadlineAnchor,
  type DeadlineKind,
  type GuidanceEdition,
  type IncidentNature,
  type WorkingDayCalendar,
} from '@cspr/domain';
import type { EmailTemplateKind } from '@cspr/config';
import { DEADLINE_WORDS, longDate, type Personalisation } from './email-templates';
import { cancelPendingFor, recordEmails, type NewEmail } from './outbox';
import { partnershipRecipients } from './recipients';

export type FoldContext = {
  calendar: WorkingDayCalendar;
  /** Today in England (the injected clock): an event older than the catch-up window records its emails expired. */
  today: string;
  catchUpWorkingDays: number;
  panelMailbox: string;
  baseUrl: string;
  panelResponseTargetWorkingDays: number;
};

export type FoldedEvent = { type: string; data: Record<string, unknown>; occurredAt: string };

type Subject = {
  subject: string;
  partnership_id: string;
  local_authority_code: string | null;
  reference: string;
  link: string;
};

const DEFAULT_CATEGORIES = ['deadline-reminders', 'submission-confirmations', 'panel-updates'];

/**
 * The readable reference (INC-2026-00123): on the event, or allocated for the id (CaseReferenceAllocated, which
 * may come before or, for records made before references, after). Otherwise the record in words with its date
 * (referrals have no reference): a person reads it, so never any part of the id, which only the link carries.
 */
const referenceOf = async (
  tx: TransactionSql,
  unreferenced: string,
  data: Record<string, unknown>,
  id: string,
): Promise<string> => {
  if (typeof data.reference === 'string' && data.reference) return data.reference;
  const allocated = await tx<
    { reference: string }[]
  >`select reference from notifier.case_references where subject_id = ${id}`;
  return allocated[0]?.reference ?? unreferenced;
};

/** "the referral sent Thursday 25 March 2027": how an unreferenced record is named, like the web pages name it. */
const named = (what: string, data: Record<string, unknown>, dateField: string): string =>
  typeof data[dateField] === 'string' ? `the ${what} ${longDate(data[dateField] as string)}` : `the ${what}`;

const str = (data: Record<string, unknown>, key: string): string => {
  const value = data[key];
  if (typeof value !== 'string' || !value) throw new Error(`${key} missing`);
  return value;
};

const loadSubject = async (tx: TransactionSql, subject: string): Promise<Subject | undefined> =>
  (await tx<Subject[]>`select * from notifier.subjects where subject = ${subject}`)[0];

const saveSubject = (tx: TransactionSql, s: Subject) => tx`
  insert into notifier.subjects ${tx(s)} on conflict (subject) do update set partnership_id = excluded.partnership_id,
    local_authority_code = excluded.local_authority_code, reference = excluded.reference, link = excluded.link`;

const laName = (code: string | null) => (code ? (findLocalAuthority(code)?.name ?? code) : 'your partnership');

/** Outbox kinds by the category a contact chooses (reminder-N covers every configured N). */
const EMAIL_KINDS_BY_CATEGORY: [string, string[]][] = [
  ['deadline-reminders', ['reminder-%', 'overdue']],
  ['submission-confirmations', ['confirmation']],
  ['panel-updates', ['panel-responded']],
  ['weekly-digest', ['weekly-digest']],
];

/** Cancels emails still waiting for one address of one partnership, of the given kinds (LIKE patterns). */
const cancelPendingTo = (tx: TransactionSql, partnershipId: string, email: string, kinds: string[]) => tx`
  update notifier.outbox o set status = 'cancelled', last_error = 'the contact was removed or no longer receives it'
   where o.status = 'pending' and o.recipient = ${email} and o.kind like any(${kinds})
     and (o.deadline_key like ${`digest/${partnershipId}@%`}
          or split_part(o.deadline_key, '/', 1) in (select subject from notifier.subjects where partnership_id = ${partnershipId}))`;

const bump = (tx: TransactionSql) =>
  tx`update notifier.checkpoint set deadlines_version = deadlines_version + 1 where name = 'log'`;

/** Opens a deadline or moves it: the due date is computed from its anchor, the edition and the calendar. */
const openDeadline = async (
  tx: TransactionSql,
  ctx: FoldContext,
  s: Subject,
  d: { id: string; kind: DeadlineKind; anchor: DeadlineAnchor; anchorDate: string; edition: GuidanceEdition },
) => {
  const computed = computeDeadlines({ [d.anchor]: d.anchorDate }, d.edition, ctx.calendar, {
    panelResponseTargetWorkingDays: ctx.panelResponseTargetWorkingDays,
  }).find((x) => x.kind === d.kind);
  if (!computed) return;
  const owner = d.kind === 'panel-response' ? 'panel' : 'partnership';
  await tx`
    insert into notifier.deadlines (deadline_id, subject, partnership_id, local_authority_code, reference, link, kind, owner,
                                    anchor, anchor_date, edition, due_on)
    values (${d.id}, ${s.subject}, ${s.partnership_id}, ${s.local_authority_code}, ${s.reference}, ${s.link}, ${d.kind},
            ${owner}, ${d.anchor}, ${d.anchorDate}, ${d.edition}, ${computed.dueOn})
    on conflict (deadline_id) do update set anchor = excluded.anchor, anchor_date = excluded.anchor_date,
      edition = excluded.edition, due_on = excluded.due_on, state = 'open', closed_on = null`;
  // A moved deadline: its reminders for the old date are cancelled; the planner records those for the new one.
  await cancelPendingFor(tx, d.id, `deadline moved to ${computed.dueOn}`, `${d.id}@${computed.dueOn}`);
  await bump(tx);
};

const closeDeadlines = async (
  tx: TransactionSql,
  where: { id?: string; subject?: string; kind?: string },
  state: 'met' | 'cancelled',
  on: string,
) => {
  const closed = await tx<{ deadline_id: string }[]>`
    update notifier.deadlines set state = ${state}, closed_on = ${on}
     where state = 'open'
       and (${where.id ?? null}::text is null or deadline_id = ${where.id ?? null})
       and (${where.subject ?? null}::text is null or subject = ${where.subject ?? null})
       and (${where.kind ?? null}::text is null or kind = ${where.kind ?? null})
    returning deadline_id`;
  for (const { deadline_id } of closed) await cancelPendingFor(tx, deadline_id, `deadline ${state} on ${on}`);
  if (closed.length) await bump(tx);
};

/** An email the event itself calls for, to each recipient; recorded expired when the event is older than the window. */
const eventEmails = (
  ctx: FoldContext,
  eventDay: string,
  key: string,
  kind: string,
  template: EmailTemplateKind,
  recipients: string[],
  p: Personalisation,
): NewEmail[] => {
  const late = ctx.calendar.workingDaysBetween(eventDay, ctx.today) > ctx.catchUpWorkingDays;
  return recipients.map((recipient) => ({
    deadlineKey: key,
    kind,
    recipient,
    deadlineId: null,
    template,
    personalisation: p,
    windowed: false,
    scheduledOn: eventDay,
    ...(late
      ? { status: 'expired' as const, note: 'the event is older than the catch-up window (first start on an old log)' }
      : {}),
  }));
};

const confirm = async (tx: TransactionSql, ctx: FoldContext, s: Subject, what: string, key: string, on: string) => {
  const recipients = await partnershipRecipients(tx, s.partnership_id, 'submission-confirmations');
  await recordEmails(
    tx,
    eventEmails(ctx, on, key, 'confirmation', 'submission-confirmation', recipients, {
      reference: s.reference,
      local_authority: laName(s.local_authority_code),
      link: s.link,
      deadline: DEADLINE_WORDS[what] ?? what,
      submitted_on: longDate(on),
    }),
  );
};

const rapidReviewRequired = (nature: IncidentNature, children: unknown): boolean =>
  !NATURES_WITHOUT_RAPID_REVIEW.includes(nature) ||
  // A care leaver under 18 may meet the criteria (domain.md); a care leaver's death otherwise runs on no statutory clock.
  (nature === 'care-leaver-death' &&
    Array.isArray(children) &&
    children.some((c) => (c as { under18?: unknown }).under18 === true));

export const foldEvent = async (tx: TransactionSql, ctx: FoldContext, event: FoldedEvent): Promise<void> => {
  const d = event.data;
  const day = londonDate(event.occurredAt);
  switch (event.type) {
    case 'PartnershipRegistered':
    case 'PartnershipChanged':
      await tx`insert into notifier.partnerships values (${str(d, 'partnershipId')}, ${str(d, 'name')})
               on conflict (partnership_id) do update set name = excluded.name`;
      return;
    case 'PartnershipContactAdded':
      await tx`insert into notifier.contacts values (${str(d, 'partnershipId')}, ${str(d, 'contactId')}, ${str(d, 'kind')},
                 ${str(d, 'email').toLowerCase()}, ${DEFAULT_CATEGORIES}) on conflict do nothing`;
      return;
    case 'PartnershipContactRemoved': {
      const removed = await tx<{ email: string }[]>`
        delete from notifier.contacts where partnership_id = ${str(d, 'partnershipId')} and contact_id = ${str(d, 'contactId')}
        returning email`;
      if (removed[0])
        await cancelPendingTo(
          tx,
          str(d, 'partnershipId'),
          removed[0].email,
          EMAIL_KINDS_BY_CATEGORY.flatMap((c) => c[1]),
        );
      return;
    }
    case 'EmailPreferencesChanged': {
      const receives = d.receives as string[];
      const changed = await tx<{ email: string; kind: string }[]>`
        update notifier.contacts set receives = ${receives}
         where partnership_id = ${str(d, 'partnershipId')} and contact_id = ${str(d, 'contactId')} returning email, kind`;
      const contact = changed[0];
      if (!contact) return;
      // What the contact no longer receives and is still waiting is not sent (the shared mailbox keeps its reminders).
      const dropped = EMAIL_KINDS_BY_CATEGORY.filter(([category]) => !receives.includes(category))
        .filter(([category]) => !(contact.kind === 'shared-mailbox' && category === 'deadline-reminders'))
        .flatMap(([, kinds]) => kinds);
      if (dropped.length) await cancelPendingTo(tx, str(d, 'partnershipId'), contact.email, dropped);
      return;
    }
    case 'CaseReferenceAllocated': {
      const subjectId = str(d, 'subjectId');
      const reference = str(d, 'reference');
      await tx`insert into notifier.case_references values (${subjectId}, ${reference}) on conflict (subject_id) do update set reference = excluded.reference`;
      const subject = `${d.kind === 'REV' ? 'review' : 'incident'}-${subjectId}`;
      await tx`update notifier.subjects set reference = ${reference} where subject = ${subject}`;
      await tx`update notifier.deadlines set reference = ${reference} where subject = ${subject}`;
      return;
    }
    case 'ReferralSubmitted': {
      const id = str(d, 'referralId');
      const s: Subject = {
        subject: `referral-${id}`,
        partnership_id: str(d, 'partnershipId'),
        local_authority_code: str(d, 'localAuthorityCode'),
        reference: await referenceOf(tx, named('referral sent', d, 'submittedOn'), d, id),
        link: `${ctx.baseUrl}/referrals/${id}`,
      };
      await saveSubject(tx, s);
      // A care leaver's death has no statutory 5-day clock: no reminder, no overdue alert.
      if (d.nature === 'care-leaver-death') return;
      await openDeadline(tx, ctx, s, {
        id: `${s.subject}/notification`,
        kind: 'notification',
        anchor: 'became-aware',
        anchorDate: str(d, 'becameAwareOn'),
        edition: guidanceEditionInForce(str(d, 'submittedOn')),
      });
      return;
    }
    case 'ReferralDecided':
      await closeDeadlines(
        tx,
        { subject: `referral-${str(d, 'referralId')}` },
        d.outcome === 'notify' ? 'met' : 'cancelled',
        str(d, 'decidedOn'),
      );
      return;
    case 'ReferralWithdrawn':
      await closeDeadlines(tx, { subject: `referral-${str(d, 'referralId')}` }, 'cancelled', str(d, 'withdrawnOn'));
      return;
    case 'IncidentNotified': {
      const id = str(d, 'incidentId');
      const notifiedOn = str(d, 'notifiedOn');
      const s: Subject = {
        subject: `incident-${id}`,
        partnership_id: str(d, 'partnershipId'),
        local_authority_code: str(d, 'localAuthorityCode'),
        reference: await referenceOf(tx, named('incident notified', d, 'notifiedOn'), d, id),
        link: `${ctx.baseUrl}/incidents/${id}`,
      };
      await saveSubject(tx, s);
      if (typeof d.referralId === 'string')
        await closeDeadlines(tx, { subject: `referral-${d.referralId}` }, 'met', notifiedOn);
      await confirm(tx, ctx, s, 'notification', `${s.subject}/notification`, notifiedOn);
      if (!rapidReviewRequired(str(d, 'nature') as IncidentNature, d.children)) return;
      const edition = str(d, 'guidanceEdition') as GuidanceEdition;
      const rule = computeDeadlines(
        { notified: notifiedOn, 'became-aware': str(d, 'becameAwareOn') },
        edition,
        ctx.calendar,
      ).find((x) => x.kind === 'rapid-review')!;
      await openDeadline(tx, ctx, s, {
        id: `${s.subject}/rapid-review`,
        kind: 'rapid-review',
        anchor: rule.anchor,
        anchorDate: rule.anchorDate,
        edition,
      });
      return;
    }
    case 'NotificationAmended': {
      const changes = (d.changes ?? {}) as { localAuthorityCode?: string };
      if (changes.localAuthorityCode) {
        await tx`update notifier.subjects set local_authority_code = ${changes.localAuthorityCode} where subject = ${`incident-${str(d, 'incidentId')}`}`;
        await tx`update notifier.deadlines set local_authority_code = ${changes.localAuthorityCode} where subject = ${`incident-${str(d, 'incidentId')}`}`;
      }
      return;
    }
    case 'NotificationWithdrawn':
      await closeDeadlines(tx, { subject: `incident-${str(d, 'incidentId')}` }, 'cancelled', day);
      return;
    case 'RapidReviewCompleted': {
      const s = await loadSubject(tx, `incident-${str(d, 'incidentId')}`);
      if (!s) throw new Error('rapid review of an incident never notified');
      const on = str(d, 'submittedOn');
      const submission = Number(d.submission ?? 1);
      await closeDeadlines(tx, { subject: s.subject, kind: 'rapid-review' }, 'met', on);
      await closeDeadlines(tx, { subject: s.subject, kind: 'panel-response' }, 'cancelled', on);
      await confirm(tx, ctx, s, 'rapid-review', `${s.subject}/rapid-review#${submission}`, on);
      const target = {
        id: `${s.subject}/panel-response#${submission}`,
        kind: 'panel-response' as const,
        anchor: 'rapid-review-submitted' as const,
      };
      await openDeadline(tx, ctx, s, { ...target, anchorDate: on, edition: 'panel-guidance-2025' });
      const due = (
        await tx<
          { due_on: string }[]
        >`select to_char(due_on, 'YYYY-MM-DD') as due_on from notifier.deadlines where deadline_id = ${target.id}`
      )[0];
      await recordEmails(
        tx,
        eventEmails(ctx, on, target.id, 'rapid-review-received', 'rapid-review-received', [ctx.panelMailbox], {
          reference: s.reference,
          local_authority: laName(s.local_authority_code),
          link: s.link,
          submitted_on: longDate(on),
          due_date: due ? longDate(due.due_on) : '',
        }),
      );
      return;
    }
    case 'PanelResponded': {
      const s = await loadSubject(tx, `incident-${str(d, 'incidentId')}`);
      if (!s) throw new Error('Panel response to an incident never notified');
      const on = str(d, 'respondedOn');
      await closeDeadlines(tx, { subject: s.subject, kind: 'panel-response' }, 'met', on);
      const recipients = await partnershipRecipients(tx, s.partnership_id, 'panel-updates');
      await recordEmails(
        tx,
        eventEmails(
          ctx,
          on,
          `${s.subject}/panel-responded@${str(d, 'respondedAt')}`,
          'panel-responded',
          'panel-responded',
          recipients,
          {
            reference: s.reference,
            local_authority: laName(s.local_authority_code),
            link: s.link,
            submitted_on: longDate(on),
          },
        ),
      );
      return;
    }
    default:
      await foldReviewEvent(tx, ctx, event);
  }
};

const foldReviewEvent = async (tx: TransactionSql, ctx: FoldContext, event: FoldedEvent): Promise<void> => {
  const d = event.data;
  if (typeof d.reviewId !== 'string') return;
  const subject = `review-${d.reviewId}`;
  switch (event.type) {
    case 'LocalReviewCommissioned': {
      const incidentIds = Array.isArray(d.incidentIds) ? (d.incidentIds as string[]) : [];
      const first = incidentIds[0] ? await loadSubject(tx, `incident-${incidentIds[0]}`) : undefined;
      const s: Subject = {
        subject,
        partnership_id: str(d, 'partnershipId'),
        local_authority_code: first?.local_authority_code ?? null,
        reference: await referenceOf(tx, named('review commissioned', d, 'commissionedOn'), d, d.reviewId),
        link: `${ctx.baseUrl}/reviews/${d.reviewId}`,
      };
      await saveSubject(tx, s);
      await openDeadline(tx, ctx, s, {
        id: `${subject}/local-review-publication`,
        kind: 'local-review-publication',
        anchor: 'review-commissioned',
        anchorDate: str(d, 'commissionedOn'),
        edition: str(d, 'guidanceEdition') as GuidanceEdition,
      });
      return;
    }
    case 'PublicationDelayed': {
      const s = await loadSubject(tx, subject);
      const expected = d.expectedPublicationOn;
      if (!s || typeof expected !== 'string') return;
      const met =
        await tx`select 1 from notifier.deadlines where deadline_id = ${`${subject}/final-report-before-publication`} and state = 'met'`;
      if (met.length) return;
      const edition = (
        await tx<{ edition: string }[]>`select edition from notifier.deadlines where subject = ${subject} limit 1`
      )[0]?.edition;
      await openDeadline(tx, ctx, s, {
        id: `${subject}/final-report-before-publication`,
        kind: 'final-report-before-publication',
        anchor: 'planned-publication',
        anchorDate: expected,
        edition: (edition ?? guidanceEditionInForce(expected)) as GuidanceEdition,
      });
      return;
    }
    case 'FinalReportSubmitted': {
      const s = await loadSubject(tx, subject);
      if (!s) return;
      const on = str(d, 'submittedOn');
      await closeDeadlines(tx, { id: `${subject}/final-report-before-publication` }, 'met', on);
      await confirm(tx, ctx, s, 'final-report-before-publication', `${subject}/final-report`, on);
      return;
    }
    case 'ReportPublished': {
      const s = await loadSubject(tx, subject);
      if (!s) return;
      const on = str(d, 'publishedOn');
      await closeDeadlines(tx, { id: `${subject}/local-review-publication` }, 'met', on);
      await confirm(tx, ctx, s, 'publication', `${subject}/publication`, on);
      return;
    }
    case 'ReviewClosed':
      if (d.reason !== 'completed') await closeDeadlines(tx, { subject }, 'cancelled', str(d, 'closedOn'));
      return;
    default:
  }
};
