// Public surface of @cspr/domain. Each aggregate folder adds its exports here.
export * from './shared/types';
export * from './shared/domain-error';
export * from './shared/event';
export * from './shared/event-codec';
export * from './shared/validate';
export { requireRole, requireOwnPartnership } from './shared/authorize';
export { ageInWholeYears } from './shared/dates';
export { deciderSpec, sameJson, type ExpectedError } from './shared/decider-spec';
export * from './incident/incident-events';
export * from './incident/incident-vocabulary';
export * from './incident/incident';
export * from './incident/incident-commands';
export * from './incident/incident-decide';
export { ageBandFor, LOCAL_AUTHORITY_CODE_PATTERN } from './incident/notification-input';
export * from './review/review-events';
export * from './partnership/partnership-events';
export * from './calendar/index';
export * from './reference-data/index';
