/** Drafts hold case details: they live in sessionStorage, expire after 24 hours and all go on sign-out. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { clearAllDrafts, clearDraft, DRAFT_MAX_AGE_MS, loadDraft, saveDraft, type DraftStore } from './drafts';
import { signOut } from './session';

/** A Web Storage with the same key/length semantics as the browser's, held in memory. */
const memoryStore = (): DraftStore & { keys: () => string[] } => {
  const items = new Map<string, string>();
  return {
    getItem: (k) => items.get(k) ?? null,
    setItem: (k, v) => void items.set(k, String(v)),
    removeItem: (k) => void items.delete(k),
    key: (i) => [...items.keys()][i] ?? null,
    get length() { return items.size; },
    keys: () => [...items.keys()],
  };
};

const saved = new Date('2026-11-22T09:00:00Z');
const values = { facts: 'What happened to the child', agenciesInvolved: ['police'] };

describe('drafts', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('keeps a draft per user and record and gives it back within 24 hours', () => {
    const store = memoryStore();
    saveDraft('u1', 'rapid-review.i1', values, saved, store);
    const later = new Date(saved.getTime() + DRAFT_MAX_AGE_MS);
    expect(loadDraft('u1', 'rapid-review.i1', later, store)).toEqual({ savedAt: saved.toISOString(), values });
    expect(loadDraft('u2', 'rapid-review.i1', later, store)).toBeUndefined();
  });

  it('ignores and deletes a draft older than 24 hours', () => {
    const store = memoryStore();
    saveDraft('u1', 'rapid-review.i1', values, saved, store);
    expect(loadDraft('u1', 'rapid-review.i1', new Date(saved.getTime() + DRAFT_MAX_AGE_MS + 1), store)).toBeUndefined();
    expect(store.keys()).toEqual([]);
  });

  it('deletes an unreadable or future-dated draft', () => {
    const store = memoryStore();
    store.setItem('cspr.draft.u1.a', '{not json');
    saveDraft('u1', 'b', values, new Date(saved.getTime() + 60_000), store);
    expect(loadDraft('u1', 'a', saved, store)).toBeUndefined();
    expect(loadDraft('u1', 'b', saved, store)).toBeUndefined();
    expect(store.keys()).toEqual([]);
  });

  it('clears one draft, or every draft of every user while leaving other keys', () => {
    const store = memoryStore();
    saveDraft('u1', 'a', values, saved, store);
    saveDraft('u1', 'b', values, saved, store);
    saveDraft('u2', 'a', values, saved, store);
    store.setItem('cspr.session', '{}');
    clearDraft('u1', 'a', store);
    expect(store.keys()).toEqual(['cspr.draft.u1.b', 'cspr.draft.u2.a', 'cspr.session']);
    clearAllDrafts(store);
    expect(store.keys()).toEqual(['cspr.session']);
  });

  it('uses sessionStorage by default, and sign-out removes the session and every draft, old localStorage ones too', () => {
    const session = memoryStore();
    const local = memoryStore();
    vi.stubGlobal('sessionStorage', session);
    vi.stubGlobal('localStorage', local);
    saveDraft('u1', 'rapid-review.i1', values);
    expect(session.keys()).toEqual(['cspr.draft.u1.rapid-review.i1']);
    expect(local.keys()).toEqual([]);
    session.setItem('cspr.session', '{}');
    local.setItem('cspr.draft.u1.rapid-review.i0', JSON.stringify({ savedAt: saved.toISOString(), values }));
    local.setItem('other.setting', 'kept');
    signOut();
    expect(session.keys()).toEqual([]);
    expect(local.keys()).toEqual(['other.setting']);
  });
});
