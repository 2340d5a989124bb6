/**
 * Every root field is guarded by ACCESS_POLICY through plugin-scope-auth (`authScopes: may(operation)`), and every
 * row of the table guards something: a field added without a rule, or a rule left without its field, fails here.
 */
import { describe, expect, it } from 'vitest';
import { OPERATIONS, type Operation } from '@cspr/domain';
import { buildSchema } from './index';

type Scopes = { may?: Operation } | ((...args: unknown[]) => { may?: Operation });

describe('the schema and the policy table', () => {
  const schema = buildSchema();
  const roots = [schema.getQueryType()!, schema.getMutationType()!];
  const guards = roots.flatMap((root) =>
    Object.values(root.getFields()).map((field) => ({
      name: `${root.name}.${field.name}`,
      scopes: (field.extensions as { pothosOptions?: { authScopes?: Scopes } }).pothosOptions?.authScopes,
    })),
  );

  it('guards every query and mutation with a row of ACCESS_POLICY', () => {
    expect(guards.filter((g) => g.scopes === undefined).map((g) => g.name)).toEqual([]);
    for (const g of guards) {
      if (typeof g.scopes === 'function') continue;
      expect(OPERATIONS, g.name).toContain(g.scopes!.may);
    }
  });

  it('uses every row of the table (personal data is guarded per field)', () => {
    const used = new Set(guards.flatMap((g) => (typeof g.scopes === 'object' && g.scopes.may ? [g.scopes.may] : [])));
    expect(OPERATIONS.filter((op) => !used.has(op))).toEqual(['personalData']);
  });
});
