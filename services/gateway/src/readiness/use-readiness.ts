/**
 * Readiness (`/ready`): 200 when the database answers and, if a projector runs in this process, it is running;
 * 503 with a plain reason otherwise. Liveness (`/health`) is Yoga's built-in check: the process answers.
 *
 * With `report` (main.ts and the platform pass the shared runtime's readiness check: migrations, projector and
 * relay lag, Kafka) the answer is JSON naming every check and each failure's reason.
 */
import { useReadinessCheck } from 'graphql-yoga';
import type { Plugin } from 'graphql-yoga';
import type { Sql } from 'postgres';

export type ReadinessReport = { status: 'ready' | 'not-ready'; reasons: string[]; checks: Record<string, unknown> };

export type ReadinessOptions = {
  sql: Sql;
  /** Extra check, e.g. the projector's state. Resolves to a reason when not ready, undefined when ready. */
  notReadyReason?: () => Promise<string | undefined> | string | undefined;
  /** The full set of checks with reasons. Default: none (database and `notReadyReason` only). */
  report?: () => Promise<ReadinessReport>;
  /** Path. Default `/ready`. */
  endpoint?: string;
  /** Database check timeout in ms. Default 2000. */
  timeoutMs?: number;
};

export const useReadiness = (options: ReadinessOptions): Plugin =>
  useReadinessCheck({
    endpoint: options.endpoint ?? '/ready',
    check: async ({ fetchAPI }) => {
      if (options.report) {
        const [report, extra] = await Promise.all([options.report(), options.notReadyReason?.()]);
        const reasons = extra ? [...report.reasons, extra] : report.reasons;
        const body = { ...report, status: reasons.length === 0 ? 'ready' : 'not-ready', reasons };
        return new fetchAPI.Response(JSON.stringify(body), { status: reasons.length === 0 ? 200 : 503, headers: { 'content-type': 'application/json' } });
      }
      const timeout = new Promise<never>((_, reject) => setTimeout(() => reject(new Error('database did not answer in time')), options.timeoutMs ?? 2000).unref());
      try {
        await Promise.race([options.sql`select 1`, timeout]);
      } catch (error) {
        return new fetchAPI.Response(`not ready: ${(error as Error).message}`, { status: 503 });
      }
      const reason = await options.notReadyReason?.();
      return reason ? new fetchAPI.Response(`not ready: ${reason}`, { status: 503 }) : true;
    },
  });
