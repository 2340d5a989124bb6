/**
 * The Incident type (minimised data plus deadlines and history) and its queries `incident` and `incidents`.
 * Children's personal data hangs off `personal` (incident-personal.ts), the only field that opens it.
 */
import { normaliseCaseReference } from '@cspr/domain';
import {
  countIncidents,
  getIncident,
  getIncidentByReference,
  INCIDENT_STATUSES,
  listIncidents,
} from '@cspr/read-models';
import type { IncidentView, MergedDuplicate } from '@cspr/read-models';
import { builder } from '../builder';
import { perSelection, selectedFields } from '../field-selection';
import { may, requireRecord, roleOf, userOf } from '../authorization';
import { ForbiddenError, NotFoundError } from '../client-errors';
import { awaitConsistency, CONSISTENT_AFTER_DESCRIPTION } from '../consistency';
import { badInput, forwardOnly, mapReadError, pageNumberOf, todayOf, toConnection } from '../read-access';
import { localAuthorityNameOf, partnershipNameOf } from './names';
import { DeadlineType, HistoryEntryType } from './deadline';
import {
  AgeBandEnum,
  enumName,
  EthnicityEnum,
  IncidentNatureEnum,
  LocalReviewDecisionEnum,
  PanelOutcomeEnum,
  PlacementEnum,
  SexEnum,
  WithdrawalReasonEnum,
  YesNoNotKnownEnum,
} from './vocabulary';

type Child = {
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
  under18?: boolean;
};

export const IncidentStatusEnum = builder.enumType('IncidentStatus', {
  values: Object.fromEntries(INCIDENT_STATUSES.map((value) => [enumName(value), { value }])) as Record<
    string,
    { value: (typeof INCIDENT_STATUSES)[number] }
  >,
});

const ChildCharacteristicsType = builder.objectRef<Child>('ChildCharacteristics').implement({
  description: 'A child as at notification, minimised: no name or date of birth.',
  fields: (t) => ({
    childRef: t.exposeString('childRef'),
    ageBand: t.field({ type: AgeBandEnum, resolve: (c) => c.ageBand as never }),
    sex: t.field({ type: SexEnum, resolve: (c) => c.sex as never }),
    ethnicity: t.field({ type: EthnicityEnum, resolve: (c) => c.ethnicity as never }),
    disability: t.field({ type: YesNoNotKnownEnum, resolve: (c) => c.disability as never }),
    placement: t.field({ type: PlacementEnum, resolve: (c) => c.placement as never }),
    lookedAfter: t.exposeBoolean('lookedAfter'),
    childInNeedPlan: t.exposeBoolean('childInNeedPlan'),
    childProtectionPlan: t.exposeBoolean('childProtectionPlan'),
    knownToAgencies: t.field({ type: YesNoNotKnownEnum, resolve: (c) => c.knownToAgencies as never }),
  }),
});

type RapidReviewSummary = {
  submittedAt: string;
  submittedOn: string;
  firstSubmittedOn: string;
  submission: number;
  localReviewDecision: string;
  nationalCriteriaMayBeMet: boolean;
  localCriteria: Record<string, boolean> | null;
  nationalCriteria: Record<string, boolean> | null;
  parallelProcesses: string[];
  agenciesInvolved: string[];
  signedOff: Record<string, boolean> | null;
};

