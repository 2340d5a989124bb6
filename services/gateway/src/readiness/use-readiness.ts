/**
 * `/ready` and `/health` as one Yoga plugin. `/ready` answers 200 or 503 with the gateway's readiness report
 * (gateway-readiness.ts: can it append and read); `/health` answers 200 while the process does, with the health
 * report (lag, rebuild, relay, Kafka) in the body. Yoga's own empty liveness answer moves to `/health/live`.
 */
import type { Plugin } from 'graphql-yoga';
import type { ReadinessReport } from '@cspr/runtime';
import type { HealthReport } from './gateway-readiness';

export type ReadinessOptions = {
  ready: () => Promise<ReadinessReport>;
  /** Default: `{ status: 'ok' }` with no checks. */
  health?: () => Promise<HealthReport>;
};

export const LIVENESS_ENDPOINT = '/health/live';

const json = (fetchAPI: { Response: typeof Response }, status: number, body: unknown) =>
  new fetchAPI.Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', 'cache-control': 'no-store' },
  });

export const useReadiness = (options: ReadinessOptions): Plugin => ({
  async onRequest({ request, url, fetchAPI, endResponse }) {
    if (request.method !== 'GET' && request.method !== 'HEAD') return;
    if (url.pathname === '/ready') {
      const report = await options.ready();
      endResponse(json(fetchAPI, report.status === 'ready' ? 200 : 503, report));
    } else if (url.pathname === '/health') {
      endResponse(
        json(fetchAPI, 200, options.health ? await options.health() : { status: 'ok', warnings: [], checks: {} }),
      );
    }
  },
});
