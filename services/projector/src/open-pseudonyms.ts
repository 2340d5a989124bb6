/**
 * The projector's one use of the vault: opening review pseudonyms (read-models pseudonyms.ts). The vault is opened as
 * the gateway opens it (master key, erasure ledger re-applied first), so a restored backup's resurrected key cannot
 * make a rebuild show a name its erasure removed.
 */
import type { OpenPseudonyms } from '@cspr/read-models';
import { openVault } from '@cspr/personal-data';
import type { Runtime } from '@cspr/runtime';

export const openPseudonymsOf = async (runtime: Pick<Runtime, 'config' | 'database'>): Promise<OpenPseudonyms> => {
  const { config } = runtime;
  const { vault } = await openVault({
    sql: runtime.database.sql,
    masterKey: config.masterKey,
    dataDir: config.dataDir,
    production: config.production,
    ledgerPath: config.erasureLedger,
  });
  return vault.open;
};