const RapidReviewSummaryType = builder.objectRef<RapidReviewSummary>('RapidReviewSummary').implement({
  description: 'The latest rapid review submission, minimised (its text is in `Incident.personal`).',
  fields: (t) => ({
    submittedAt: t.exposeString('submittedAt'),
    submittedOn: t.exposeString('submittedOn'),
    firstSubmittedOn: t.exposeString('firstSubmittedOn'),
    submission: t.exposeInt('submission'),
    localReviewDecision: t.field({ type: LocalReviewDecisionEnum, resolve: (r) => r.localReviewDecision as never }),
    nationalCriteriaMayBeMet: t.exposeBoolean('nationalCriteriaMayBeMet'),
    localCriteriaMet: t.stringList({
      description: 'Names of the local criteria found met.',
      resolve: (r) =>
        Object.entries(r.localCriteria ?? {})
          .filter(([, v]) => v)
          .map(([k]) => k),
    }),
    nationalCriteriaMet: t.stringList({
      resolve: (r) =>
        Object.entries(r.nationalCriteria ?? {})
          .filter(([, v]) => v)
          .map(([k]) => k),
    }),
    parallelProcesses: t.exposeStringList('parallelProcesses'),
    agenciesInvolved: t.exposeStringList('agenciesInvolved'),
    signedOffByAllPartners: t.boolean({
      resolve: (r) => Boolean(r.signedOff && Object.values(r.signedOff).every(Boolean)),
    }),
  }),
});

type PanelResponseSummary = {
  respondedAt: string;
  respondedOn: string;
  outcome: string;
  thematicReviewTitle?: string | null;
  submission: number;
};

const PanelResponseType = builder.objectRef<PanelResponseSummary>('PanelResponse').implement({
  fields: (t) => ({
    respondedAt: t.exposeString('respondedAt'),
    respondedOn: t.exposeString('respondedOn'),
    outcome: t.field({ type: PanelOutcomeEnum, resolve: (r) => r.outcome as never }),
    thematicReviewTitle: t.string({ nullable: true, resolve: (r) => r.thematicReviewTitle ?? null }),
    submission: t.exposeInt('submission'),
  }),
});

type WithdrawalSummary = { withdrawnAt: string; reason: string; duplicateOfIncidentId?: string | null };

const WithdrawalType = builder.objectRef<WithdrawalSummary>('Withdrawal').implement({
  fields: (t) => ({
    withdrawnAt: t.exposeString('withdrawnAt'),
    reason: t.field({ type: WithdrawalReasonEnum, resolve: (w) => w.reason as never }),
    duplicateOfIncidentId: t.string({ nullable: true, resolve: (w) => w.duplicateOfIncidentId ?? null }),
    duplicateOfReference: t.string({
      nullable: true,
      description: 'The case reference of the surviving incident, when this one was a duplicate.',
      resolve: async (w, _args, ctx) =>
        w.duplicateOfIncidentId
          ? ((await getIncident(ctx.services.sql, w.duplicateOfIncidentId))?.reference ?? null)
          : null,
    }),
  }),
});

const MergedDuplicateType = builder.objectRef<MergedDuplicate>('MergedDuplicate').implement({
  fields: (t) => ({
    incidentId: t.exposeID('incidentId'),
    partnershipId: t.exposeString('partnershipId'),
    linkedBy: t.exposeString('linkedBy', { description: 'partnership or panel.' }),
    mergedAt: t.exposeString('mergedAt'),
    children: t.field({ type: [ChildCharacteristicsType], resolve: (m) => m.children as Child[] }),
  }),
});

