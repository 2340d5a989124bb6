/**
 * `npm run token -- --role partnership --partnership leeds [--sub alice] [--expires 12h]` (contract): prints a
 * dev token signed with the key in DATA_DIR (default ./.data), made there on first use. Dev/embedded mode only.
 */
import { loadConfig } from '@cspr/config';
import { parseArgs } from 'node:util';
import { isRole, ROLES } from './auth/principal';
import { loadOrCreateDevSigningKey } from './auth/dev-signing-key';
import { mintDevToken } from './auth/mint-token';

const usage = `Usage: npm run token -- --role <${ROLES.join('|')}> [--partnership <id>] [--sub <subject>] [--expires 12h]`;

const main = async (): Promise<void> => {
  const { values } = parseArgs({
    options: {
      role: { type: 'string' },
      partnership: { type: 'string' },
      sub: { type: 'string' },
      expires: { type: 'string' },
      help: { type: 'boolean' },
    },
  });
  if (values.help) {
    console.log(usage);
    return;
  }
  if (!isRole(values.role)) {
    console.error(`--role is required and must be one of ${ROLES.join(', ')}\n${usage}`);
    process.exitCode = 2;
    return;
  }
  if ((values.role === 'partnership' || values.role === 'agency') && !values.partnership) {
    console.error(`--partnership <id> is required with --role ${values.role}\n${usage}`);
    process.exitCode = 2;
    return;
  }
  const key = await loadOrCreateDevSigningKey(loadConfig().dataDir);
  const token = await mintDevToken(key, {
    role: values.role,
    ...(values.partnership ? { partnership: values.partnership } : {}),
    ...(values.sub ? { sub: values.sub } : {}),
    ...(values.expires ? { expiresIn: values.expires } : {}),
  });
  console.log(token);
};

await main();
