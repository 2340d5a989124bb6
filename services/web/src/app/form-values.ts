/**
 * A posted form as the rules read it: each field's value, checkbox groups as arrays. Nothing is kept between
 * requests: a form with errors is sent back with what was typed in it.
 */
export type FormValues = Record<string, string | string[]>;

/** Every posted field except the CSRF token; a name posted more than once (checkboxes) becomes an array. */
export const formValues = (form: URLSearchParams): FormValues => {
  const values: FormValues = {};
  for (const name of new Set(form.keys())) {
    if (name === '_csrf' || name === 'action') continue;
    const all = form.getAll(name);
    values[name] = all.length > 1 ? all : (all[0] ?? '');
  }
  return values;
};

export const str = (values: FormValues, name: string): string => {
  const v = values[name];
  return Array.isArray(v) ? (v[0] ?? '') : (v ?? '');
};
export const arr = (values: FormValues, name: string): string[] => {
  const v = values[name];
  return Array.isArray(v) ? v : v ? [v] : [];
};
