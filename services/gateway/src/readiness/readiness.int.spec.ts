/**
 * Issue 15, finding 7: the gateway's `/ready` follows only what the statutory path needs (database, log, read-model
 * tables). A stopped or lagging projector, a rebuild and a broker that is down show in `/health`, not in `/ready`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '@cspr/testing';
import { createPostgresEventStore, migrateEventStore } from '@cspr/event-store/postgres';
import { startGatewayFixture, type GatewayFixture } from '../gateway.fixture';
import { lifecycle } from '../lifecycle.fixture';
import { gatewayHealth, gatewayReadiness, readModelsFreshness } from './gateway-readiness';

let f: GatewayFixture;
beforeAll(async () => {
  f = await startGatewayFixture({
    health: () =>
      gatewayHealth({
        readModels: readModelsFreshness(f.db.sql, f.gateway.services.store, 0),
        // What services/platform reports when the broker does not answer (relay's kafkaCheck).
        kafka: async () => ({ ok: false, reason: 'Kafka unreachable: KafkaJSConnectionError' }),
      })(),
  });
});
afterAll(async () => {
  await f?.close();
});

const get = async (path: string) => {
  const response = await f.gateway.yoga.fetch(`http://gateway${path}`);
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
};

describe('gateway readiness', () => {
  it('stays ready with the projector stopped, behind, rebuilding and Kafka down; /health says what is wrong', async () => {
    await f.projector.stop();
    await lifecycle(f.gateway.commands).notified();
    const [marked] = await f.db.sql`update read_models.checkpoints set rebuilding = true returning rebuilding`;
    expect(marked).toBeDefined();

    const ready = await get('/ready');
    expect(ready).toMatchObject({ status: 200, body: { status: 'ready', reasons: [] } });
    expect(Object.keys(ready.body.checks as object).sort()).toEqual(['database', 'log', 'migrations']);

    const health = await get('/health');
    expect(health.status).toBe(200);
    const warnings = (health.body.warnings as string[]).join(' | ');
    expect(warnings).toContain('projector rebuilding');
    expect(warnings).toContain('Kafka unreachable');
    expect(health.body.checks).toMatchObject({ readModels: { ok: false, rebuilding: true }, kafka: { ok: false } });
  });

  it("is not ready, with the reason, when the read models' tables are missing", async () => {
    const bare = await createTestDatabase();
    try {
      await migrateEventStore(bare.sql);
      const report = await gatewayReadiness({
        sql: bare.sql,
        store: createPostgresEventStore({ sql: bare.sql, wakeups: bare.wakeups }),
      })();
      expect(report.status).toBe('not-ready');
      expect(report.reasons.join(' ')).toMatch(/migrations not applied/);
      expect(report.checks).toMatchObject({ database: { ok: true }, log: { ok: true }, migrations: { ok: false } });
    } finally {
      await bare.drop();
    }
  });
});
