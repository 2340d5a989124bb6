/**
 * Plain-words labels for the gateway's enums. GraphQL names are the domain values in CONSTANT_CASE
 * (`child-death` → `CHILD_DEATH`); the lists mirror packages/domain (incident-events.ts, review-events.ts).
 */
export type Option = { value: string; label: string; hint?: string };

export const NATURES: Option[] = [
  {
    value: 'CHILD_DEATH',
    label: 'Child death',
    hint: 'Abuse or neglect known or suspected, including suspected suicide',
  },
  {
    value: 'SERIOUS_HARM',
    label: 'Serious harm',
    hint: 'Abuse or neglect known or suspected; includes long-term impairment of health or development',
  },
  {
    value: 'OTHER_HARM_CAUSED_BY_CHILD',
    label: 'Other: a child caused serious harm to someone else',
    hint: 'The child was themselves abused or neglected',
  },
  {
    value: 'LOOKED_AFTER_CHILD_DEATH',
    label: 'Death of a looked-after child',
    hint: 'No abuse or neglect suspected: goes to DfE and Ofsted, not considered by the Panel',
  },
  {
    value: 'CARE_LEAVER_DEATH',
    label: 'Death of a care leaver aged up to 24',
    hint: 'A rapid review is needed only if under 18 and the criteria are met',
  },
];
export const SEXES: Option[] = [
  { value: 'FEMALE', label: 'Female' },
  { value: 'MALE', label: 'Male' },
  { value: 'NOT_KNOWN', label: 'Not known' },
];
export const ETHNICITIES: Option[] = [
  { value: 'ASIAN', label: 'Asian or Asian British' },
  { value: 'BLACK', label: 'Black, Black British, Caribbean or African' },
  { value: 'MIXED', label: 'Mixed or multiple ethnic groups' },
  { value: 'WHITE', label: 'White' },
  { value: 'OTHER', label: 'Other ethnic group' },
  { value: 'NOT_KNOWN', label: 'Not known' },
];
export const YES_NO_NOT_KNOWN: Option[] = [
  { value: 'YES', label: 'Yes' },
  { value: 'NO', label: 'No' },
  { value: 'NOT_KNOWN', label: 'Not known' },
];
export const PLACEMENTS: Option[] = [
  { value: 'AT_HOME', label: 'At home' },
  { value: 'FOSTER_CARE', label: 'Foster care' },
  { value: 'RESIDENTIAL_HOME', label: 'Residential home' },
  { value: 'HOSPITAL', label: 'Hospital' },
  { value: 'OTHER', label: 'Other (for example custody or lodgings)' },
];
export const PARALLEL_PROCESSES: Option[] = [
  { value: 'POLICE_INVESTIGATION', label: 'Police investigation' },
  { value: 'INQUEST', label: 'Inquest' },
  { value: 'CHILD_DEATH_REVIEW', label: 'Child death review' },
  { value: 'DOMESTIC_HOMICIDE_REVIEW', label: 'Domestic homicide review' },
  { value: 'SAFEGUARDING_ADULTS_REVIEW', label: 'Safeguarding adults review' },
];
export const AGENCIES: Option[] = [
  { value: 'LOCAL_AUTHORITY_CHILDRENS_SOCIAL_CARE', label: "Children's social care" },
  { value: 'POLICE', label: 'Police' },
  { value: 'HEALTH', label: 'Health' },
  { value: 'EDUCATION', label: 'Education' },
  { value: 'PROBATION', label: 'Probation' },
  { value: 'HOUSING', label: 'Housing' },
  { value: 'VOLUNTARY_SECTOR', label: 'Voluntary sector' },
  { value: 'OTHER', label: 'Other agency' },
];
export const PANEL_OUTCOMES: Option[] = [
  { value: 'AGREED', label: 'Agree with the local decision' },
  { value: 'RECONSIDER', label: 'Ask the partners to reconsider' },
  { value: 'NATIONAL_REVIEW', label: 'Commission a national review' },
  { value: 'NATIONAL_THEMATIC_REVIEW', label: 'Include in a national thematic review' },
];
export const DELAY_REASONS: Option[] = [
  { value: 'CRIMINAL_PROCEEDINGS', label: 'Criminal proceedings' },
  { value: 'INQUEST', label: 'Inquest' },
  { value: 'FAMILY_WISHES', label: "Family's wishes" },
  { value: 'OTHER', label: 'Other reason' },
];
export const DOCUMENT_KINDS: Option[] = [
  { value: 'OVERVIEW_REPORT', label: 'Overview report' },
  { value: 'EXECUTIVE_SUMMARY', label: 'Executive summary' },
  { value: 'LEARNING_SUMMARY', label: 'Learning summary or briefing' },
  { value: 'PRESS_STATEMENT', label: 'Press statement' },
  { value: 'AGENCY_RESPONSE', label: 'Agency statement or response' },
  { value: 'ACTION_PLAN', label: 'Action plan' },
  { value: 'PROGRESS_REPORT', label: 'Progress report' },
  { value: 'ACCESSIBLE_SUMMARY', label: 'Accessible summary' },
  { value: 'SUMMARY_FOR_CHILDREN', label: 'Summary for children and young people' },
  { value: 'RECOMMENDATIONS', label: 'Recommendations' },
];
export const ACTION_STATUSES: Option[] = [
  { value: 'NOT_STARTED', label: 'Not started' },
  { value: 'IN_PROGRESS', label: 'In progress' },
  { value: 'COMPLETED', label: 'Completed' },
  { value: 'OVERDUE', label: 'Overdue' },
];
export const REVIEW_MODELS: Option[] = [
  { value: 'LCSPR', label: 'Local child safeguarding practice review' },
  { value: 'SYSTEMS_LEARNING', label: 'Systems learning' },
  { value: 'APPRECIATIVE_INQUIRY', label: 'Appreciative inquiry' },
  { value: 'NATIONAL', label: 'National review' },
  { value: 'OTHER', label: 'Other model' },
];
export const AGE_BANDS: Option[] = [
  { value: 'under-1', label: 'Under 1' },
  { value: '1-5', label: '1 to 5' },
  { value: '6-10', label: '6 to 10' },
  { value: '11-15', label: '11 to 15' },
  { value: '16-plus', label: '16 and over' },
  { value: 'unknown', label: 'Unknown' },
];

