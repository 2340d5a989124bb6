/**
 * Which fields a request selects under a path (fragments included), so a resolver reads only the columns and runs
 * only the statements the answer needs (a list without `history` or `totalCount` skips them).
 */
import type { FieldNode, GraphQLResolveInfo, SelectionSetNode } from 'graphql';

const collect = (info: GraphQLResolveInfo, set: SelectionSetNode | undefined, into: FieldNode[]) => {
  for (const selection of set?.selections ?? []) {
    if (selection.kind === 'Field') into.push(selection);
    else if (selection.kind === 'InlineFragment') collect(info, selection.selectionSet, into);
    else collect(info, info.fragments[selection.name.value]?.selectionSet, into);
  }
  return into;
};

/** Names of the fields selected at `path` below the resolved field (e.g. ['edges', 'node']). */
export const selectedFields = (info: GraphQLResolveInfo, path: string[] = []): Set<string> => {
  let level: FieldNode[] = [...info.fieldNodes];
  for (const name of path) {
    level = level.flatMap((node) => collect(info, node.selectionSet, [])).filter((node) => node.name.value === name);
  }
  return new Set(level.flatMap((node) => collect(info, node.selectionSet, [])).map((node) => node.name.value));
};
