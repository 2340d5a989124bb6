/**
 * Every GraphQL operation the web application sends, in one place: the build writes them to
 * dist/allowed-operations.json (`{ sha256: document }`), the allow-list the gateway enforces in production, so the
 * browser can only ever run these. Pages import the constants and send them verbatim.
 */
const clientErrors = `... on ClientError { __typename message code }
    ... on ValidationError { field }`;

export const VIEWER = `query Viewer { viewer { role userId partnershipId } }`;

export const NOTIFY_INCIDENT = `mutation NotifyIncident($input: NotifyIncidentInput!) {
  notifyIncident(input: $input) {
    __typename
    ... on IncidentPayload { incidentId position }
    ${clientErrors}
  }
}`;

const deadlineFields = `kind dueOn workingDaysLeft overdue dueThisWeek metOn cancelled statutory description`;

/** The dashboard: figures over every incident of the partnership, and one page of them, most urgent first. */
export const PARTNERSHIP_INCIDENTS = `query PartnershipIncidents($first: Int, $page: Int, $consistentAfter: String) {
  incidentFigures(consistentAfter: $consistentAfter) { notified open overdue dueThisWeek }
  incidents(order: MOST_URGENT, first: $first, page: $page, consistentAfter: $consistentAfter) {
    totalCount
    edges { node { id reference nature status localAuthorityName incidentOn notifiedOn overdue nextDueOn rapidReviewRequired deadlines { ${deadlineFields} } } }
  }
}`;

export const INCIDENT = `query Incident($id: ID!, $consistentAfter: String) {
  incident(id: $id, consistentAfter: $consistentAfter) {
    __typename
    ... on Incident {
      id reference partnershipId partnershipName localAuthorityCode localAuthorityName nature status guidanceEdition becameAwareOn incidentOn notifiedOn rapidReviewRequired reviewIds
      children { childRef ageBand sex ethnicity disability placement lookedAfter childInNeedPlan childProtectionPlan knownToAgencies }
      deadlines { ${deadlineFields} }
      rapidReview { submittedOn submission localReviewDecision nationalCriteriaMayBeMet localCriteriaMet nationalCriteriaMet parallelProcesses agenciesInvolved signedOffByAllPartners }
      panelResponse { respondedOn outcome thematicReviewTitle submission }
      withdrawal { withdrawnAt reason duplicateOfReference }
      history { type occurredAt on actorRole reason changes { field from to } }
      personal {
        erased location caseOutline incidentTime supportingDocuments panelComments withdrawalExplanation
        notifier { name role email phone }
        children { childRef name dateOfBirth ageInYears }
        rapidReviews { facts agencySummaries keyPracticeEpisodes livedExperience immediateActions learningIdentified decisionReasons }
      }
    }
    ... on ClientError { message }
  }
}`;

export const AMEND_NOTIFICATION = `mutation AmendNotification($input: AmendNotificationInput!) {
  amendNotification(input: $input) {
    __typename
    ... on IncidentPayload { incidentId position }
    ${clientErrors}
  }
}`;

export const WITHDRAW_NOTIFICATION = `mutation WithdrawNotification($input: WithdrawNotificationInput!) {
  withdrawNotification(input: $input) {
    __typename
    ... on IncidentPayload { incidentId position }
    ${clientErrors}
  }
}`;

export const SUBMIT_RAPID_REVIEW = `mutation SubmitRapidReview($input: SubmitRapidReviewInput!) {
  submitRapidReview(input: $input) {
    __typename
    ... on IncidentPayload { incidentId position }
    ${clientErrors}
  }
}`;

export const PANEL_QUEUE = `query PanelQueue($consistentAfter: String) {
  panelQueue(first: 40, consistentAfter: $consistentAfter) {
    edges { node { incidentId partnershipId localAuthorityCode nature notifiedOn submittedOn submission localReviewDecision nationalCriteriaMayBeMet targetOn workingDaysLeft overdue } }
  }
}`;

export const RESPOND_TO_RAPID_REVIEW = `mutation RespondToRapidReview($input: RespondToRapidReviewInput!) {
  respondToRapidReview(input: $input) {
    __typename
    ... on IncidentPayload { incidentId position }
    ${clientErrors}
  }
}`;

