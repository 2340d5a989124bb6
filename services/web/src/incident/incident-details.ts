/** An incident read in full: the notification, children, deadlines, rapid review, Panel response and history. */
import { summaryList, table } from '../app/components';
import { daysLeftText, deadlineTag, formatDate, type DeadlineLike } from '../app/deadline';
import { html, type Html } from '../app/html';
import { todayInEngland } from '../app/dates';
import { macro } from '../server/macros';
import {
  AGE_BANDS,
  AMENDMENT_REASONS,
  AGENCIES,
  deadlineLabel,
  ETHNICITIES,
  INCIDENT_STATUSES,
  labelOf,
  LOCAL_CRITERIA,
  LOCAL_DECISIONS,
  NATIONAL_CRITERIA,
  NATURES,
  PANEL_OUTCOMES,
  PARALLEL_PROCESSES,
  PLACEMENTS,
  SEXES,
  YES_NO_NOT_KNOWN,
} from '../app/vocabulary';

export type RapidReviewText = {
  facts: string;
  agencySummaries: string[];
  keyPracticeEpisodes: string;
  livedExperience: string;
  immediateActions: string;
  learningIdentified: string;
  decisionReasons: string;
};
export type IncidentDetails = {
  id: string;
  /** INC-2026-00123: null only before the start-up backfill gives an old incident its reference. */
  reference: string | null;
  partnershipId: string;
  partnershipName: string;
  localAuthorityCode: string;
  localAuthorityName: string;
  nature: string;
  status: string;
  guidanceEdition: string;
  becameAwareOn: string;
  incidentOn: string;
  notifiedOn: string;
  rapidReviewRequired: boolean;
  reviewIds: string[];
  children: {
    childRef: string;
    ageBand: string;
    sex: string;
    ethnicity: string;
    disability: string;
    placement: string;
    lookedAfter: boolean;
    childInNeedPlan: boolean;
    childProtectionPlan: boolean;
    knownToAgencies: string;
  }[];
  deadlines: (DeadlineLike & { statutory: boolean; description: string })[];
  rapidReview: {
    submittedOn: string;
    submission: number;
    localReviewDecision: string;
    nationalCriteriaMayBeMet: boolean;
    localCriteriaMet: string[];
    nationalCriteriaMet: string[];
    parallelProcesses: string[];
    agenciesInvolved: string[];
    signedOffByAllPartners: boolean;
  } | null;
  panelResponse: {
    respondedOn: string;
    outcome: string;
    thematicReviewTitle: string | null;
    submission: number;
  } | null;
  withdrawal: { withdrawnAt: string; reason: string; duplicateOfReference?: string | null } | null;
  history: {
    type: string;
    occurredAt: string;
    on: string | null;
    actorRole: string;
    /** Why an amendment was made; null for other events and for amendments recorded before it was asked. */
    reason?: string | null;
    changes?: { field: string; from: string | null; to: string | null }[];
  }[];
  personal: {
    erased: boolean;
    location: string | null;
    caseOutline: string | null;
    incidentTime: string | null;
    supportingDocuments: string[];
    panelComments: string[];
    withdrawalExplanation?: string | null;
    notifier: { name: string; role: string; email: string; phone: string | null } | null;
    children: { childRef: string; name: string; dateOfBirth: string | null; ageInYears: number | null }[];
    rapidReviews: RapidReviewText[];
  } | null;
};

const yesNo = (value: boolean) => (value ? 'Yes' : 'No');
const list = (items: string[]) =>
  items.length ? html`<ul class="govuk-list">${items.map((i) => html`<li>${i}</li>`)}</ul>` : 'None';
const paragraphs = (text: string | null | undefined) => (text ? html`<div class="app-pre">${text}</div>` : null);

export const notificationSummary = (i: IncidentDetails): Html => html`
  <h2 class="govuk-heading-m">Notification</h2>
  ${summaryList([
    ['Nature', labelOf(NATURES, i.nature)],
    ['Status', labelOf(INCIDENT_STATUSES, i.status)],
    ['Reference', i.reference],
    ['Partnership', i.partnershipName],
    ['Local authority', i.localAuthorityName],
    ['Became aware', formatDate(i.becameAwareOn)],
    ['Incident date', `${formatDate(i.incidentOn)}${i.personal?.incidentTime ? ` at ${i.personal.incidentTime}` : ''}`],
    ['Notified', formatDate(i.notifiedOn)],
    ['Where', i.personal?.location],
    ['Case outline', paragraphs(i.personal?.caseOutline)],
    ['Supporting documents', i.personal ? list(i.personal.supportingDocuments) : null],
    [
      'Notified by',
      i.personal?.notifier
        ? `${i.personal.notifier.name}, ${i.personal.notifier.role} (${i.personal.notifier.email})`
        : null,
    ],
  ])}
  ${i.personal?.erased ? html`<div class="govuk-inset-text">Personal data of this incident has been erased.</div>` : ''}`;

