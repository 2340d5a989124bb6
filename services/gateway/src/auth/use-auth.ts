/**
 * Yoga plugin: verifies the bearer token once per request and puts the principal in the context. No token is
 * the public; a token that fails verification is a 401 with code UNAUTHENTICATED, never a silent downgrade to
 * public (a client with an expired token must learn why it sees nothing).
 */
import { createGraphQLError } from 'graphql-yoga';
import type { Plugin } from 'graphql-yoga';
import type { Principal } from './principal';
import { AuthenticationError } from './verify-token';
import type { TokenVerifier } from './verify-token';

export type AuthContext = { principal: Principal };

export const useAuth = (verifier: TokenVerifier): Plugin<AuthContext> => ({
  onContextBuilding: async ({ context, extendContext }) => {
    try {
      const principal = await verifier.verify(context.request.headers.get('authorization'));
      extendContext({ principal });
    } catch (error) {
      if (error instanceof AuthenticationError) {
        throw createGraphQLError(error.message, {
          extensions: { code: 'UNAUTHENTICATED', http: { status: 401, headers: { 'www-authenticate': 'Bearer' } } },
        });
      }
      throw error;
    }
  },
});
