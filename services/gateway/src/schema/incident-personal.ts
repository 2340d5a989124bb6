/**
 * `Incident.personal`: the children's personal data and free text of an incident, opened through
 * personal-data-access.ts (authorization + audited decryption) and nowhere else. Owning partnership and Panel only;
 * for anyone else the field is a FORBIDDEN error and stays null. After erasure it answers `erased: true`.
 */
import type { ChildPersonalData, NotificationPersonalData, RapidReviewCompleted } from '@cspr/domain';
import type { IncidentView } from '@cspr/read-models';
import { createGraphQLError } from 'graphql-yoga';
import { builder } from '../builder';
import { ForbiddenError } from '../client-errors';
import { openPersonalParts } from '../personal-data-access';
import { IncidentType } from './incident';

type RapidReviewText = RapidReviewCompleted['personal'];

type IncidentPersonal = {
  erased: boolean;
  notification: Partial<NotificationPersonalData> | null;
  withdrawalExplanation: string | null;
  rapidReviews: RapidReviewText[];
  panelComments: string[];
};

const AUDITED_FIELDS = [
  'notifier',
  'location',
  'caseOutline',
  'incidentTime',
  'children.name',
  'children.dateOfBirth',
  'supportingDocuments',
  'withdrawal.explanation',
  'rapidReview.text',
  'panelResponse.comments',
];

const ERASED: IncidentPersonal = {
  erased: true,
  notification: null,
  withdrawalExplanation: null,
  rapidReviews: [],
  panelComments: [],
};

const openIncidentPersonal = async (
  ctx: Parameters<typeof openPersonalParts>[0],
  incident: IncidentView,
): Promise<IncidentPersonal> => {
  const sealed = incident.sealedPersonal;
  if (incident.personalErased || !sealed) return ERASED;
  // Amendments carry the whole merged part (packages/application); a read model that keeps them as a list is
  // read by merging in order, one that keeps only the latest part has none: both give the current record.
  const amendments = (sealed as { amendments?: unknown[] }).amendments ?? [];
  const parts: unknown[] = [
    sealed.notification,
    ...amendments,
    ...(sealed.withdrawal ? [sealed.withdrawal] : []),
    ...(sealed.rapidReviews ?? []),
    ...(sealed.panelResponses ?? []),
  ];
  const opened = await openPersonalParts<Record<string, unknown>>(
    ctx,
    {
      subjectId: incident.id,
      owners: [incident.partnershipId],
      fields: AUDITED_FIELDS,
      purpose: 'incident.personal',
    },
    parts,
  );
  if (opened.status === 'erased') return ERASED;
  const values = [...opened.values];
  let notification = values.shift() as Partial<NotificationPersonalData>;
  for (let i = 0; i < amendments.length; i += 1)
    notification = { ...notification, ...(values.shift() as Partial<NotificationPersonalData>) };
  const withdrawal = sealed.withdrawal ? (values.shift() as { explanation?: string }) : null;
  const rapidReviews = (sealed.rapidReviews ?? []).map(() => values.shift() as RapidReviewText);
  const panelComments = (sealed.panelResponses ?? []).map(() =>
    String((values.shift() as { comments?: string }).comments ?? ''),
  );
  return {
    erased: false,
    notification,
    withdrawalExplanation: withdrawal?.explanation ?? null,
    rapidReviews,
    panelComments,
  };
};

const NotifierType = builder.objectRef<NotificationPersonalData['notifier']>('Notifier').implement({
  fields: (t) => ({
    name: t.exposeString('name'),
    role: t.exposeString('role'),
    email: t.exposeString('email'),
    phone: t.string({ nullable: true, resolve: (n) => n.phone ?? null }),
  }),
});

const ChildPersonalType = builder.objectRef<ChildPersonalData>('ChildPersonalData').implement({
  fields: (t) => ({
    childRef: t.exposeString('childRef'),
    name: t.exposeString('name'),
    dateOfBirth: t.string({ nullable: true, resolve: (c) => c.dateOfBirth ?? null }),
    ageInYears: t.int({ nullable: true, resolve: (c) => c.ageInYears ?? null }),
  }),
});

const RapidReviewTextType = builder.objectRef<RapidReviewText>('RapidReviewText').implement({
  description: 'The text of one rapid review submission.',
  fields: (t) => ({
    facts: t.exposeString('facts'),
    agencySummaries: t.stringList({ resolve: (r) => r.agencySummaries.map((a) => `${a.agency}: ${a.summary}`) }),
    keyPracticeEpisodes: t.exposeString('keyPracticeEpisodes'),
    livedExperience: t.exposeString('livedExperience'),
    immediateActions: t.exposeString('immediateActions'),
    learningIdentified: t.exposeString('learningIdentified'),
    decisionReasons: t.exposeString('decisionReasons'),
  }),
});

const IncidentPersonalType = builder.objectRef<IncidentPersonal>('IncidentPersonalData').implement({
  description: 'Personal data of an incident. Every read is audited (who, what, why).',
  fields: (t) => ({
    erased: t.exposeBoolean('erased', {
      description: 'True after lawful erasure: the data key is destroyed and nothing below can be read.',
    }),
    notifier: t.field({ type: NotifierType, nullable: true, resolve: (p) => p.notification?.notifier ?? null }),
    location: t.string({ nullable: true, resolve: (p) => p.notification?.location ?? null }),
    caseOutline: t.string({ nullable: true, resolve: (p) => p.notification?.caseOutline ?? null }),
    incidentTime: t.string({ nullable: true, resolve: (p) => p.notification?.incidentTime ?? null }),
    children: t.field({ type: [ChildPersonalType], resolve: (p) => p.notification?.children ?? [] }),
    supportingDocuments: t.stringList({ resolve: (p) => p.notification?.supportingDocuments ?? [] }),
    withdrawalExplanation: t.exposeString('withdrawalExplanation', { nullable: true }),
    rapidReviews: t.field({
      type: [RapidReviewTextType],
      description: 'One per submission, oldest first.',
      resolve: (p) => p.rapidReviews,
    }),
    panelComments: t.exposeStringList('panelComments', { description: "The Panel's comments, one per response." }),
  }),
});

builder.objectField(IncidentType, 'personal', (t) =>
  t.field({
    type: IncidentPersonalType,
    nullable: true,
    description:
      "Children's personal data and free text: the owning partnership and the Panel only; every read audited.",
    resolve: async (incident, _args, ctx) => {
      try {
        return await openIncidentPersonal(ctx, incident);
      } catch (error) {
        if (error instanceof ForbiddenError)
          throw createGraphQLError(error.message, { extensions: { code: 'FORBIDDEN' } });
        throw error;
      }
    },
  }),
);
