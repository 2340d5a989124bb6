/**
 * Production error messages name the field and the rule, never the value sent nor the values it could have been.
 * graphql-js writes both into its messages: `Variable "$input" got invalid value "<a child's name>" at
 * "input.children[0].ageInYears"; Int cannot represent non-integer value: "<the name again>"`, and `Did you mean
 * the enum value "CHILD_DEATH"?` suggestions, which also tell a prober the schema that introspection hides.
 * Development keeps graphql-js's full messages (they help whoever writes a query).
 */
import type { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';

/** The rule of a graphql-js coercion or validation message, without the value it quotes or what it suggests. */
export const ruleOnly = (message: string): string =>
  message
    .replace(/\s*Did you mean [\s\S]*$/, '')
    .replace(/^Value [\s\S]* does not exist in ("[^"]+") enum\.?$/, 'Value does not exist in $1 enum.')
    .replace(/^(Expected value of type "[^"]+"), found [\s\S]*$/, '$1.')
    .replace(/^([\w ]*cannot represent[\w -]*?)(?:: [\s\S]*)$/, '$1.')
    .replace(/^(Expected type "[^"]+")[\s\S]*$/, '$1.');

/** A message as production shows it: the variable's path and the rule, or the rule alone. */
export const withoutValues = (message: string): string => {
  const variable = /^Variable "(\$\w+)" got invalid value [\s\S]*?(?: at "([^"]+)")?; ([\s\S]*)$/.exec(message);
  if (variable) {
    const [, name, path, rule] = variable;
    return `Variable "${name}" has an invalid value${path ? ` at "${path}"` : ''}: ${ruleOnly(rule!)}`;
  }
  return ruleOnly(message);
};

const rewrite = (error: GraphQLError): GraphQLError => {
  const message = withoutValues(error.message);
  if (message === error.message) return error;
  // A plain object as graphql-js's own errors serialise: message, locations, path, extensions.
  return { ...error.toJSON(), message } as unknown as GraphQLError;
};

export const useProductionErrorMessages = (): Plugin => ({
  onResultProcess: ({ result, setResult }) => {
    if (Array.isArray(result) || !result || typeof result !== 'object' || !('errors' in result)) return;
    const errors = (result as { errors?: readonly GraphQLError[] }).errors;
    if (!errors?.length) return;
    setResult({ ...result, errors: errors.map(rewrite) } as never);
  },
});
