/** Mints dev tokens with the data folder's key (the `npm run token` contract). */
import { randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import type { Role } from '@cspr/domain';
import { DEV_ALGORITHM, DEV_AUDIENCE, DEV_ISSUER } from './dev-signing-key';
import type { DevSigningKey } from './dev-signing-key';

export type DevTokenRequest = {
  role: Role;
  /** Required for the `partnership` and `agency` roles: the partnership id (e.g. `leeds`). */
  partnership?: string;
  /** Subject. Default: `dev-<role>[-<partnership>]`. */
  sub?: string;
  /** jose duration. Default `12h`. */
  expiresIn?: string;
};

export const mintDevToken = async (key: DevSigningKey, request: DevTokenRequest): Promise<string> => {
  if ((request.role === 'partnership' || request.role === 'agency') && !request.partnership)
    throw new Error(`--partnership is required with --role ${request.role}`);
  const sub = request.sub ?? ['dev', request.role, request.partnership].filter(Boolean).join('-');
  return new SignJWT({ role: request.role, ...(request.partnership ? { partnership: request.partnership } : {}) })
    .setProtectedHeader({ alg: DEV_ALGORITHM, kid: key.kid, typ: 'JWT' })
    .setSubject(sub)
    .setIssuer(DEV_ISSUER)
    .setAudience(DEV_AUDIENCE)
    .setIssuedAt()
    .setJti(randomUUID())
    .setExpirationTime(request.expiresIn ?? '12h')
    .sign(key.privateKey);
};
