export * from './reporting-period';
export * from './statistics-release-events';
export * from './statistics-release';
