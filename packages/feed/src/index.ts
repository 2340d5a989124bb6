export * from './feed-contract';
export * from './to-feed-message';
export * from './feed-schemas';
