export * from './event-store';
export { startPollingSubscription } from './polling-subscription';
export type { PollingSource } from './polling-subscription';
