/**
 * Imported first by benches that measure the production setup. graphql-js decides once, when it is loaded, whether
 * to run its development checks (an `instanceOf` that looks for a second copy of the library on every type test,
 * thousands per list page); the deployed image runs with NODE_ENV=production (infra/deploy/Dockerfile) and so
 * never pays for them. An explicit NODE_ENV is kept.
 */
if (process.env.BENCH_PRODUCTION !== '0') process.env.NODE_ENV ??= 'production';