export const IncidentType = builder.objectRef<IncidentView>('Incident').implement({
  description:
    'A notified incident, minimised. The owning partnership and the Panel see this (ACCESS_POLICY); personal data only via `personal`.',
  fields: (t) => ({
    id: t.exposeID('id'),
    reference: t.string({
      nullable: true,
      description:
        'The case reference people read and type (INC-2026-00123). Null only for an incident notified before references, until the start-up backfill runs.',
      resolve: (i) => i.reference,
    }),
    partnershipId: t.exposeString('partnershipId'),
    partnershipName: t.string({
      description: "The owning partnership's name, for people to read.",
      resolve: (i, _args, ctx) => partnershipNameOf(ctx, i.partnershipId),
    }),
    localAuthorityCode: t.exposeString('localAuthorityCode'),
    localAuthorityName: t.string({
      description: "The local authority's name, for people to read.",
      resolve: (i) => localAuthorityNameOf(i.localAuthorityCode),
    }),
    nature: t.field({ type: IncidentNatureEnum, resolve: (i) => i.nature as never }),
    status: t.field({ type: IncidentStatusEnum, resolve: (i) => i.status }),
    guidanceEdition: t.exposeString('guidanceEdition'),
    becameAwareOn: t.exposeString('becameAwareOn', { description: 'As it now stands (corrections included).' }),
    becameAwareDeclaredOn: t.exposeString('becameAwareDeclaredOn', { description: 'As declared at notification.' }),
    becameAwareClockOn: t.exposeString('becameAwareClockOn', {
      description:
        'The earliest became-aware date recorded: the 5 working days count from it, so a correction never hides a late notification.',
    }),
    incidentOn: t.exposeString('incidentOn'),
    notifiedAt: t.exposeString('notifiedAt'),
    notifiedOn: t.exposeString('notifiedOn'),
    children: t.field({ type: [ChildCharacteristicsType], resolve: (i) => i.children as Child[] }),
    rapidReviewRequired: t.exposeBoolean('rapidReviewRequired'),
    rapidReview: t.field({
      type: RapidReviewSummaryType,
      nullable: true,
      resolve: (i) => i.rapidReview as RapidReviewSummary | null,
    }),
    panelResponse: t.field({
      type: PanelResponseType,
      nullable: true,
      resolve: (i) => i.panelResponse as PanelResponseSummary | null,
    }),
    withdrawal: t.field({
      type: WithdrawalType,
      nullable: true,
      resolve: (i) => i.withdrawal as WithdrawalSummary | null,
    }),
    mergedDuplicates: t.field({
      type: [MergedDuplicateType],
      nullable: true,
      description:
        "Duplicates merged into this incident, with their children as notified: the Panel's and admins' view (null for others). The duplicate's case outline is on that incident's personal data.",
      resolve: (i, _args, ctx) => (['panel', 'admin'].includes(roleOf(ctx.principal)) ? i.mergedDuplicates : null),
    }),
    reviewIds: t.exposeIDList('reviewIds'),
    deadlines: t.field({ type: [DeadlineType], resolve: (i) => i.deadlines }),
    nextDueOn: t.exposeString('nextDueOn', { nullable: true }),
    overdue: t.exposeBoolean('overdue'),
    personalDataErased: t.exposeBoolean('personalErased'),
    history: t.field({ type: [HistoryEntryType], resolve: (i) => i.history }),
    lastEventAt: t.exposeString('lastEventAt'),
  }),
});

/**
 * The view's fields each field of Incident reads, so a list fetches only their columns. A field missing here makes
 * the list read every column (correct, only slower); schema.unit.spec.ts checks every field is listed.
 */
export const INCIDENT_FIELD_READS: Record<string, readonly (keyof IncidentView)[]> = {
  __typename: [],
  id: ['id'],
  reference: ['reference'],
  partnershipId: ['partnershipId'],
  partnershipName: ['partnershipId'],
  localAuthorityCode: ['localAuthorityCode'],
  localAuthorityName: ['localAuthorityCode'],
  nature: ['nature'],
  status: ['status'],
  guidanceEdition: ['guidanceEdition'],
  becameAwareOn: ['becameAwareOn'],
  becameAwareDeclaredOn: ['becameAwareDeclaredOn'],
  becameAwareClockOn: ['becameAwareClockOn'],
  incidentOn: ['incidentOn'],
  notifiedAt: ['notifiedAt'],
  notifiedOn: ['notifiedOn'],
  children: ['children'],
  rapidReviewRequired: ['rapidReviewRequired'],
  rapidReview: ['rapidReview'],
  panelResponse: ['panelResponse'],
  withdrawal: ['withdrawal'],
  mergedDuplicates: ['mergedDuplicates'],
  reviewIds: ['reviewIds'],
  deadlines: ['deadlines'],
  nextDueOn: ['nextDueOn'],
  overdue: ['overdue'],
  personalDataErased: ['personalErased'],
  history: ['history'],
  lastEventAt: ['lastEventAt'],
  // incident-personal.ts: the owner decides who may open it, the sealed parts are what is opened.
  personal: ['id', 'partnershipId', 'personalErased', 'sealedPersonal'],
};

