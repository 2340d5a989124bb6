/** Every type file registers itself on the builder; this module imports them all and prints the schema. */
import { lexicographicSortSchema } from 'graphql';
import type { GraphQLSchema } from 'graphql';
import { builder } from '../builder';
import './scalars';
import './client-error';
import './vocabulary';
import './command-payload';
import './viewer';
import './notification';
import './deadline';
import './names';
import './incident';
import './incident-figures';
import './incident-personal';
import './rapid-review';
import './review';
import './review-lifecycle';
import './published-report';
import './partnership-reviews-page';
import './national-statistics';
import './notification-feed';
import './projector-status';
import './partnership';
import './partnership-contacts';
import './erasure';
import './personal-data-reads';
import './referral';
import './learning';
import './access';

let built: GraphQLSchema | undefined;

/** The schema, built once per process (the builder is a module singleton) and sorted as printed. */
export const buildSchema = (): GraphQLSchema => {
  built ??= lexicographicSortSchema(builder.toSchema());
  return built;
};
