import { describe, expect, it } from 'vitest';
import { detectDocumentType } from './document-type';
import { docxBytes, odtBytes, pdfBytes } from './test-files';

describe('telling a document type from its bytes', () => {
  it('knows PDF, .docx and .odt, and refuses what is not one', async () => {
    expect((await detectDocumentType(pdfBytes()))?.extension).toBe('pdf');
    expect((await detectDocumentType(docxBytes()))?.extension).toBe('docx');
    expect((await detectDocumentType(odtBytes()))?.extension).toBe('odt');
    expect(await detectDocumentType(Buffer.from('<html><body>not a report</body></html>'))).toBeUndefined();
    expect(
      await detectDocumentType(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13])),
    ).toBeUndefined();
  });
});
