export * from './logger';
export * from './names';
export * from './metrics';
