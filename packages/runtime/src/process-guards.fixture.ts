/**
 * Run as its own process by request-guard.unit.spec.ts: installs the process guards, leaves a promise rejected
 * unobserved, then throws outside any request: the process must log both and go on.
 */
import { createLogger } from '@cspr/telemetry';
import { installProcessGuards } from './request-guard';

const logger = createLogger({ service: 'guards-fixture', level: 'info' });
installProcessGuards(logger);
void Promise.reject(new Error('rejected and never observed'));
setTimeout(() => {
  process.stdout.write('{"msg":"still running after the rejection"}\n');
  setTimeout(() => {
    throw new Error('thrown outside any request');
  }, 10);
  setTimeout(() => process.stdout.write('{"msg":"still running after the exception"}\n'), 100);
}, 100);