export const childrenSummary = (i: IncidentDetails): Html => html`
  ${i.children.map((c, n) => {
    const personal = i.personal?.children.find((p) => p.childRef === c.childRef);
    return html`<h3 class="govuk-heading-s">Child ${n + 1}${personal ? html`: ${personal.name}` : ''}</h3>
    ${summaryList([
      [
        'Date of birth or age',
        personal?.dateOfBirth
          ? formatDate(personal.dateOfBirth)
          : personal?.ageInYears != null
            ? `${personal.ageInYears} years`
            : null,
      ],
      ['Age band', labelOf(AGE_BANDS, c.ageBand)],
      ['Sex', labelOf(SEXES, c.sex)],
      ['Ethnic group', labelOf(ETHNICITIES, c.ethnicity)],
      ['Disability', labelOf(YES_NO_NOT_KNOWN, c.disability)],
      ['Living', labelOf(PLACEMENTS, c.placement)],
      ['Looked after', yesNo(c.lookedAfter)],
      ['Child in need plan', yesNo(c.childInNeedPlan)],
      ['Child protection plan', yesNo(c.childProtectionPlan)],
      ['Known to agencies', labelOf(YES_NO_NOT_KNOWN, c.knownToAgencies)],
    ])}`;
  })}`;

export const deadlinesTable = (i: IncidentDetails): Html =>
  table({
    caption: 'Deadlines',
    head: ['Step', 'Due', 'Days', 'Status'],
    rows: i.deadlines.map((d) => [
      html`${deadlineLabel(d.kind)}${d.statutory ? '' : html`<br><span class="govuk-body-s">Service target, not statutory</span>`}`,
      formatDate(d.dueOn),
      daysLeftText(d),
      deadlineTag(d),
    ]),
  });

const criteriaWords = (met: string[], options: { value: string; label: string }[]) =>
  list(met.map((m) => labelOf(options, m)));

export const rapidReviewSummary = (i: IncidentDetails): Html => {
  const r = i.rapidReview;
  if (!r) return html``;
  const text = i.personal?.rapidReviews.at(-1);
  return html`<h2 class="govuk-heading-m">Rapid review${r.submission > 1 ? ` (submission ${r.submission})` : ''}</h2>
    ${summaryList([
      ['Sent to the Panel', formatDate(r.submittedOn)],
      ['Decision', labelOf(LOCAL_DECISIONS, r.localReviewDecision)],
      ['Local criteria met', criteriaWords(r.localCriteriaMet, LOCAL_CRITERIA)],
      [
        'National criteria may be met',
        html`${yesNo(r.nationalCriteriaMayBeMet)}${r.nationalCriteriaMet.length ? criteriaWords(r.nationalCriteriaMet, NATIONAL_CRITERIA) : ''}`,
      ],
      ['Parallel processes', list(r.parallelProcesses.map((p) => labelOf(PARALLEL_PROCESSES, p)))],
      ['Agencies involved', list(r.agenciesInvolved.map((a) => labelOf(AGENCIES, a)))],
      ['Signed off by all three partners', yesNo(r.signedOffByAllPartners)],
    ])}
    ${
      text
        ? summaryList([
            ['Facts of the case', paragraphs(text.facts)],
            [
              'Agencies’ involvement',
              list(
                text.agencySummaries.map((s) =>
                  s.replace(/^([a-z-]+):/, (_m, a: string) => `${labelOf(AGENCIES, a)}:`),
                ),
              ),
            ],
            ['Key practice episodes', paragraphs(text.keyPracticeEpisodes)],
            ['The child’s lived experience', paragraphs(text.livedExperience)],
            ['Immediate safeguarding actions', paragraphs(text.immediateActions)],
            ['Learning identified', paragraphs(text.learningIdentified)],
            ['Reasons for the decision', paragraphs(text.decisionReasons)],
          ])
        : ''
    }`;
};

