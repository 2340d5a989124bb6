export * from './logger';
export * from './names';
export * from './metrics';
export * from './trace-context';
export * from './correlation';
