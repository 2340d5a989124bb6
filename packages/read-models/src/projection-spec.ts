/**
 * Given events / then rows: builds recorded events as the store would hand them over (ascending positions, one
 * per event) and runs them through the real batch runner against a real database. Shared with the projector's tests.
 * A personal part given as plaintext (not a `{ sealed }` envelope) is sealed under the review's key by a real vault
 * on the test database, as the write path does, and the pseudonyms are opened by that vault as the projector does.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { Sql } from 'postgres';
import {
  createMasterKeyWrapper,
  createPersonalDataVault,
  migratePersonalData,
  type PersonalDataVault,
} from '@cspr/personal-data';
import {
  createEnglandAndWalesCalendar,
  DEFAULT_PANEL_RESPONSE_WORKING_DAYS,
  type WorkingDayCalendar,
} from '@cspr/domain';
import type { LogPosition, RecordedEvent } from '@cspr/event-store';
import { applyBatch } from './apply-batch';
import { readCheckpoint } from './checkpoint';
import { openPseudonyms } from './pseudonyms';
import { projections } from './read-models';

export type GivenEvent = {
  type: string;
  data: Record<string, unknown>;
  personal?: unknown;
  streamId?: string;
  actorRole?: string;
  occurredAt?: string;
};

let sequence = 0n;

/** Recorded events in log order; the stream id defaults from the event's incident, review or partnership id. */
export const recorded = (events: GivenEvent[]): RecordedEvent[] =>
  events.map((event) => {
    sequence += 1n;
    const d = event.data;
    const streamId =
      event.streamId ??
      (typeof d.reviewId === 'string' && !event.type.startsWith('Incident')
        ? `review-${d.reviewId}`
        : typeof d.incidentId === 'string'
          ? `incident-${d.incidentId}`
          : `partnership-${String(d.partnershipId)}`);
    const occurredAt = event.occurredAt ?? '2025-06-02T09:00:00.000Z';
    return {
      eventId: randomUUID(),
      type: event.type,
      streamId,
      streamRevision: 0n,
      position: { commit: 1000n + sequence, prepare: sequence },
      recordedAt: new Date(occurredAt),
      data: { schemaVersion: 1, ...d, ...(event.personal !== undefined ? { personal: event.personal } : {}) },
      metadata: {
        actor: { userId: 'user-1', role: event.actorRole ?? 'partnership' },
        correlationId: 'c',
        causationId: 'c',
        occurredAt,
      },
    };
  });

const vaults = new WeakMap<Sql, Promise<PersonalDataVault>>();

/** One vault per test database (its own master key): what erases a review in a spec is `vault.destroyKey`. */
export const testVaultOf = (sql: Sql): Promise<PersonalDataVault> => {
  let vault = vaults.get(sql);
  if (!vault) {
    vault = migratePersonalData(sql).then(() =>
      createPersonalDataVault({ sql, wrapper: createMasterKeyWrapper(randomBytes(32)) }),
    );
    vaults.set(sql, vault);
  }
  return vault;
};

const isEnvelope = (personal: unknown) =>
  typeof personal === 'object' && personal !== null && 'sealed' in (personal as Record<string, unknown>);

/** Seals plaintext personal parts of review events as the write path does: under the review's key. */
const sealed = async (vault: PersonalDataVault, events: GivenEvent[]): Promise<GivenEvent[]> =>
  Promise.all(
    events.map(async (event) =>
      event.personal === undefined || isEnvelope(event.personal) || typeof event.data.reviewId !== 'string'
        ? event
        : { ...event, personal: await vault.seal(event.data.reviewId, event.personal) },
    ),
  );

/** The events as they are stored: plaintext review parts sealed (replayed later, they open as the vault then allows). */
export const sealedEvents = async (sql: Sql, events: GivenEvent[]): Promise<GivenEvent[]> =>
  sealed(await testVaultOf(sql), events);

/** Applies the events as one batch from the current checkpoint. */
export const givenEvents = async (
  sql: Sql,
  events: GivenEvent[],
  options: { calendar?: WorkingDayCalendar; panelResponseTargetWorkingDays?: number } = {},
): Promise<LogPosition> => {
  const checkpoint = await readCheckpoint(sql);
  const vault = await testVaultOf(sql);
  const batch = await openPseudonyms(recorded(await sealed(vault, events)), vault.open);
  const outcome = await applyBatch(sql, projections, batch, checkpoint.position, {
    calendar: options.calendar ?? createEnglandAndWalesCalendar(),
    panelResponseTargetWorkingDays: options.panelResponseTargetWorkingDays ?? DEFAULT_PANEL_RESPONSE_WORKING_DAYS,
  });
  return outcome.position;
};