export const panelResponseSummary = (i: IncidentDetails): Html => {
  const p = i.panelResponse;
  if (!p) return html``;
  return html`<h2 class="govuk-heading-m">Panel response</h2>${summaryList([
    ['Responded', formatDate(p.respondedOn)],
    ['Outcome', labelOf(PANEL_OUTCOMES, p.outcome)],
    ...(p.thematicReviewTitle ? [['Thematic review', p.thematicReviewTitle] as [string, string]] : []),
    ['Comments', paragraphs(i.personal?.panelComments.at(-1))],
  ])}`;
};

const EVENT_WORDS: Record<string, string> = {
  IncidentNotified: 'Incident notified',
  NotificationAmended: 'Notification amended',
  NotificationWithdrawn: 'Notification withdrawn',
  RapidReviewCompleted: 'Rapid review sent to the Panel',
  PanelResponded: 'Panel responded',
  IncidentLinkedToReview: 'Linked to a review',
  PersonalDataErased: 'Personal data erased',
};

const CHANGED_ANSWERS: Record<string, string> = {
  nature: 'What happened',
  localAuthorityCode: 'Local authority',
  becameAwareOn: 'Became aware',
  incidentOn: 'Incident date',
};

/**
 * An amendment's old and new answer, in words: dates formatted, natures named, local authorities by name (the
 * names the page knows, else the words "another local authority" rather than a code).
 */
const changedValue = (field: string, value: string | null, authorityNames: Record<string, string>): string => {
  if (value === null || value === '') return 'not given';
  if (field === 'nature') return labelOf(NATURES, value);
  if (field === 'becameAwareOn' || field === 'incidentOn') return formatDate(value);
  if (field === 'localAuthorityCode') return authorityNames[value] ?? 'another local authority';
  return value;
};

/** Amendments recorded before a reason was asked for have none: say so rather than leave a gap. */
const amendmentReasonWords = (reason: string | null | undefined): string =>
  reason ? labelOf(AMENDMENT_REASONS, reason) : 'not recorded';

/** The incident's history is its event stream, shown with the MoJ timeline; an amendment lists each answer's old and new value. */
export const historyTimeline = (i: IncidentDetails, authorityNames: Record<string, string> = {}): Html => html`
  <h2 class="govuk-heading-m">History</h2>
  ${macro('moj', 'timeline', {
    headingLevel: 3,
    items: [...i.history].reverse().map((h) => ({
      label: { text: EVENT_WORDS[h.type] ?? h.type },
      byline: { text: h.actorRole },
      datetime: { timestamp: h.on ?? h.occurredAt, type: 'date' },
      ...(h.changes?.length || h.type === 'NotificationAmended'
        ? {
            html: String(
              html`${h.type === 'NotificationAmended' ? html`<p class="govuk-body">Why: ${amendmentReasonWords(h.reason)}</p>` : ''}${
                h.changes?.length
                  ? html`<ul class="govuk-list">${h.changes
                      .filter((c) => CHANGED_ANSWERS[c.field])
                      .map(
                        (c) =>
                          html`<li>${CHANGED_ANSWERS[c.field]}: was ${changedValue(c.field, c.from, authorityNames)}, now ${changedValue(c.field, c.to, authorityNames)}</li>`,
                      )}</ul>`
                  : ''
              }`,
            ),
          }
        : {}),
    })),
  })}`;

const WITHDRAWAL_WORDS: Record<string, string> = {
  DUPLICATE: 'It duplicates another notification',
  CRITERIA_NOT_MET: 'The criteria for a notification are not met',
  NOTIFIED_IN_ERROR: 'It was notified in error',
};

export const withdrawalSummary = (i: IncidentDetails): Html => {
  const w = i.withdrawal;
  if (!w) return html``;
  return html`<h2 class="govuk-heading-m">Withdrawal</h2>${summaryList([
    ['Withdrawn', formatDate(todayInEngland(new Date(w.withdrawnAt)))],
    ['Reason', WITHDRAWAL_WORDS[w.reason] ?? w.reason],
    ...(w.duplicateOfReference ? [['The incident that stays', w.duplicateOfReference] as [string, string]] : []),
    ['Explanation', paragraphs(i.personal?.withdrawalExplanation)],
  ])}`;
};
