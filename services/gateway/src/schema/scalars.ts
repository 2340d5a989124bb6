/** JSON for open-ended values (the Ofsted feed's minimised data, validated by its own JSON Schemas). */
import { builder } from '../builder';

export const JsonScalar = builder.scalarType('JSON', {
  description: 'A JSON value.',
  serialize: (value) => value,
  parseValue: (value) => value,
});
