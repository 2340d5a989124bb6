import { loadConfig } from '@cspr/config';
import { USAGE, parseCopyArgs, runCopyLog } from './copy-log-cli';

// `npm run log:copy -- --from … --to …`. Ctrl-C finishes the page in hand, saves the checkpoint and exits (code 3).
const main = async (): Promise<number> => {
  const argv = process.argv.slice(2);
  if (argv.includes('--help') || argv.includes('-h')) {
    console.log(USAGE);
    return 0;
  }
  let args;
  try {
    args = parseCopyArgs(argv, loadConfig().logCopy);
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${USAGE}`);
    return 1;
  }
  const abort = new AbortController();
  const stop = () => {
    console.log('stopping after the page in hand…');
    abort.abort();
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  try {
    return await runCopyLog(args, (line) => console.log(line), abort.signal);
  } catch (error) {
    console.error(`log copy failed: ${(error as Error).name}: ${(error as Error).message}`);
    return 1;
  }
};

process.exitCode = await main();