/** The view's fields a selection of Incident fields reads; undefined (read all) if one is not in the table. */
const viewFieldsOf = (selected: Iterable<string>): (keyof IncidentView)[] | undefined => {
  const fields: (keyof IncidentView)[] = [];
  for (const name of selected) {
    const reads = INCIDENT_FIELD_READS[name];
    if (!reads) return undefined;
    fields.push(...reads);
  }
  return fields;
};

/** What a list's selection reads: the view's fields of its nodes, and whether totalCount is asked for. */
const listSelection = perSelection((info) => ({
  nodeFields: viewFieldsOf(new Set([...selectedFields(info, ['edges', 'node']), ...selectedFields(info, ['nodes'])])),
  counted: selectedFields(info).has('totalCount'),
}));

builder.queryField('incident', (t) =>
  t.field({
    type: IncidentType,
    description: "One incident. Another partnership's incident is NOT FOUND, as is an unknown id.",
    args: {
      id: t.arg.id(),
      consistentAfter: t.arg.string({ required: false, description: CONSISTENT_AFTER_DESCRIPTION }),
    },
    errors: { types: [NotFoundError, ForbiddenError], directResult: true, union: { name: 'IncidentResult' } },
    authScopes: may('incident'),
    resolve: async (_root, args, ctx) => {
      await awaitConsistency(ctx, args.consistentAfter);
      const incident = await getIncident(ctx.services.sql, String(args.id), todayOf(ctx));
      requireRecord(
        ctx,
        'incident',
        'incident',
        incident ? { owner: incident.partnershipId } : undefined,
        `Incident ${String(args.id)}`,
      );
      return incident!;
    },
  }),
);

builder.queryField('incidentByReference', (t) =>
  t.field({
    type: IncidentType,
    description:
      "One incident by its case reference (INC-2026-00123, any case). Another partnership's incident is NOT FOUND, as is an unknown reference.",
    args: {
      reference: t.arg.string(),
      consistentAfter: t.arg.string({ required: false, description: CONSISTENT_AFTER_DESCRIPTION }),
    },
    errors: {
      types: [NotFoundError, ForbiddenError],
      directResult: true,
      union: { name: 'IncidentByReferenceResult' },
    },
    authScopes: may('incidentByReference'),
    resolve: async (_root, args, ctx) => {
      await awaitConsistency(ctx, args.consistentAfter);
      const reference = normaliseCaseReference(args.reference);
      const incident = reference ? await getIncidentByReference(ctx.services.sql, reference, todayOf(ctx)) : null;
      requireRecord(
        ctx,
        'incidentByReference',
        'incidentByReference',
        incident ? { owner: incident.partnershipId } : undefined,
        `Incident ${reference ?? 'reference'}`,
      );
      return incident!;
    },
  }),
);

