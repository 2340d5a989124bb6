/**
 * How a service opens the vault at start-up: the master key (CSPR_MASTER_KEY, or the dev key file), the erasure
 * ledger, and the re-application of every erasure in that ledger BEFORE anything is served. A database restored
 * from a backup taken before an erasure brings the destroyed data key back; the ledger lives outside the database
 * (its own volume, outside the database's backups) so the restore cannot undo it (docs/personal-data.md).
 */
import type { Sql } from 'postgres';
import { createFileErasureLedger, reapplyErasures } from './erasure-ledger';
import { createMasterKeyWrapper, loadMasterKey } from './key-wrapper';
import { migratePersonalData } from './migrations';
import { createPersonalDataVault, type PersonalDataVault } from './vault';

export type OpenVaultOptions = {
  sql: Sql;
  /** Base64 master key (CSPR_MASTER_KEY). Unset outside production: `<dataDir>/master.key`. */
  masterKey?: string;
  dataDir: string;
  production: boolean;
  /** The erasure ledger file (CSPR_ERASURE_LEDGER). Default `<dataDir>/erasure-ledger.jsonl`. */
  ledgerPath?: string;
};

export type OpenedVault = { vault: PersonalDataVault; reapplied: string[] };

export const openVault = async (options: OpenVaultOptions): Promise<OpenedVault> => {
  await migratePersonalData(options.sql);
  const ledger = createFileErasureLedger(options.ledgerPath ?? `${options.dataDir}/erasure-ledger.jsonl`);
  const reapplied = await reapplyErasures(options.sql, ledger);
  const wrapper = createMasterKeyWrapper(
    await loadMasterKey({ env: options.masterKey, dataDir: options.dataDir, production: options.production }),
  );
  return { vault: createPersonalDataVault({ sql: options.sql, wrapper, erasureLedger: ledger }), reapplied };
};
