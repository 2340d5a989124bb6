// Public surface of @cspr/personal-data: crypto-shredding of children's personal data and the audit of its reads.
export { createPersonalDataVault } from './vault';
export type {
  PersonalDataVault,
  PersonalDataVaultOptions,
  SealedPersonalData,
  OpenedPersonalData,
  ErasureRequest,
} from './vault';
export { createMasterKeyWrapper, loadMasterKey } from './key-wrapper';
export type { KeyWrapper, LoadMasterKeyOptions } from './key-wrapper';
export { migratePersonalData, PERSONAL_DATA_SCHEMA } from './migrations';
export { createReadAudit, openAudited, openAuditedMany, MAX_AUDIT_PAGE } from './read-audit';
export type {
  ReadAudit,
  ReadAuditEntry,
  RecordedReadAuditEntry,
  ReadAuditQuery,
  ReadAuditFilter,
  ReadAuditPage,
  Reader,
} from './read-audit';
export { PersonalDataError, isPersonalDataError } from './personal-data-error';
export type { PersonalDataErrorCode } from './personal-data-error';
export { rewrapAll } from './rewrap';
export { createFileErasureLedger, listErasures, reapplyErasures } from './erasure-ledger';
export type { ErasureLedger, ErasureLedgerEntry } from './erasure-ledger';
export { openVault } from './open-vault';
export type { OpenVaultOptions, OpenedVault } from './open-vault';
