/**
 * Drafts of long forms, per user and record, so a reload or a slip of the back button does not lose an afternoon's
 * work. A draft holds what the user typed, which may be case details about a child, so it is kept in sessionStorage
 * (gone when the tab closes, like the session itself), removed on sign-out, ignored and deleted after 24 hours, and
 * removed once the form is sent or discarded. Drafts once kept in localStorage are purged on start (see main.ts).
 */
export type FormValues = Record<string, string | string[]>;
type Stored = { savedAt: string; values: FormValues };
/** The part of the Web Storage API drafts use, so tests can pass an in-memory store. */
export type DraftStore = Pick<Storage, 'getItem' | 'setItem' | 'removeItem' | 'key' | 'length'>;

const PREFIX = 'cspr.draft.';
/** A draft older than this is stale: the case has moved on and the text should not linger on the machine. */
export const DRAFT_MAX_AGE_MS = 24 * 60 * 60 * 1000;

const keyOf = (userId: string, record: string) => `${PREFIX}${userId}.${record}`;
const defaultStore = (): DraftStore => globalThis.sessionStorage;

/** Every named field of a form; checkbox groups as arrays. */
export const formValues = (form: HTMLFormElement): FormValues => {
  const data = new FormData(form);
  const values: FormValues = {};
  const checkboxes = new Set(Array.from(form.querySelectorAll<HTMLInputElement>('input[type=checkbox]'), (c) => c.name));
  for (const name of new Set(data.keys())) values[name] = checkboxes.has(name) ? data.getAll(name).map(String) : String(data.get(name) ?? '');
  for (const name of checkboxes) values[name] ??= [];
  return values;
};

export const saveDraft = (userId: string, record: string, values: FormValues, now = new Date(), store = defaultStore()): string => {
  const savedAt = now.toISOString();
  store.setItem(keyOf(userId, record), JSON.stringify({ savedAt, values } satisfies Stored));
  return savedAt;
};

/** The draft, unless it is unreadable, from the future or older than 24 hours: such a draft is deleted. */
export const loadDraft = (userId: string, record: string, now = new Date(), store = defaultStore()): Stored | undefined => {
  const key = keyOf(userId, record);
  const stored = store.getItem(key);
  if (!stored) return undefined;
  try {
    const draft = JSON.parse(stored) as Stored;
    const age = now.getTime() - Date.parse(draft.savedAt);
    if (typeof draft.values === 'object' && draft.values !== null && age >= 0 && age <= DRAFT_MAX_AGE_MS) return draft;
  } catch {
    // Unreadable: fall through and delete it.
  }
  store.removeItem(key);
  return undefined;
};

export const clearDraft = (userId: string, record: string, store = defaultStore()): void => store.removeItem(keyOf(userId, record));

/** Removes every draft of every user from a store: on sign-out, and on start for drafts left in localStorage. */
export const clearAllDrafts = (store: DraftStore | undefined = defaultStore()): void => {
  if (!store) return;
  const keys: string[] = [];
  for (let i = 0; i < store.length; i++) {
    const key = store.key(i);
    if (key?.startsWith(PREFIX)) keys.push(key);
  }
  for (const key of keys) store.removeItem(key);
};

export const str = (values: FormValues, name: string): string => {
  const v = values[name];
  return Array.isArray(v) ? (v[0] ?? '') : (v ?? '');
};
export const arr = (values: FormValues, name: string): string[] => {
  const v = values[name];
  return Array.isArray(v) ? v : v ? [v] : [];
};
