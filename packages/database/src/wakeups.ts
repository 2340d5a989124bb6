import { EventEmitter } from 'node:events';
import { randomUUID } from 'node:crypto';
import type { Sql } from 'postgres';

/**
 * Early wake-ups for readers (subscriptions, projectors, the relay). A wake-up only says "look again now": it
 * carries no data and may be lost or duplicated, so every reader keeps polling as its correctness path.
 */
export type Wakeups = {
  /** Wakes subscribers of `topic` in this process and, on a server, in every other process too. Never throws. */
  notify: (topic: string) => void;
  /** Calls `callback` on each wake-up of `topic`; returns the unsubscribe function. */
  subscribe: (topic: string, callback: () => void) => () => void;
  /** Drops listeners and LISTEN connections. Optional so that a test double needs only the two calls above. */
  close?: () => Promise<void>;
};

/** In-process wake-ups: the embedded default, where writer and readers share the process (and one connection). */
export const createInProcessWakeups = (): Required<Wakeups> => {
  const emitter = new EventEmitter();
  emitter.setMaxListeners(0);
  return {
    notify: (topic) => {
      emitter.emit(topic);
    },
    subscribe: (topic, callback) => {
      emitter.on(topic, callback);
      return () => {
        emitter.off(topic, callback);
      };
    },
    close: async () => {
      emitter.removeAllListeners();
    },
  };
};

/** Channel names are identifiers (at most 63 bytes); topics are free text. */
export const channelFor = (topic: string): string => `cspr_${topic.replace(/[^a-zA-Z0-9_]/g, '_')}`.slice(0, 63);

export type PostgresWakeupsOptions = {
  /** Least time between two NOTIFYs of one topic from this process; wake-ups in between are merged into one sent
   * at the end of the interval (the first after a quiet spell goes at once). Default 50 ms: under load the NOTIFY
   * transactions would otherwise compete with the appends for the server. */
  minIntervalMs?: number;
  onError?: (error: unknown) => void;
};

/**
 * LISTEN/NOTIFY across processes, plus in-process delivery without a round trip.
 *
 * The NOTIFY is sent after the writer's commit, outside its transaction, so it never lengthens the append (a NOTIFY
 * inside the transaction holds a server-wide lock through its commit, serialising every notifying writer).
 * Notifications of one topic are merged: at most one in flight and at most one per `minIntervalMs`, so a stream of
 * appends costs at most 20 statements a second (default), not one per append. Give it a connection with
 * `synchronous_commit = off` (openDatabase does): a NOTIFY's commit need not wait for the disk.
 */
export const createPostgresWakeups = (sql: Sql, options: PostgresWakeupsOptions = {}): Required<Wakeups> => {
  const local = createInProcessWakeups();
  // Our own NOTIFYs come back through LISTEN: the payload names this process so they are not delivered twice.
  const origin = randomUUID();
  const minIntervalMs = options.minIntervalMs ?? 50;
  const sending = new Map<string, 'in_flight' | 'pending'>();
  const listens = new Map<string, { count: number; unlisten: Promise<(() => Promise<void>) | undefined> }>();
  let closed = false;
  const onError = options.onError ?? (() => undefined);

  const send = (topic: string): void => {
    const started = Date.now();
    sql`select pg_notify(${channelFor(topic)}, ${origin})`
      .catch(onError)
      .then(() => new Promise((resolve) => setTimeout(resolve, Math.max(0, started + minIntervalMs - Date.now()))))
      .finally(() => {
        const again = sending.get(topic) === 'pending';
        sending.delete(topic);
        if (again && !closed) {
          sending.set(topic, 'in_flight');
          send(topic);
        }
      });
  };

  return {
    notify: (topic) => {
      local.notify(topic);
      if (closed) return;
      if (sending.has(topic)) {
        sending.set(topic, 'pending');
        return;
      }
      sending.set(topic, 'in_flight');
      send(topic);
    },
    subscribe: (topic, callback) => {
      const unsubscribeLocal = local.subscribe(topic, callback);
      let entry = listens.get(topic);
      if (!entry) {
        const listening = sql
          .listen(channelFor(topic), (payload) => {
            if (payload !== origin) local.notify(topic);
          })
          .then((meta) => meta.unlisten)
          .catch((error: unknown) => {
            onError(error);
            return undefined;
          });
        entry = { count: 0, unlisten: listening };
        listens.set(topic, entry);
      }
      entry.count += 1;
      const held = entry;
      let active = true;
      return () => {
        if (!active) return;
        active = false;
        unsubscribeLocal();
        held.count -= 1;
        if (held.count === 0 && listens.get(topic) === held) {
          listens.delete(topic);
          void held.unlisten.then((unlisten) => unlisten?.()).catch(onError);
        }
      };
    },
    close: async () => {
      closed = true;
      const pending = [...listens.values()];
      listens.clear();
      await Promise.all(pending.map((entry) => entry.unlisten.then((unlisten) => unlisten?.()).catch(() => undefined)));
      await local.close();
    },
  };
};
