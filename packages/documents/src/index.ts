export { createDocumentStore, DocumentRefused, DEFAULT_MAX_DOCUMENT_BYTES } from './document-store';
export type {
  DocumentRefusalCode,
  DocumentScanner,
  DocumentStore,
  DocumentStoreOptions,
  StoredDocument,
} from './document-store';
export { detectDocumentType } from './document-type';
export type { DocumentType } from './document-type';
export { migrateDocuments, DOCUMENTS_SCHEMA } from './migrations';