export const NATIONAL_REVIEW_CANDIDATES = `query NationalReviewCandidates($consistentAfter: String) {
  incidents(first: 40, status: PANEL_RESPONDED, consistentAfter: $consistentAfter) {
    edges { node { id reference partnershipId partnershipName localAuthorityCode localAuthorityName nature incidentOn notifiedOn panelResponse { outcome respondedOn thematicReviewTitle } } }
  }
}`;

export const COMMISSION_NATIONAL_REVIEW = `mutation CommissionNationalReview($input: CommissionNationalReviewInput!) {
  commissionNationalReview(input: $input) {
    __typename
    ... on ReviewPayload { reviewId position }
    ${clientErrors}
  }
}`;

const cell = `quarter geographicLevel areaCode areaName breakdownTopic breakdown natureOfNotification`;

/** Published releases (everyone): complete, closed reporting years, suppressed and rounded as DfE publishes. */
export const STATISTICS_RELEASES = `query StatisticsReleases($consistentAfter: String) {
  statisticsReleases(consistentAfter: $consistentAfter) {
    reportingYear label publishedOn methodVersion
    downloads { national regional localAuthority metadata }
    national { ${cell} numberNotifications }
    regional { ${cell} numberNotifications }
  }
}`;

/** The Panel's live, exact view (Panel, Ofsted, admins), and the periods awaiting release. */
export const NATIONAL_STATISTICS = `query NationalStatistics($reportingYear: Int, $consistentAfter: String) {
  nationalStatistics(reportingYear: $reportingYear, consistentAfter: $consistentAfter) {
    reportingYear label complete
    national { ${cell} count }
    regional { ${cell} count }
  }
}`;

export const PUBLISHED_REPORTS = `query PublishedReports($first: Int, $page: Int, $partnershipId: String, $year: Int, $theme: String, $search: String) {
  publishedReports(first: $first, page: $page, partnershipId: $partnershipId, year: $year, theme: $theme, search: $search) {
    totalCount
    edges { node { reviewId kind partnershipId partnershipName title caseName publishedOn year publication summary themes keywords reviewModel documents { kind title address withdrawn } } }
  }
}`;

const reviewPayload = (
  name: string,
  input: string,
) => `mutation ${name[0]!.toUpperCase()}${name.slice(1)}($input: ${input}!) {
  ${name}(input: $input) {
    __typename
    ... on ReviewPayload { reviewId position }
    ${clientErrors}
  }
}`;

export const COMMISSION_LOCAL_REVIEW = reviewPayload('commissionLocalReview', 'CommissionLocalReviewInput');
export const APPOINT_REVIEWER = reviewPayload('appointReviewer', 'AppointReviewerInput');
export const DELAY_PUBLICATION = reviewPayload('delayPublication', 'DelayPublicationInput');
export const SUBMIT_FINAL_REPORT = reviewPayload('submitFinalReport', 'SubmitFinalReportInput');
export const PUBLISH_REPORT = reviewPayload('publishReport', 'PublishReportInput');
export const RECORD_ACTION_PLAN_PROGRESS = reviewPayload('recordActionPlanProgress', 'RecordActionPlanProgressInput');
export const CLOSE_REVIEW = reviewPayload('closeReview', 'CloseReviewInput');

const reviewFields = `id reference kind partnershipIds partnershipNames incidentIds status caseName title thematic commissionedOn nextDueOn overdue
  deadlines { ${deadlineFields} }`;

/** A review's reference, for a link that names it (an incident's page lists the reviews of the incident). */
export const REVIEW_REFERENCE = `query ReviewReference($id: ID!) {
  review(id: $id) { __typename ... on Review { id reference title caseName } }
}`;

/** An incident's reference and place, for a link that names it (a review lists the incidents it covers). */
export const INCIDENT_REFERENCE = `query IncidentReference($id: ID!) {
  incident(id: $id) { __typename ... on Incident { id reference localAuthorityName } }
}`;

