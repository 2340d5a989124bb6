/**
 * The relay's health, owned here: whether it publishes (or is a healthy standby) within READY_MAX_RELAY_LAG_SECONDS,
 * and whether the broker answers. The relay's own `/ready` (relay-health-server.ts) uses the first; `npm start`
 * reports both in the gateway's `/health`, never in its `/ready` (notifications need no Kafka).
 */
import { kafkaSecurityOptions, type KafkaSecurity } from './feed-publisher';
import { Kafka, logLevel } from 'kafkajs';
import type { Check, CheckResult } from '@cspr/runtime';
import type { Relay } from './relay';

/** Not ready while failing, stopped, or active and further behind than `maxLagSeconds`. */
export const relayReasons = (status: Awaited<ReturnType<Relay['status']>>, maxLagSeconds: number): string[] => [
  ...(status.ready ? [] : [`relay ${status.state}${status.lastError ? `: ${status.lastError}` : ''}`]),
  ...(status.state === 'active' && status.lagSeconds > maxLagSeconds
    ? [`relay ${Math.round(status.lagSeconds)} s behind (limit ${maxLagSeconds} s)`]
    : []),
];

export const relayCheck =
  (relay: Pick<Relay, 'status'>, maxLagSeconds: number): Check =>
  async () => {
    const status = await relay.status();
    const reasons = relayReasons(status, maxLagSeconds);
    const detail = { state: status.state, lagEvents: status.lagEvents, lagSeconds: Math.round(status.lagSeconds) };
    return reasons.length === 0 ? { ok: true, ...detail } : { ok: false, reason: reasons.join('; '), ...detail };
  };

/** The broker answers a cluster description; asked at most every 5 s (probes come often, a connection costs more). */
export const kafkaCheck = (brokers: string[], timeoutMs = 2000, security?: KafkaSecurity): Check => {
  const kafka = new Kafka({
    clientId: 'cspr-health',
    brokers,
    ...kafkaSecurityOptions(security),
    connectionTimeout: timeoutMs,
    logLevel: logLevel.NOTHING,
    retry: { retries: 0 },
  });
  let cache: { at: number; result: CheckResult } | undefined;
  return async () => {
    if (cache && Date.now() - cache.at < 5_000) return cache.result;
    const admin = kafka.admin();
    try {
      await admin.connect();
      await admin.describeCluster();
      cache = { at: Date.now(), result: { ok: true } };
    } catch (error) {
      cache = {
        at: Date.now(),
        result: { ok: false, reason: `Kafka unreachable: ${error instanceof Error ? error.name : 'error'}` },
      };
    } finally {
      await admin.disconnect().catch(() => undefined);
    }
    return cache.result;
  };
};
