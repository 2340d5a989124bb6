import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from './logger';

const capture = () => {
  const lines: string[] = [];
  const destination = new Writable({
    write: (chunk, _encoding, done) => {
      lines.push(String(chunk));
      done();
    },
  });
  return { lines, destination };
};

describe('createLogger', () => {
  it('redacts personal data wherever it is nested', () => {
    const { lines, destination } = capture();
    const logger = createLogger({ service: 'test', destination });
    logger.info(
      {
        command: {
          type: 'NotifyIncident',
          data: { personal: { children: [{ name: 'Zebedee Marker' }] }, caseOutline: 'Outline Marker' },
        },
        event: { personal: { notifier: { email: 'someone@example.org' } } },
        variables: { input: { name: 'Variable Marker' } },
        incidentId: 'b7e1b0de-0000-4000-8000-000000000001',
      },
      'command handled',
    );
    const output = lines.join('');
    expect(output).not.toMatch(/Zebedee|Outline Marker|someone@example|Variable Marker/);
    expect(output).toContain('[redacted]');
    expect(output).toContain('b7e1b0de-0000-4000-8000-000000000001');
    expect(JSON.parse(lines[0]!)).toMatchObject({ service: 'test', msg: 'command handled' });
  });
});

describe('log correlation', () => {
  it('adds the correlation id of the command being handled to every line inside it', async () => {
    const { withCorrelationId } = await import('./correlation');
    const { context } = await import('@opentelemetry/api');
    const { AsyncLocalStorageContextManager } = await import('@opentelemetry/context-async-hooks');
    const manager = new AsyncLocalStorageContextManager().enable();
    context.setGlobalContextManager(manager);
    try {
      const { lines, destination } = capture();
      const logger = createLogger({ service: 'test', destination });
      await withCorrelationId('cmd-42', async () => {
        await Promise.resolve();
        logger.info('inside');
      });
      logger.info('outside');
      expect(JSON.parse(lines[0]!)).toMatchObject({ msg: 'inside', correlationId: 'cmd-42' });
      expect(JSON.parse(lines[1]!)).not.toHaveProperty('correlationId');
    } finally {
      context.disable();
    }
  });
});
