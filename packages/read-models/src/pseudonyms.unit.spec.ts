import { describe, expect, it } from 'vitest';
import type { RecordedEvent } from '@cspr/event-store';
import { DETAILS_REMOVED } from './projection';
import { openPseudonyms, type OpenPseudonyms } from './pseudonyms';

const envelope = (tag: string) => ({ sealed: { v: 1, keyId: 'k', iv: 'i', tag, ciphertext: 'c' } });

const event = (type: string, data: Record<string, unknown>): RecordedEvent => ({
  eventId: `${type}-${String(data.reviewId)}`,
  type,
  streamId: `review-${String(data.reviewId)}`,
  streamRevision: 0n,
  position: { commit: 1n, prepare: 1n },
  recordedAt: new Date('2026-01-01T00:00:00Z'),
  data: { schemaVersion: 1, ...data },
  metadata: { actor: { userId: 'u', role: 'partnership' }, correlationId: 'c', causationId: 'c', occurredAt: '' },
});

/** What each envelope opens to, by its tag; a tag not listed was erased; `broken` never opens. */
const opener = (parts: Record<string, unknown>, asked: string[] = []): OpenPseudonyms => {
  return async (subjectId, sealed) => {
    const tag = (sealed as { sealed: { tag: string } }).sealed.tag;
    asked.push(`${subjectId}:${tag}`);
    if (tag === 'broken') throw Object.assign(new Error('tampered'), { code: 'tampered' });
    return tag in parts ? { status: 'available', value: parts[tag] } : { status: 'erased' };
  };
};

describe('openPseudonyms', () => {
  it('opens only the pseudonym fields of review events into data, where old events carry them', async () => {
    const [local, learning, reviewer] = await openPseudonyms(
      [
        event('LocalReviewCommissioned', { reviewId: 'r1', personal: envelope('name') }),
        event('LearningRecorded', { reviewId: 'r1', items: [], personal: envelope('learning') }),
        event('ReviewerAppointed', { reviewId: 'r1', personal: envelope('reviewer') }),
      ],
      opener({
        name: { caseName: 'Child M', other: 'not taken' },
        learning: { titles: ['Briefing on Child M'], themes: ['Neglect'] },
        reviewer: { reviewerName: 'Dr R' },
      }),
    );
    expect(local?.data).toEqual({ schemaVersion: 1, reviewId: 'r1', personal: envelope('name'), caseName: 'Child M' });
    // The learning item titles are the gateway's to open: only the themes are taken.
    expect(learning?.data).toMatchObject({ themes: ['Neglect'] });
    expect(JSON.stringify(learning?.data)).not.toContain('Briefing');
    // Review free text the gateway opens per read is not a pseudonym: left sealed.
    expect(JSON.stringify(reviewer?.data)).not.toContain('Dr R');
  });

  it('gives what a read model keeps after an erasure when the key is gone or the part can never open', async () => {
    const [thematic, learning, broken] = await openPseudonyms(
      [
        event('ThematicReviewCommissioned', { reviewId: 'r2', personal: envelope('gone') }),
        event('LearningRecorded', { reviewId: 'r2', themes: ['Old plaintext'], personal: envelope('gone') }),
        event('NationalReviewCommissioned', { reviewId: 'r3', personal: envelope('broken') }),
      ],
      opener({}),
    );
    expect(thematic?.data).toMatchObject({ title: DETAILS_REMOVED, theme: DETAILS_REMOVED });
    expect(learning?.data).toMatchObject({ themes: [] });
    expect(broken?.data).toMatchObject({ title: DETAILS_REMOVED });
  });

  it("opens a published record's text, and gives no text once the review's key is gone", async () => {
    const text = {
      caseName: 'Child P',
      summary: 'What happened to Child P',
      learningThemes: ['Neglect'],
      recommendations: ['Share concerns'],
      keywords: ['infant'],
    };
    const [published, erased] = await openPseudonyms(
      [
        event('ReportPublished', { reviewId: 'r6', publication: 'full-report', personal: envelope('record') }),
        event('ReportPublished', { reviewId: 'r7', publication: 'full-report', personal: envelope('gone') }),
      ],
      opener({ record: text }),
    );
    expect(published?.data).toMatchObject(text);
    expect(erased?.data).toMatchObject({
      caseName: DETAILS_REMOVED,
      summary: '',
      learningThemes: [],
      recommendations: [],
      keywords: [],
    });
  });

  it("opens each document's title back into its document, in order, and gives none once the key is gone", async () => {
    const overview = { kind: 'overview-report', address: 'https://example.org/p.pdf', checksum: 'a'.repeat(64) };
    const summary = { kind: 'executive-summary', address: 'https://example.org/s.pdf', checksum: 'b'.repeat(64) };
    const titles = ['Child P – Overview report', 'Child P – Executive summary'];
    const text = { summary: 'S', learningThemes: [], recommendations: [], keywords: [] };
    const published = (reviewId: string, tag: string, documents: unknown[]) =>
      event('ReportPublished', { reviewId, documents, personal: envelope(tag) });
    const [opened, erased, sealedBefore, erasedBefore] = await openPseudonyms(
      [
        published('r8', 'record', [overview, summary]),
        published('r9', 'gone', [overview, summary]),
        // Sealed before the titles were: they are still in `data`, kept while the key lives, blanked once it is gone.
        published('r10', 'text only', [{ ...overview, title: 'Child Q – Overview report' }]),
        published('r11', 'gone', [{ ...overview, title: 'Child Q – Overview report' }]),
      ],
      opener({ record: { ...text, documentTitles: titles }, 'text only': text }),
    );
    expect(opened?.data).toMatchObject({
      documents: [
        { ...overview, title: titles[0] },
        { ...summary, title: titles[1] },
      ],
    });
    expect(erased?.data).toMatchObject({
      documents: [
        { ...overview, title: DETAILS_REMOVED },
        { ...summary, title: DETAILS_REMOVED },
      ],
    });
    expect(sealedBefore?.data).toMatchObject({ documents: [{ ...overview, title: 'Child Q – Overview report' }] });
    expect(erasedBefore?.data).toMatchObject({ documents: [{ ...overview, title: DETAILS_REMOVED }] });
    // The sealed list itself is not copied into `data`: the titles are where old events carried them, nowhere else.
    expect(opened?.data).not.toHaveProperty('documentTitles');
  });

  it('passes old events and other streams through untouched, opens each review in order, and stops on other failures', async () => {
    const old = event('LocalReviewCommissioned', { reviewId: 'r4', caseName: 'Child L' });
    const incident = event('IncidentNotified', { incidentId: 'i1', personal: envelope('child') });
    const asked: string[] = [];
    const batch = [
      old,
      incident,
      event('LocalReviewCommissioned', { reviewId: 'r5', personal: envelope('a') }),
      event('LearningRecorded', { reviewId: 'r5', items: [], personal: envelope('b') }),
    ];
    const opened = await openPseudonyms(batch, opener({ a: { caseName: 'Child A' }, b: { themes: [] } }, asked));
    expect(opened[0]).toBe(old);
    expect(opened[1]).toBe(incident);
    expect(asked).toEqual(['r5:a', 'r5:b']);
    const failing: OpenPseudonyms = async () => {
      throw Object.assign(new Error('no master key'), { code: 'master_key' });
    };
    await expect(openPseudonyms(batch, failing)).rejects.toThrow('no master key');
  });
});
