/**
 * Drafts kept in this browser's localStorage, per user and record, so a long form survives a closed tab. A draft
 * holds what the user typed (it may include case details), so it is removed once the form is sent or discarded.
 */
export type FormValues = Record<string, string | string[]>;
type Stored = { savedAt: string; values: FormValues };

const keyOf = (userId: string, record: string) => `cspr.draft.${userId}.${record}`;

/** Every named field of a form; checkbox groups as arrays. */
export const formValues = (form: HTMLFormElement): FormValues => {
  const data = new FormData(form);
  const values: FormValues = {};
  const checkboxes = new Set(Array.from(form.querySelectorAll<HTMLInputElement>('input[type=checkbox]'), (c) => c.name));
  for (const name of new Set(data.keys())) values[name] = checkboxes.has(name) ? data.getAll(name).map(String) : String(data.get(name) ?? '');
  for (const name of checkboxes) values[name] ??= [];
  return values;
};

export const saveDraft = (userId: string, record: string, values: FormValues, now = new Date()): string => {
  const savedAt = now.toISOString();
  localStorage.setItem(keyOf(userId, record), JSON.stringify({ savedAt, values } satisfies Stored));
  return savedAt;
};

export const loadDraft = (userId: string, record: string): Stored | undefined => {
  const stored = localStorage.getItem(keyOf(userId, record));
  if (!stored) return undefined;
  try {
    return JSON.parse(stored) as Stored;
  } catch {
    return undefined;
  }
};

export const clearDraft = (userId: string, record: string): void => localStorage.removeItem(keyOf(userId, record));

export const str = (values: FormValues, name: string): string => {
  const v = values[name];
  return Array.isArray(v) ? (v[0] ?? '') : (v ?? '');
};
export const arr = (values: FormValues, name: string): string[] => {
  const v = values[name];
  return Array.isArray(v) ? v : v ? [v] : [];
};