export const REVIEWS = `query Reviews($kind: ReviewKind, $first: Int, $page: Int, $consistentAfter: String) {
  reviews(first: $first, page: $page, kind: $kind, consistentAfter: $consistentAfter) { totalCount edges { node { ${reviewFields} } } }
}`;

export const REVIEW = `query Review($id: ID!, $consistentAfter: String) {
  review(id: $id, consistentAfter: $consistentAfter) {
    __typename
    ... on Review {
      ${reviewFields}
      reviewer { name organisation appointedOn }
      delays { delayedOn reason expectedPublicationOn panelInformed explanation }
      finalReport { submittedOn recipients plannedPublicationOn }
      publication { publishedOn publication caseName documents { kind title address withdrawn } }
      actionPlan { recordedOn actions completed inProgress notStarted overdue }
      closedOn closureReason
      history { type occurredAt on actorRole }
    }
    ... on ClientError { message }
  }
}`;

const referralFields = `id partnershipId agency nature localAuthorityCode becameAwareOn incidentOn criteriaView dslConsulted status submittedAt submittedOn withdrawnOn
      decision { outcome decidedOn incidentId reviewId reviewKind }`;

const referralPayload = (
  field: string,
  input: string,
) => `mutation ${field.charAt(0).toUpperCase()}${field.slice(1)}($input: ${input}!) {
  ${field}(input: $input) {
    __typename
    ... on ReferralPayload { referralId position relatedIds alreadyApplied }
    ${clientErrors}
  }
}`;

export const SUBMIT_REFERRAL = referralPayload('submitReferral', 'SubmitReferralInput');
export const DECIDE_REFERRAL = referralPayload('decideReferral', 'DecideReferralInput');
export const WITHDRAW_REFERRAL = referralPayload('withdrawReferral', 'WithdrawReferralInput');

export const REFERRALS = `query Referrals($first: Int, $page: Int, $status: ReferralStatus, $consistentAfter: String) {
  referrals(first: $first, page: $page, status: $status, consistentAfter: $consistentAfter) {
    totalCount
    edges { node { ${referralFields} } }
  }
  waiting: referrals(first: 1, status: SUBMITTED, consistentAfter: $consistentAfter) { totalCount }
}`;

export const REFERRAL = `query Referral($id: ID!, $consistentAfter: String) {
  referral(id: $id, consistentAfter: $consistentAfter) {
    __typename
    ... on Referral { ${referralFields} }
    ... on ClientError { message }
  }
}`;

/** One page of the library, the count over every match of the same filters and the partnerships' names, in one request. */
export const LEARNING_LIBRARY = `query LearningLibrary($theme: String, $keyword: String, $partnershipId: String, $first: Int, $page: Int) {
  learningLibrary(first: $first, page: $page, theme: $theme, keyword: $keyword, partnershipId: $partnershipId) {
    reviewId kind title caseName year publishedOn partnershipIds reviewModel summary themes keywords recommendations listedBecause
  }
  learningLibraryCount(theme: $theme, keyword: $keyword, partnershipId: $partnershipId)
  partnerships { id name }
}`;

const reviewLearningFields = `reviewId kind title theme status ownerPartnershipId partnershipIds concernedPartnershipIds listedBecause commissionedOn
    publishedOn finalReportSubmittedOn learningThemes overdueActionCount
    learningItems { kind title address }
    recommendations { recommendationId text assignedAgency madeOn }
    actions { actionId recommendationId description owner dueOn status note updatedOn overdue }`;

export const PARTNERSHIP_REVIEWS = `query PartnershipReviews($consistentAfter: String) {
  partnershipReviews(first: 50, consistentAfter: $consistentAfter) { ${reviewLearningFields} }
}`;

export const REVIEW_LEARNING = `query ReviewLearning($reviewId: ID!, $consistentAfter: String) {
  reviewLearning(reviewId: $reviewId, consistentAfter: $consistentAfter) {
    __typename
    ... on ReviewLearning { ${reviewLearningFields} }
    ... on ClientError { message }
  }
}`;

export const RECURRING_THEMES = `query RecurringThemes($minPartnerships: Int) {
  recurringThemes(minPartnerships: $minPartnerships) { theme partnershipIds reviewIds }
}`;

