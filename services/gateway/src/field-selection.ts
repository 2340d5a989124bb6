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

/**
 * `compute`, remembered per selection: Yoga's parse cache hands every request with the same query text the same
 * parsed document, so the field's first node stands for the selection (and its fragments), and an allow-listed
 * list page works its selection out once instead of on every request. For root fields: below the root, the nodes
 * a field merges can depend on the parent's runtime type.
 */
export const perSelection = <T>(compute: (info: GraphQLResolveInfo) => T): ((info: GraphQLResolveInfo) => T) => {
  const known = new WeakMap<FieldNode, T>();
  return (info) => {
    const key = info.fieldNodes[0]!;
    if (known.has(key)) return known.get(key)!;
    const value = compute(info);
    known.set(key, value);
    return value;
  };
};
