import { describe, expect, it } from 'vitest';
import { parseCopyArgs } from './copy-log-cli';
import { sourceKeyOf, storeKindOf } from './open-store';

describe('log:copy arguments', () => {
  it('takes --from and --to, with defaults for the rest', () => {
    expect(parseCopyArgs(['--from', 'postgres://h/a', '--to', 'esdb://h:2113?tls=false'], {})).toEqual({
      from: 'postgres://h/a',
      to: 'esdb://h:2113?tls=false',
      pageSize: 500,
      verify: true,
      verifyOnly: false,
    });
  });

  it('falls back to LOG_COPY_FROM and LOG_COPY_TO', () => {
    expect(parseCopyArgs([], { from: 'pglite:.data/pglite', to: 'postgres://h/b' })).toMatchObject({
      from: 'pglite:.data/pglite',
      to: 'postgres://h/b',
    });
  });

  it('reads the options', () => {
    const args = parseCopyArgs(
      [
        '--from',
        'postgres://h/a',
        '--to',
        'postgres://h/b',
        '--page-size',
        '100',
        '--max-events',
        '1000',
        '--checkpoint-file',
        'x.json',
        '--no-verify',
      ],
      {},
    );
    expect(args).toEqual({
      from: 'postgres://h/a',
      to: 'postgres://h/b',
      pageSize: 100,
      maxEvents: 1000,
      checkpointFile: 'x.json',
      verify: false,
      verifyOnly: false,
    });
  });

  it('refuses a missing side, the same store twice, bad numbers and unknown options', () => {
    expect(() => parseCopyArgs(['--from', 'postgres://h/a'], {})).toThrow(/--to/);
    expect(() => parseCopyArgs(['--from', 'postgres://h/a', '--to', 'postgres://h/a'], {})).toThrow(/same store/);
    expect(() => parseCopyArgs(['--from', 'postgres://h/a', '--to', 'postgres://h/b', '--page-size', '0'], {})).toThrow(
      /positive/,
    );
    expect(() => parseCopyArgs(['--from', 'postgres://h/a', '--to', 'postgres://h/b', '--fast'], {})).toThrow();
  });
});

describe('store addresses', () => {
  it.each([
    ['postgres://u@h:5432/db', 'postgres'],
    ['postgresql://h/db', 'postgres'],
    ['pglite:.data/pglite', 'pglite'],
    ['esdb://h:2113?tls=false', 'eventstoredb'],
    ['esdb+discover://h:2113', 'eventstoredb'],
    ['kurrentdb://admin:changeit@h:2113', 'eventstoredb'],
  ] as const)('%s is %s', (address, kind) => {
    expect(storeKindOf(address)).toBe(kind);
  });

  it('refuses anything else without echoing a password', () => {
    expect(() => storeKindOf('mysql://u:secret@h/db')).toThrow(/mysql:\/\/u:\*\*\*@h\/db/);
  });

  it('keys a source without its password', () => {
    expect(sourceKeyOf('esdb://admin:one@h:2113')).toBe(sourceKeyOf('esdb://admin:two@h:2113'));
    expect(sourceKeyOf('postgres://h/a')).not.toBe(sourceKeyOf('postgres://h/b'));
  });
});