/** CONSTANT_CASE of a domain value or GraphQL name; the gateway prefixes names that start with a digit (`AGE_1_5`). */
const constant = (value: string) =>
  value
    .replace(/[^A-Za-z0-9]+/g, '_')
    .toUpperCase()
    .replace(/^(AGE_|_)(?=\d)/, '');

/**
 * Why a notification was amended (AmendmentReason): chosen, never typed, so the history can show it to everyone who
 * reads the incident without carrying personal data.
 */
export const AMENDMENT_REASONS: Option[] = [
  { value: 'CORRECTING_A_MISTAKE', label: 'To correct a mistake in the notification' },
  { value: 'NEW_INFORMATION', label: 'New information about the incident is known' },
  { value: 'CHILD_DETAILS_CORRECTED', label: 'To correct a child’s details' },
  { value: 'OTHER', label: 'Another reason' },
];

/** Whether a value from the gateway (GraphQL name or domain value) is the given domain value. */
export const is = (value: string | null | undefined, domainValue: string): boolean =>
  Boolean(value) && constant(value!) === constant(domainValue);

/** The label of an enum value given either as GraphQL name or domain value; the value itself when unknown. */
export const labelOf = (options: Option[], value: string | null | undefined): string => {
  if (!value) return '';
  const wanted = constant(value);
  return options.find((o) => constant(o.value) === wanted)?.label ?? value.replace(/[-_]/g, ' ').toLowerCase();
};

