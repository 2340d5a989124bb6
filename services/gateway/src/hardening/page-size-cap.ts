/**
 * Caps page sizes: any `first`/`last` argument (literal or variable) above `maxPageSize` is refused before
 * execution, whichever field it is on, so no connection can be asked for a million rows. Negative values are
 * refused too. Runs at execute time because only then are variable values known.
 */
import { GraphQLError, Kind, valueFromASTUntyped, visit } from 'graphql';
import type { ArgumentNode, DocumentNode } from 'graphql';
import type { Plugin } from 'graphql-yoga';

export type PageSizeCapOptions = {
  maxPageSize: number;
  /** Argument names that are page sizes. Default `['first', 'last']`. */
  argumentNames?: string[];
};

export const usePageSizeCap = (options: PageSizeCapOptions): Plugin => {
  const names = new Set(options.argumentNames ?? ['first', 'last']);
  // Yoga hands the same parsed document to every request with the same text, so the walk is done once per query.
  const pageSizeArguments = new WeakMap<DocumentNode, ArgumentNode[]>();
  const argumentsOf = (document: DocumentNode): ArgumentNode[] => {
    let found = pageSizeArguments.get(document);
    if (!found) {
      const collected: ArgumentNode[] = [];
      visit(document, {
        [Kind.ARGUMENT]: (node) => {
          if (names.has(node.name.value)) collected.push(node);
        },
      });
      pageSizeArguments.set(document, (found = collected));
    }
    return found;
  };
  return {
    onExecute: ({ args, setResultAndStopExecution }) => {
      const variables = (args.variableValues ?? {}) as Record<string, unknown>;
      for (const node of argumentsOf(args.document)) {
        const value = valueFromASTUntyped(node.value, variables);
        if (typeof value === 'number' && (value > options.maxPageSize || value < 0)) {
          setResultAndStopExecution({
            errors: [
              new GraphQLError(`${node.name.value} must be between 0 and ${options.maxPageSize}`, {
                nodes: [node],
                extensions: { code: 'PAGE_SIZE_TOO_LARGE', maxPageSize: options.maxPageSize },
              }),
            ],
          });
          return;
        }
      }
    },
  };
};
