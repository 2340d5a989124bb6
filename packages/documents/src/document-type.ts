/**
 * What a document is, told from its own first bytes with file-type (magic numbers, and for .docx and .odt the
 * entries of the zip container), never from its name or the type the uploader declared.
 */
import { fileTypeFromBuffer } from 'file-type';

export type DocumentType = { mediaType: string; extension: 'pdf' | 'docx' | 'doc' | 'odt' };

/** How much of the start of a file is read to tell its type: enough for a zip's first entries. */
export const SNIFF_BYTES = 1024 * 1024;

const ALLOWED: Record<string, DocumentType> = {
  pdf: { mediaType: 'application/pdf', extension: 'pdf' },
  docx: { mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', extension: 'docx' },
  // Word 97–2003 files are OLE compound files; file-type names the container.
  cfb: { mediaType: 'application/msword', extension: 'doc' },
  odt: { mediaType: 'application/vnd.oasis.opendocument.text', extension: 'odt' },
};

export const detectDocumentType = async (head: Uint8Array): Promise<DocumentType | undefined> => {
  try {
    const found = await fileTypeFromBuffer(head);
    return found ? ALLOWED[found.ext] : undefined;
  } catch {
    // A truncated or malformed container is not a document we can vouch for.
    return undefined;
  }
};