export const FINAL_REPORTS_FOR_DFE = `query FinalReportsForDfe {
  finalReportsForDfe(first: 50) { reviewId kind title ownerPartnershipId partnershipIds finalReportSubmittedOn publishedOn status }
}`;

export const COMMISSION_NON_STATUTORY_REVIEW = reviewPayload(
  'commissionNonStatutoryReview',
  'CommissionNonStatutoryReviewInput',
);
export const COMMISSION_THEMATIC_REVIEW = reviewPayload('commissionThematicReview', 'CommissionThematicReviewInput');
export const NAME_CONCERNED_PARTNERSHIPS = reviewPayload('nameConcernedPartnerships', 'NameConcernedPartnershipsInput');
export const RECORD_LEARNING = reviewPayload('recordLearning', 'RecordLearningInput');
export const ADD_RECOMMENDATION = reviewPayload('addRecommendation', 'AddRecommendationInput');
export const RECORD_ACTION_FOR_RECOMMENDATION = reviewPayload(
  'recordActionForRecommendation',
  'RecordActionForRecommendationInput',
);
export const UPDATE_ACTION_STATUS = reviewPayload('updateActionStatus', 'UpdateActionStatusInput');

export const PARTNERSHIP_REVIEWS_PAGE = `query PartnershipReviewsPage($partnershipId: ID!) {
  partnershipReviewsPage(partnershipId: $partnershipId) {
    partnershipId name
    own { reviewId listingKind caseName publishedOn otherArea historic documents { kind title address publishedMonth note withdrawn } }
    mentioning { reviewId listingKind caseName publishedOn otherArea historic documents { kind title address publishedMonth note withdrawn } }
  }
}`;

/** Every local authority, for a choice by name (the code is what is sent). */
export const LOCAL_AUTHORITIES = `query LocalAuthorities { localAuthorities { code name } }`;

export const LOCAL_AUTHORITIES_AND_PARTNERSHIPS = `query LocalAuthoritiesAndPartnerships {
  localAuthorities { code name }
  partnerships { id name }
}`;

const listedIncident = `id reference partnershipName localAuthorityName nature status incidentOn notifiedOn overdue nextDueOn`;

export const SEARCH_INCIDENTS = `query SearchIncidents($reference: String, $partnershipId: String, $localAuthorityCode: String, $nature: IncidentNature,
  $status: IncidentStatus, $notifiedFrom: String, $notifiedTo: String, $order: IncidentOrder, $first: Int, $page: Int) {
  incidents(reference: $reference, partnershipId: $partnershipId, localAuthorityCode: $localAuthorityCode, nature: $nature, status: $status,
    notifiedFrom: $notifiedFrom, notifiedTo: $notifiedTo, order: $order, first: $first, page: $page) {
    totalCount
    edges { node { ${listedIncident} } }
  }
}`;

export const PANEL_QUEUE_PAGE = `query PanelQueuePage($first: Int, $page: Int, $consistentAfter: String) {
  panelQueue(first: $first, page: $page, consistentAfter: $consistentAfter) {
    totalCount
    edges { node { incidentId reference partnershipName localAuthorityName nature notifiedOn submittedOn submission localReviewDecision nationalCriteriaMayBeMet targetOn workingDaysLeft overdue } }
  }
}`;

export const ERASURE_REQUESTS = `query ErasureRequests($status: ErasureRequestStatus, $first: Int, $page: Int, $consistentAfter: String) {
  erasureRequests(status: $status, first: $first, page: $page, consistentAfter: $consistentAfter) {
    totalCount
    edges { node { subjectKind incidentId referralId reviewId reference partnershipName localAuthorityName status legalBasis requestedBy requestedByName requestedAt requestedByYou decidedBy decidedByName decidedAt } }
  }
}`;

export const APPROVE_ERASURE = `mutation ApproveErasure($input: ApproveErasureInput!) {
  approveErasure(input: $input) {
    __typename
    ... on ErasurePayload { position }
    ${clientErrors}
  }
}`;

export const CANCEL_ERASURE_REQUEST = `mutation CancelErasureRequest($input: CancelErasureRequestInput!) {
  cancelErasureRequest(input: $input) {
    __typename
    ... on ErasurePayload { position }
    ${clientErrors}
  }
}`;