export const IncidentOrderEnum = builder.enumType('IncidentOrder', {
  description:
    'NEWEST: newest notification first. MOST_URGENT: overdue first, then the nearest date due, over every matching record.',
  values: { NEWEST: { value: 'newest' as const }, MOST_URGENT: { value: 'most-urgent' as const } },
});

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const dateArg = (value: string | null | undefined, field: string): string | undefined => {
  if (value == null) return undefined;
  if (!DATE.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`)))
    throw badInput(`${field} must be a date as YYYY-MM-DD`, field);
  return value;
};

builder.queryField('incidents', (t) =>
  t.connection({
    type: IncidentType,
    description:
      'Incidents, newest notification first (or most urgent first). A partnership sees only its own (its id is applied as the filter). ' +
      'Pages by cursor (first/after) or by page number (first/page); totalCount counts every match.',
    args: {
      partnershipId: t.arg.string({ required: false }),
      reference: t.arg.string({
        required: false,
        description: 'A case reference (INC-2026-00123, any case): that incident only.',
      }),
      localAuthorityCode: t.arg.string({ required: false }),
      notifiedFrom: t.arg.string({
        required: false,
        description: 'Notified on or after this date (YYYY-MM-DD, England).',
      }),
      notifiedTo: t.arg.string({
        required: false,
        description: 'Notified on or before this date (YYYY-MM-DD, England).',
      }),
      order: t.arg({ type: IncidentOrderEnum, required: false }),
      page: t.arg.int({
        required: false,
        description: '1-based page number of `first` items (GOV.UK pagination); `after` is ignored when given.',
      }),
      status: t.arg({ type: IncidentStatusEnum, required: false }),
      nature: t.arg({ type: IncidentNatureEnum, required: false }),
      overdue: t.arg.boolean({
        required: false,
        description: 'true: only incidents with a deadline past and not met today.',
      }),
      consistentAfter: t.arg.string({ required: false, description: CONSISTENT_AFTER_DESCRIPTION }),
    },
    authScopes: may('incidents'),
    resolve: async (_root, args, ctx, info) => {
      forwardOnly(args);
      let partnershipId = args.partnershipId ?? undefined;
      if (roleOf(ctx.principal) === 'partnership') {
        const user = userOf(ctx.principal);
        if (partnershipId !== undefined && partnershipId !== user.partnershipId)
          throw badInput('A partnership may list only its own incidents', 'partnershipId');
        partnershipId = user.partnershipId;
      }
      let reference: string | undefined;
      if (args.reference != null && args.reference.trim() !== '') {
        reference = normaliseCaseReference(args.reference);
        if (!reference) throw badInput('reference must be a case reference such as INC-2026-00123', 'reference');
      }
      const page = pageNumberOf(args.page);
      const filters = {
        ...todayOf(ctx),
        ...(partnershipId !== undefined ? { partnershipId } : {}),
        ...(args.status ? { status: args.status } : {}),
        ...(args.nature ? { nature: args.nature } : {}),
        ...(args.localAuthorityCode ? { localAuthorityCode: args.localAuthorityCode } : {}),
        ...(reference ? { reference } : {}),
        ...(dateArg(args.notifiedFrom, 'notifiedFrom') ? { notifiedFrom: args.notifiedFrom! } : {}),
        ...(dateArg(args.notifiedTo, 'notifiedTo') ? { notifiedTo: args.notifiedTo! } : {}),
        ...(args.overdue != null ? { overdue: args.overdue } : {}),
      };
      await awaitConsistency(ctx, args.consistentAfter);
      try {
        const urgent = args.order === 'most-urgent';
        // A list page shows a few of a row's fields: read only their columns (history and the sealed parts are
        // most of a row's bytes), and count in the same statement only when totalCount is asked for.
        const { nodeFields, counted } = listSelection(info);
        const listed = await listIncidents(ctx.services.sql, {
          ...filters,
          count: counted,
          ...(nodeFields ? { fields: nodeFields } : {}),
          ...(args.order ? { order: args.order } : {}),
          ...(args.first != null ? { first: args.first } : {}),
          ...(page !== undefined ? { page } : args.after ? { after: args.after } : {}),
        });
        const keyOf = (i: IncidentView) =>
          urgent ? [i.nextDueOn === null ? '1' : '0', i.nextDueOn ?? '', i.notifiedAt, i.id] : [i.notifiedAt, i.id];
        // Counted already when totalCount was seen in the selection; else counted on its own if asked after all.
        return toConnection(
          listed,
          keyOf,
          page !== undefined && page > 1 ? 'page' : args.after,
          listed.totalCount === null ? () => countIncidents(ctx.services.sql, filters) : undefined,
        );
      } catch (error) {
        throw mapReadError(error);
      }
    },
  }),
);
