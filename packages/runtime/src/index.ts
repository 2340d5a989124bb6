export * from './open-runtime';
