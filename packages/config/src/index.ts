export * from './config';
export * from './notifier-config';
