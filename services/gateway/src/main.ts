/**
 * Runs the gateway alone (production shape: the projector and relay run as their own services) on HOST:PORT
 * (default 127.0.0.1:4000, 0.0.0.0 in production) against DATABASE_URL, or the embedded database in DATA_DIR when
 * unset. `npm start` runs the composed platform instead (services/platform); both wire the gateway with
 * composeGateway.
 */
import { createServer } from 'node:http';
import { closeHttpServerGracefully, guardRequests, openRuntime } from '@cspr/runtime';
import { composeGateway } from './compose-gateway';

// The shared start-up: configuration, telemetry (OTEL_*), the database and event log, and a bounded SIGTERM.
const runtime = await openRuntime({ service: 'gateway' });
const { config, logger } = runtime;
const { gateway } = await composeGateway(runtime);

const server = createServer(guardRequests(gateway.yoga, logger));
server.listen(config.port, config.host, () => {
  logger.info(
    { host: config.host, port: config.port },
    `gateway listening on http://${config.host}:${config.port}/graphql`,
  );
  if (!config.production) logger.info('get a token: npm run token -- --role partnership --partnership leeds');
});

// On SIGTERM (runtime steps run last-registered first): stop taking requests and let those in flight finish, then
// the runtime closes the event store and database and flushes telemetry, all within its bound.
runtime.onShutdown('http server', closeHttpServerGracefully(server));
