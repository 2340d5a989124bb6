// Lint enforces the architecture: dependencies point inward (docs/architecture.md, rule 2), packages are reached by name.
import tseslint from 'typescript-eslint';

const crossPackageRelative = {
  group: ['../../*', '../../../*', '**/packages/*', '**/services/*'],
  message: 'Reach another workspace by its @cspr/ name and exports, never by a relative path.',
};

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      '**/.data/**',
      '**/.turbo/**',
      'infra/kafka/.cache/**',
      'infra/keycloak/.cache/**',
      'infra/keycloak/.run/**',
      'services/web/dist/**',
    ],
  },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/consistent-type-definitions': ['error', 'type'],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-throw-literal': 'error',
      'no-restricted-imports': ['error', { patterns: [crossPackageRelative] }],
    },
  },
  {
    // The domain is the runtime-free core: no database, broker, GraphQL, telemetry SDK or Node built-ins,
    // and no other workspace (everything depends on it, never the reverse).
    files: ['packages/domain/src/**/*.ts'],
    ignores: ['packages/domain/src/**/*.spec.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            crossPackageRelative,
            {
              group: ['node:*'],
              message: 'The domain is pure: no Node built-ins (clock, ids and I/O come from the composition root).',
            },
            {
              group: [
                'postgres',
                '@electric-sql/*',
                '@eventstore/*',
                'kafkajs',
                'graphql',
                'graphql-*',
                '@pothos/*',
                '@opentelemetry/*',
                'pino',
                '@cspr/*',
              ],
              message:
                'The domain imports no database, broker, GraphQL, telemetry or other workspace: adapters depend on it, not the reverse.',
            },
          ],
          paths: ['fs', 'path', 'crypto', 'os', 'child_process', 'net', 'http', 'https', 'events', 'util'].map(
            (name) => ({ name, message: 'No Node built-ins in the domain.' }),
          ),
        },
      ],
      'no-restricted-globals': [
        'error',
        { name: 'crypto', message: 'No random ids in the domain: ids come in with the command.' },
        { name: 'process', message: 'No environment in the domain.' },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: "NewExpression[callee.name='Date'][arguments.length=0]",
          message: 'No clock reads in the domain: the time comes in with the command.',
        },
        {
          selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']",
          message: 'No clock reads in the domain: the time comes in with the command.',
        },
        {
          selector: "MemberExpression[object.name='Math'][property.name='random']",
          message: 'No randomness in the domain.',
        },
      ],
    },
  },
  {
    // Libraries use only @opentelemetry/api; only services start the SDK (docs/architecture.md, rule 11).
    files: ['packages/**/*.ts'],
    ignores: ['packages/**/*.spec.ts', 'packages/testing/**', 'packages/domain/**', 'packages/telemetry/src/sdk/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            crossPackageRelative,
            {
              group: ['@opentelemetry/sdk-*', '@opentelemetry/exporter-*'],
              message: 'Libraries use @opentelemetry/api only; services start the SDK.',
            },
          ],
        },
      ],
    },
  },
);