/** Deadline kinds as the read models name them, in words. */
export const DEADLINE_LABELS: Record<string, string> = {
  notification: 'Notify the Panel',
  // The Panel's expectation in its guidance, not a duty in law (issue 14): every view says so.
  'rapid-review': "Send the rapid review (the Panel's expectation, not a statutory duty)",
  'panel-response': 'Panel response',
  'local-review-publication': 'Publish the local review',
  'final-report-before-publication': 'Send the final report to the Panel and DfE',
  'publication-availability': 'Keep the report available until',
};
export const deadlineLabel = (kind: string): string =>
  DEADLINE_LABELS[kind] ??
  DEADLINE_LABELS[kind.toLowerCase().replace(/_/g, '-')] ??
  kind.replace(/[-_]/g, ' ').toLowerCase();

export const INCIDENT_STATUSES: Option[] = [
  { value: 'NOTIFIED', label: 'Notified' },
  { value: 'AMENDED', label: 'Notified (amended)' },
  { value: 'WITHDRAWN', label: 'Withdrawn' },
  { value: 'RAPID_REVIEW_SUBMITTED', label: 'Rapid review with the Panel' },
  { value: 'RECONSIDERATION_REQUESTED', label: 'Panel asked to reconsider' },
  { value: 'PANEL_RESPONDED', label: 'Panel responded' },
  { value: 'IN_REVIEW', label: 'In a review' },
];
export const REVIEW_STATUSES: Option[] = [
  { value: 'COMMISSIONED', label: 'Commissioned' },
  { value: 'REVIEWER_APPOINTED', label: 'Reviewer appointed' },
  { value: 'PUBLICATION_DELAYED', label: 'Publication delayed' },
  { value: 'FINAL_REPORT_SUBMITTED', label: 'Final report sent' },
  { value: 'PUBLISHED', label: 'Published' },
  { value: 'CLOSED', label: 'Closed' },
];
export const LOCAL_DECISIONS: Option[] = [
  { value: 'LOCAL_REVIEW', label: 'Carry out a local child safeguarding practice review' },
  { value: 'NO_LOCAL_REVIEW', label: 'No local review' },
];
export const LOCAL_CRITERIA: Option[] = [
  { value: 'improvementsNeeded', label: 'Improvements are needed to safeguard and promote the welfare of children' },
  { value: 'recurrentThemes', label: 'The case may highlight recurrent themes in safeguarding children' },
  { value: 'multiAgencyConcerns', label: 'There are concerns about two or more agencies working together' },
  { value: 'panelSuggested', label: 'The Panel has suggested a local review' },
];
export const NATIONAL_CRITERIA: Option[] = [
  { value: 'improvementsNeeded', label: 'Highlights improvements needed to safeguard children nationally' },
  { value: 'lawOrGuidanceChanges', label: 'May require changes to law or guidance' },
  { value: 'recurrentThemes', label: 'Raises recurrent themes of national importance' },
];
export const PARTNERS: Option[] = [
  { value: 'localAuthority', label: 'Local authority' },
  { value: 'integratedCareBoard', label: 'Integrated care board' },
  { value: 'police', label: 'Police' },
];
export const RECIPIENTS: Option[] = [
  { value: 'PANEL', label: 'The Child Safeguarding Practice Review Panel' },
  { value: 'DFE', label: 'Department for Education' },
];
export const PUBLICATION_KINDS: Option[] = [
  { value: 'FULL_REPORT', label: 'The full report' },
  {
    value: 'IMPROVEMENTS_ONLY',
    label: 'Information about the improvements only',
    hint: 'When the partners consider publishing the report inappropriate',
  },
];
export const CLOSE_REASONS: Option[] = [
  { value: 'COMPLETED', label: 'Completed', hint: 'Only after the report is published' },
  { value: 'SUPERSEDED', label: 'Superseded by another review' },
  { value: 'WITHDRAWN', label: 'Withdrawn' },
];
