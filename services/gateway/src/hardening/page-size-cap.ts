/**
 * Caps page sizes: any `first`/`last` argument (literal or variable) above `maxPageSize` is refused before
 * execution, whichever field it is on, so no connection can be asked for a million rows. Negative values are
 * refused too. Runs at execute time because only then are variable values known.
 */
import { GraphQLError, Kind, valueFromASTUntyped, visit } from 'graphql';
import type { Plugin } from 'graphql-yoga';

export type PageSizeCapOptions = {
  maxPageSize: number;
  /** Argument names that are page sizes. Default `['first', 'last']`. */
  argumentNames?: string[];
};

export const usePageSizeCap = (options: PageSizeCapOptions): Plugin => {
  const names = new Set(options.argumentNames ?? ['first', 'last']);
  return {
    onExecute: ({ args, setResultAndStopExecution }) => {
      const variables = (args.variableValues ?? {}) as Record<string, unknown>;
      let refused: GraphQLError | undefined;
      visit(args.document, {
        [Kind.ARGUMENT]: (node) => {
          if (refused || !names.has(node.name.value)) return;
          const value = valueFromASTUntyped(node.value, variables);
          if (typeof value === 'number' && (value > options.maxPageSize || value < 0)) {
            refused = new GraphQLError(`${node.name.value} must be between 0 and ${options.maxPageSize}`, {
              nodes: [node],
              extensions: { code: 'PAGE_SIZE_TOO_LARGE', maxPageSize: options.maxPageSize },
            });
          }
        },
      });
      if (refused) setResultAndStopExecution({ errors: [refused] });
    },
  };
};
