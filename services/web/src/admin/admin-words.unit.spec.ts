import { describe, expect, it } from 'vitest';
import { refusalErrors, slugOf } from './admin-words';

describe('the internal id made from a partnership or contact name', () => {
  it('is the lowercase slug the domain accepts', () => {
    expect(slugOf('Bath & North East Somerset Safeguarding Children Partnership')).toBe(
      'bath-and-north-east-somerset-safeguarding-children-partnership',
    );
    expect(slugOf("  St Helens' Partnership  ")).toBe('st-helens-partnership');
    expect(slugOf('x'.repeat(79) + ' y')).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    expect(slugOf('!!!')).toBe('');
  });
});

describe('a refusal from the gateway on an admin form', () => {
  it('is put against the field it names, an indexed field against its form field, else the fallback', () => {
    const fields = { localAuthorityCodes: 'localAuthority1', name: 'name' };
    expect(
      refusalErrors(
        { __typename: 'ValidationError', message: 'bad code', field: 'localAuthorityCodes.2' },
        fields,
        'name',
      ),
    ).toEqual({ localAuthority1: 'bad code' });
    expect(refusalErrors({ __typename: 'IllegalStateError', message: 'already' }, fields, 'name')).toEqual({
      name: 'already',
    });
  });
});
