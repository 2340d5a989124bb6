// Public surface of @cspr/domain. Each aggregate folder adds its exports here.
export * from './shared/types';
export * from './shared/domain-error';
export * from './shared/event';
export * from './shared/event-codec';
export * from './incident/incident-events';
export * from './review/review-events';
export * from './partnership/partnership-events';
export * from './calendar/index';
export * from './reference-data/index';