export const PERSONAL_DATA_READS = `query PersonalDataReads($readerId: String, $subject: String, $from: String, $to: String, $first: Int, $page: Int) {
  personalDataReads(readerId: $readerId, subject: $subject, from: $from, to: $to, first: $first, page: $page) {
    totalCount
    edges { node { at readerId readerName role partnershipName subjectReference fields purpose } }
  }
}`;

/** The Panel's and admins' release desk: which years are running, complete, closed or published. */
export const STATISTICS_RELEASE_DESK = `query StatisticsReleaseDesk($consistentAfter: String) {
  nationalStatistics(consistentAfter: $consistentAfter) { reportingYear label complete }
  statisticsReleases(includeUnpublished: true) { reportingYear label closedOn publishedOn }
}`;

export const CLOSE_STATISTICS_PERIOD = `mutation CloseStatisticsPeriod($input: StatisticsReleaseInput!) {
  closeStatisticsPeriod(input: $input) { __typename ... on StatisticsReleasePayload { position } ... on ClientError { message } }
}`;

export const PUBLISH_STATISTICS_RELEASE = `mutation PublishStatisticsRelease($input: StatisticsReleaseInput!) {
  publishStatisticsRelease(input: $input) { __typename ... on StatisticsReleasePayload { position } ... on ClientError { message } }
}`;

// Administration: access, partnerships, erasure requests, and who receives the partnership's emails.
export const ACCESS_GRANTS = `query AccessGrants($partnershipId: String, $consistentAfter: String) {
  accessGrants(partnershipId: $partnershipId, consistentAfter: $consistentAfter) { subject email role partnershipId partnershipName grantedAt }
  partnerships { id name }
}`;

const accessPayload = (field: string) => `mutation ${field[0]!.toUpperCase()}${field.slice(1)}($input: AccessInput!) {
  ${field}(input: $input) {
    __typename
    ... on AccessPayload { position }
    ${clientErrors}
  }
}`;
export const GRANT_ACCESS = accessPayload('grantAccess');
export const REVOKE_ACCESS = accessPayload('revokeAccess');

export const PARTNERSHIPS_WITH_AREAS = `query PartnershipsWithAreas($consistentAfter: String) {
  partnerships(consistentAfter: $consistentAfter) { id name localAuthorityCodes }
  localAuthorities { code name }
}`;

const partnershipPayload = (
  field: string,
  input: string,
) => `mutation ${field[0]!.toUpperCase()}${field.slice(1)}($input: ${input}!) {
  ${field}(input: $input) {
    __typename
    ... on PartnershipPayload { position }
    ${clientErrors}
  }
}`;
export const REGISTER_PARTNERSHIP = partnershipPayload('registerPartnership', 'PartnershipInput');
export const CHANGE_PARTNERSHIP = partnershipPayload('changePartnership', 'PartnershipInput');
export const ADD_PARTNERSHIP_CONTACT = partnershipPayload('addPartnershipContact', 'PartnershipContactInput');
export const REMOVE_PARTNERSHIP_CONTACT = partnershipPayload('removePartnershipContact', 'PartnershipContactRefInput');
export const SET_EMAIL_PREFERENCES = partnershipPayload('setEmailPreferences', 'EmailPreferencesInput');

const contactFields = `id kind email name userId receives refusedReason`;
// Read from the partnership's own stream, so a change shows at once (no consistentAfter to wait for).
export const PARTNERSHIP_CONTACTS = `query PartnershipContacts($partnershipId: String!) {
  partnershipContacts(partnershipId: $partnershipId) { ${contactFields} }
  partnerships { id name }
}`;
export const MY_EMAIL_PREFERENCES = `query MyEmailPreferences($partnershipId: String!) {
  myEmailPreferences { ${contactFields} }
  partnershipContacts(partnershipId: $partnershipId) { ${contactFields} }
}`;

export const REQUEST_ERASURE = `mutation RequestErasure($input: RequestErasureInput!) {
  requestErasure(input: $input) {
    __typename
    ... on ErasurePayload { incidentId position }
    ${clientErrors}
  }
}`;
