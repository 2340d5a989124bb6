import type { WorkingDayCalendar } from '@cspr/domain';
import type { EventStore } from '@cspr/event-store';
import type { PersonalDataVault, ReadAudit } from '@cspr/personal-data';
import type { PartnershipReference } from './reference-data';

/** What the per-aggregate decision builders need, resolved from the handler's options with their defaults. */
export type HandlerDeps = {
  store: EventStore;
  vault: PersonalDataVault;
  calendar: WorkingDayCalendar;
  partnerships: readonly PartnershipReference[];
  adminUserIds: () => Promise<string[]> | string[];
  /** Where the write path's own opens of personal data are audited; absent: such commands are refused. */
  audit?: ReadAudit;
};
