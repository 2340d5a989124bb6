export * from './open-runtime';
export * from './close-http-server';
export * from './readiness';
export * from './request-guard';
