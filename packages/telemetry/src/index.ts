export * from './logger';
export * from './names';
