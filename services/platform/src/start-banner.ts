/**
 * What `npm start` prints once it answers: where to sign in (people use the pages, picking a development account
 * on the embedded provider), then what runs, then `npm run token` for API clients (scripts, Ofsted's consumer),
 * which is not how a person signs in.
 */
export type StartBannerFacts = {
  port: number;
  /** DATA_DIR when the database is the embedded PGlite; absent with DATABASE_URL. */
  embeddedDataDir?: string;
  kafkaBrokers?: readonly string[];
  /** OIDC_ISSUER when people sign in with their organisation's provider; absent: the embedded one. */
  signInIssuer?: string;
};

export const startBanner = (facts: StartBannerFacts): string => {
  const address = `http://localhost:${facts.port}/`;
  return [
    '',
    `CSPR is running. Sign in at ${address}`,
    facts.signInIssuer
      ? `  sign-in: your organisation's account at ${facts.signInIssuer}`
      : '  sign-in: pick a development account (partnership, agency, Panel, Ofsted, DfE, admin) on the sign-in page',
    `  database: ${facts.embeddedDataDir ? `embedded PGlite in ${facts.embeddedDataDir}` : 'PostgreSQL server (DATABASE_URL)'}`,
    `  Kafka relay: ${facts.kafkaBrokers?.length ? facts.kafkaBrokers.join(',') : 'off (set KAFKA_BROKERS to publish the Ofsted feed)'}`,
    `  API clients: GraphQL at ${address}graphql; a development bearer token from`,
    '    npm run token -- --role partnership --partnership leeds   (also: panel, ofsted, dfe, agency, admin)',
    '',
  ].join('\n');
};
