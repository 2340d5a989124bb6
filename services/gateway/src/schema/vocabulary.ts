/**
 * GraphQL enums built from the domain's value lists, so the schema can never drift from the deciders.
 * Domain values are kebab-case (`child-death`); GraphQL names are CONSTANT_CASE (`CHILD_DEATH`) with the
 * domain value as the internal value, so resolvers see domain values only.
 */
import {
  AGE_BANDS,
  AGENCIES,
  ETHNICITIES,
  GUIDANCE_EDITIONS,
  INCIDENT_NATURES,
  LOCAL_REVIEW_DECISIONS,
  PANEL_OUTCOMES,
  PARALLEL_PROCESSES,
  PLACEMENTS,
  SEXES,
  WITHDRAWAL_REASONS,
  AMENDMENT_REASONS,
  YES_NO_NOT_KNOWN,
  ACTION_STATUSES,
  DELAY_REASONS,
  DOCUMENT_KINDS,
  PUBLICATION_KINDS,
  REPORT_RECIPIENTS,
  REVIEW_CLOSE_REASONS,
  REVIEW_MODELS,
  REVIEW_LISTING_KINDS,
} from '@cspr/domain';
import { builder } from '../builder';

/** `1-5` has no GraphQL name of its own: values starting with a digit take `digitPrefix` (AGE_1_5). */
export const enumName = (value: string, digitPrefix = 'V_'): string =>
  `${/^\d/.test(value) ? digitPrefix : ''}${value.replace(/[^A-Za-z0-9]+/g, '_').toUpperCase()}`;

const domainEnum = <const T extends string>(
  name: string,
  values: readonly T[],
  description: string,
  digitPrefix?: string,
) =>
  builder.enumType(name, {
    description,
    values: Object.fromEntries(values.map((value) => [enumName(value, digitPrefix), { value }])) as Record<
      string,
      { value: T }
    >,
  });

export const IncidentNatureEnum = domainEnum(
  'IncidentNature',
  INCIDENT_NATURES,
  'The nature of notification (docs/architecture.md "Domain facts").',
);
export const AgeBandEnum = domainEnum(
  'AgeBand',
  AGE_BANDS,
  'Age band at notification, as DfE statistics use them.',
  'AGE_',
);
export const SexEnum = domainEnum('Sex', SEXES, 'Sex as recorded at notification.');
export const EthnicityEnum = domainEnum('Ethnicity', ETHNICITIES, 'ONS 2021 census high-level ethnic group.');
export const YesNoNotKnownEnum = domainEnum('YesNoNotKnown', YES_NO_NOT_KNOWN, 'Yes, no or not known.');
export const PlacementEnum = domainEnum(
  'Placement',
  PLACEMENTS,
  'Where the child was placed at the time of the incident.',
);
export const GuidanceEditionEnum = domainEnum(
  'GuidanceEdition',
  GUIDANCE_EDITIONS,
  'The guidance edition whose deadline rules apply.',
);
export const WithdrawalReasonEnum = domainEnum(
  'WithdrawalReason',
  WITHDRAWAL_REASONS,
  'Why a notification was withdrawn.',
);
export const AmendmentReasonEnum = domainEnum(
  'AmendmentReason',
  AMENDMENT_REASONS,
  'Why a notification was amended: a choice, never free text, so it holds no personal data.',
);
export const ParallelProcessEnum = domainEnum(
  'ParallelProcess',
  PARALLEL_PROCESSES,
  'A process running beside the review.',
);
export const AgencyEnum = domainEnum('Agency', AGENCIES, 'An agency involved with the child or family.');
export const PanelOutcomeEnum = domainEnum('PanelOutcome', PANEL_OUTCOMES, "The Panel's response to a rapid review.");
export const LocalReviewDecisionEnum = domainEnum(
  'LocalReviewDecision',
  LOCAL_REVIEW_DECISIONS,
  "The partnership's decision on a local review.",
);
export const DelayReasonEnum = domainEnum(
  'DelayReason',
  DELAY_REASONS,
  'Why publication is delayed (reasons go to the Panel).',
);
export const ReportRecipientEnum = domainEnum(
  'ReportRecipient',
  REPORT_RECIPIENTS,
  'Who receives the final report before publication.',
);
export const DocumentKindEnum = domainEnum(
  'DocumentKind',
  DOCUMENT_KINDS,
  'Kinds of published document seen on partnership pages.',
);
export const ReviewListingKindEnum = domainEnum(
  'ReviewListingKind',
  REVIEW_LISTING_KINDS,
  'The heading a partnership page lists a review under (serious case reviews came before 2019).',
);
export const ReviewModelEnum = domainEnum('ReviewModel', REVIEW_MODELS, 'The review model (NSPCC record).');
export const ActionStatusEnum = domainEnum('ActionStatus', ACTION_STATUSES, 'Progress of one action of the plan.');
export const PublicationKindEnum = domainEnum(
  'PublicationKind',
  PUBLICATION_KINDS,
  'Full report, or information about the improvements only.',
);
export const CloseReasonEnum = domainEnum('ReviewCloseReason', REVIEW_CLOSE_REASONS, 'Why a review is closed.');
