/**
 * Server-side sessions in PostgreSQL (schema `web_sessions`; the embedded PGlite too). The browser holds only a
 * random session id; the row holds who signed in and their tokens, which never leave the server. The row is keyed
 * by the SHA-256 of the id, so a copy of the table cannot be replayed as cookies.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Sql } from 'postgres';
import { runMigrations } from '@cspr/database';
import type { OrganisationClaims } from '@cspr/domain';

export const SESSION_SCHEMA = 'web_sessions';

/** Where a sign-in stands: `pending` between the redirect to the provider and its callback. */
export type SessionData = {
  csrfToken: string;
  pending?: { state: string; nonce: string; codeVerifier: string; returnTo: string };
  user?: {
    subject: string;
    displayName: string;
    email: string;
    idToken?: string;
    accessToken: string;
    refreshToken?: string;
    /** Epoch seconds when the access token expires. */
    accessTokenExpiresAt?: number;
    /** The organisation and roles the provider's ID token named (AUTH_ORGANISATION_CLAIM, AUTH_ROLE_CLAIM). */
    organisationClaims?: OrganisationClaims;
  };
};

export type StoredSession = { id: string; data: SessionData; lastSeenAt: Date; expiresAt: Date };

export const migrateSessions = (sql: Sql) =>
  runMigrations(sql, {
    schema: SESSION_SCHEMA,
    migrations: [
      {
        id: '0001-sessions',
        sql: `create table ${SESSION_SCHEMA}.sessions (
        id_hash text primary key,
        data jsonb not null,
        last_seen_at timestamptz not null,
        expires_at timestamptz not null
      );
      create index sessions_expires_at on ${SESSION_SCHEMA}.sessions (expires_at);`,
      },
    ],
  });

const hash = (id: string) => createHash('sha256').update(id).digest('base64url');
export const newSecret = () => randomBytes(32).toString('base64url');

type Row = { data: SessionData; last_seen_at: Date; expires_at: Date };

export type SessionStore = {
  create: (data: SessionData) => Promise<StoredSession>;
  /** The live session, or undefined when unknown or past its inactivity timeout (then it is deleted). */
  get: (id: string) => Promise<StoredSession | undefined>;
  save: (id: string, data: SessionData) => Promise<void>;
  /** Moves the inactivity deadline on; writes only when the last touch is older than `touchAfterMs`. */
  touch: (session: StoredSession) => Promise<StoredSession>;
  destroy: (id: string) => Promise<void>;
  /** Deletes expired rows; returns how many. */
  sweep: () => Promise<number>;
};

export type SessionStoreOptions = {
  sql: Sql;
  /** Inactivity timeout in ms. */
  timeoutMs: number;
  clock?: () => Date;
  /** Default 60 s: a page view within a minute of the last does not rewrite the row. */
  touchAfterMs?: number;
};

export const createSessionStore = (options: SessionStoreOptions): SessionStore => {
  const { sql, timeoutMs } = options;
  const now = options.clock ?? (() => new Date());
  const touchAfterMs = options.touchAfterMs ?? 60_000;
  const table = sql(`${SESSION_SCHEMA}.sessions`);
  return {
    create: async (data) => {
      const id = newSecret();
      const lastSeenAt = now();
      const expiresAt = new Date(lastSeenAt.getTime() + timeoutMs);
      await sql`insert into ${table} (id_hash, data, last_seen_at, expires_at)
        values (${hash(id)}, ${sql.json(data as never)}, ${lastSeenAt}, ${expiresAt})`;
      return { id, data, lastSeenAt, expiresAt };
    },
    get: async (id) => {
      const [row] = await sql<Row[]>`select data, last_seen_at, expires_at from ${table} where id_hash = ${hash(id)}`;
      if (!row) return undefined;
      if (row.expires_at.getTime() <= now().getTime()) {
        await sql`delete from ${table} where id_hash = ${hash(id)}`;
        return undefined;
      }
      return { id, data: row.data, lastSeenAt: row.last_seen_at, expiresAt: row.expires_at };
    },
    save: async (id, data) => {
      await sql`update ${table} set data = ${sql.json(data as never)} where id_hash = ${hash(id)}`;
    },
    touch: async (session) => {
      const at = now();
      if (at.getTime() - session.lastSeenAt.getTime() < touchAfterMs) return session;
      const expiresAt = new Date(at.getTime() + timeoutMs);
      await sql`update ${table} set last_seen_at = ${at}, expires_at = ${expiresAt} where id_hash = ${hash(session.id)}`;
      return { ...session, lastSeenAt: at, expiresAt };
    },
    destroy: async (id) => {
      await sql`delete from ${table} where id_hash = ${hash(id)}`;
    },
    sweep: async () => (await sql`delete from ${table} where expires_at <= ${now()}`).count,
  };
};
