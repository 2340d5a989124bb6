/**
 * What `npm run ops:status` shows: the head of the log, where the projector and each relay stand and how far behind
 * they are, and the dead letters. Read from the database alone, so it works while the services are down too.
 */
import type { Sql } from 'postgres';
import { formatPosition, type EventStore, type LogPosition } from '@cspr/event-store';
import { getProjectorStatus, type ProjectorStatus } from '@cspr/read-models';
import { notifierStatus, type NotifierStatus } from '@cspr/notifier';

export type RelayPosition = {
  name: string;
  checkpoint: string;
  owner: string | null;
  leaseExpiresAt: string | null;
  /** Events after the checkpoint, counted up to 1000. */
  lagEvents: number;
  lagSeconds: number;
};

export type OperationsStatus = {
  log: { head: string; events: number; lastRecordedAt: string | null };
  /** Null when the read models were never created in this database (no projector or gateway ever started). */
  projector: ProjectorStatus | null;
  relays: RelayPosition[];
  /** Emails by status and every failed or retrying one with its reason; null when the notifier never ran here. */
  notifier: NotifierStatus | null;
};

const LAG_SCAN_LIMIT = 1000;

const lagAfter = async (store: EventStore, after: LogPosition) => {
  const pending = await store.readAll({ after, maxCount: LAG_SCAN_LIMIT });
  const oldest = pending[0];
  return {
    lagEvents: pending.length,
    lagSeconds: oldest ? Math.round(Math.max(0, (Date.now() - oldest.recordedAt.getTime()) / 1000)) : 0,
  };
};

export const readOperationsStatus = async (sql: Sql, store: EventStore): Promise<OperationsStatus> => {
  const [totals] = await sql<
    [{ events: number; last: Date | null }]
  >`select count(*)::int as events, max(recorded_at) as last from event_store.events`;
  const relayRows = await sql<
    { name: string; commit: string; prepare: string; owner: string | null; expires: Date | null }[]
  >`
    select name, commit_position::text as commit, prepare_position::text as prepare, owner, lease_expires_at as expires
    from relay.checkpoints order by name`.catch(() => []);
  const relays: RelayPosition[] = [];
  for (const row of relayRows) {
    const position = { commit: BigInt(row.commit), prepare: BigInt(row.prepare) };
    relays.push({
      name: row.name,
      checkpoint: formatPosition(position),
      owner: row.owner,
      leaseExpiresAt: row.expires?.toISOString() ?? null,
      ...(await lagAfter(store, position)),
    });
  }
  return {
    log: {
      head: formatPosition(await store.headPosition()),
      events: totals.events,
      lastRecordedAt: totals.last?.toISOString() ?? null,
    },
    projector: await getProjectorStatus(sql, store).catch((error: unknown) => {
      if ((error as { code?: string }).code === '42P01') return null;
      throw error;
    }),
    relays,
    notifier: await notifierStatus(sql).catch((error: unknown) => {
      if ((error as { code?: string }).code === '42P01') return null;
      throw error;
    }),
  };
};

const formatNotifier = (n: NotifierStatus | null): string[] => {
  if (!n) return ['notifier   never ran against this database'];
  const counts =
    Object.entries(n.counts)
      .map(([status, count]) => `${status} ${count}`)
      .join('   ') || 'no emails yet';
  return [
    `notifier   ${counts}${n.oldestWaitingSince ? `   oldest waiting since ${n.oldestWaitingSince}` : ''}`,
    ...n.retrying.map(
      (r) =>
        `  retrying #${r.id} ${r.kind} to ${r.recipient}: attempt ${r.attempts}, next ${r.nextAttemptAt}: ${r.reason}`,
    ),
    ...n.failed.map((f) => `  FAILED #${f.id} ${f.kind} to ${f.recipient} after ${f.attempts} attempts: ${f.reason}`),
    ...n.refusedAddresses.map((r) => `  refused address ${r.email}: ${r.reason}`),
  ];
};

export const formatOperationsStatus = (status: OperationsStatus): string => {
  const { log, projector, relays, notifier } = status;
  const more = (n: number) => (n >= LAG_SCAN_LIMIT ? `${n}+` : String(n));
  return [
    `log        head ${log.head}   ${log.events} events   last written ${log.lastRecordedAt ?? 'never'}`,
    ...(projector
      ? [
          `projector  at ${projector.position}   behind ${more(projector.lagEvents)} events / ${Math.round(projector.lagSeconds)} s` +
            `${projector.rebuilding ? '   REBUILDING' : ''}   applied ${projector.eventsProcessed}   updated ${projector.updatedAt ?? 'never'}`,
          `dead letters  ${projector.deadLetters}${projector.deadLetters > 0 ? '   (see read_models.dead_letters and docs/operations.md)' : ''}`,
        ]
      : ['projector  read models not created in this database yet (start the projector or the gateway once)']),
    ...(relays.length === 0
      ? ['relay      never ran against this database']
      : relays.map(
          (r) =>
            `relay ${r.name}  at ${r.checkpoint}   behind ${more(r.lagEvents)} events / ${r.lagSeconds} s   lease ${r.owner ?? 'free'}${r.leaseExpiresAt ? ` until ${r.leaseExpiresAt}` : ''}`,
        )),
    ...formatNotifier(notifier),
  ].join('\n');
};
