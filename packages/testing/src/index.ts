export { createTestDatabase, withEmbeddedDatabase, testAdminUrl } from './test-database';
export type { TestDatabase, EmbeddedTestDatabase } from './test-database';
export { relationFilesHolding } from './relation-files.fixture';
