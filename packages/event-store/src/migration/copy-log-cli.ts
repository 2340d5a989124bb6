import { parseArgs } from 'node:util';
import { copyLog, describePosition, verifyCopy } from './copy-log';
import { checkpointStoreFor, openStore } from './open-store';

export type CopyArgs = {
  from: string;
  to: string;
  checkpointFile?: string;
  pageSize: number;
  maxEvents?: number;
  verify: boolean;
  verifyOnly: boolean;
};

export const USAGE = `Copies the whole event log from one store to another, resumably, and verifies it.

  npm run log:copy -- --from <address> --to <address> [options]

Addresses: postgres://user@host:5432/db | pglite:<folder> (embedded, e.g. pglite:.data/pglite) |
           esdb://host:2113?tls=false | kurrentdb://… (EventStoreDB / KurrentDB)
Defaults:  --from $LOG_COPY_FROM, --to $LOG_COPY_TO
Options:
  --checkpoint-file <path>  keep the checkpoint in this file (default: a table in a PostgreSQL target,
                            else .data/log-copy/<source>-to-<target>.json)
  --page-size <n>           events per page and per checkpoint (default 500)
  --max-events <n>          stop cleanly after about n events (resume later by running again)
  --verify-only             only compare count and sha256 of both logs
  --no-verify               skip the comparison at the end
Exit codes: 0 copied and verified, 1 failed, 2 logs differ, 3 stopped before the end (run again to resume).`;

const positiveInt = (text: string | undefined, name: string): number | undefined => {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive integer`);
  return value;
};

/** `defaults`: the stores named by LOG_COPY_FROM and LOG_COPY_TO (@cspr/config), used when a flag is absent. */
export const parseCopyArgs = (
  argv: string[],
  defaults: { from?: string | undefined; to?: string | undefined } = {},
): CopyArgs => {
  const { values } = parseArgs({
    args: argv,
    options: {
      from: { type: 'string' },
      to: { type: 'string' },
      'checkpoint-file': { type: 'string' },
      'page-size': { type: 'string' },
      'max-events': { type: 'string' },
      'verify-only': { type: 'boolean', default: false },
      'no-verify': { type: 'boolean', default: false },
    },
    strict: true,
  });
  const from = values.from ?? defaults.from;
  const to = values.to ?? defaults.to;
  if (!from || !to) throw new Error('Both --from and --to are needed (or LOG_COPY_FROM and LOG_COPY_TO)');
  if (from.trim() === to.trim()) throw new Error('--from and --to name the same store');
  const maxEvents = positiveInt(values['max-events'], '--max-events');
  return {
    from,
    to,
    ...(values['checkpoint-file'] ? { checkpointFile: values['checkpoint-file'] } : {}),
    pageSize: positiveInt(values['page-size'], '--page-size') ?? 500,
    ...(maxEvents === undefined ? {} : { maxEvents }),
    verify: !values['no-verify'],
    verifyOnly: values['verify-only'],
  };
};

/** Runs the copy; returns the exit code. `print` gets one line at a time (no event data, only ids and counts). */
export const runCopyLog = async (
  args: CopyArgs,
  print: (line: string) => void,
  signal?: AbortSignal,
): Promise<number> => {
  const source = await openStore(args.from);
  let target;
  try {
    target = await openStore(args.to);
  } catch (error) {
    await source.close();
    throw error;
  }
  try {
    print(`source: ${source.shown} (${source.kind})`);
    print(`target: ${target.shown} (${target.kind})`);
    // Fail before any work when either side is unreachable, not after reading a whole page.
    await Promise.all([source.store.headPosition(), target.store.headPosition()]);
    if (!args.verifyOnly) {
      const checkpoint = await checkpointStoreFor(args.from, target, args.to, args.checkpointFile);
      print(`checkpoint: ${checkpoint.describe}`);
      const started = Date.now();
      const result = await copyLog({
        source: source.store,
        target: target.store,
        checkpoint,
        pageSize: args.pageSize,
        ...(args.maxEvents === undefined ? {} : { maxEvents: args.maxEvents }),
        ...(signal ? { signal } : {}),
        onProgress: (p) =>
          print(
            `copied ${p.copied} (this run: ${p.appended} appended, ${p.alreadyThere} already there) up to ${describePosition(p.position)}`,
          ),
      });
      const seconds = (Date.now() - started) / 1000;
      print(
        `${result.complete ? 'copy complete' : 'copy stopped early'}: ${result.copied} events in all; this run appended ${result.appended}, ` +
          `found ${result.alreadyThere} already there, resumed from ${describePosition(result.resumedFrom)}, ${seconds.toFixed(1)} s`,
      );
      if (!result.complete) return 3;
    }
    if (!args.verify && !args.verifyOnly) return 0;
    const verification = await verifyCopy(source.store, target.store);
    print(`source: ${verification.source.count} events, sha256 ${verification.source.sha256}`);
    print(`target: ${verification.target.count} events, sha256 ${verification.target.sha256}`);
    print(verification.equal ? 'verified: same count and checksum' : 'DIFFERENT: the logs do not match');
    return verification.equal ? 0 : 2;
  } finally {
    await target.close();
    await source.close();
  }
};
