/**
 * Small real files for the tests: a PDF, and .docx/.odt containers built as stored (uncompressed) zips, so the
 * type checks run against the same bytes a word processor writes at the start of such files.
 */
import { crc32 } from 'node:zlib';

export const pdfBytes = (body = 'CSPR test report', padTo = 0): Buffer => {
  const head = `%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n% ${body}\n`;
  const padding = Math.max(0, padTo - head.length - 6);
  return Buffer.concat([Buffer.from(head), Buffer.alloc(padding, 0x20), Buffer.from('\n%%EOF')]);
};

const u16 = (n: number) => Buffer.from([n & 0xff, (n >> 8) & 0xff]);
const u32 = (n: number) => {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(n >>> 0);
  return b;
};

export const storedZip = (entries: [name: string, content: string][]): Buffer => {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, content] of entries) {
    const data = Buffer.from(content);
    const fileName = Buffer.from(name);
    const crc = crc32(data);
    const common = [
      u16(20),
      u16(0),
      u16(0),
      u16(0),
      u16(0),
      u32(crc),
      u32(data.length),
      u32(data.length),
      u16(fileName.length),
      u16(0),
    ];
    const local = Buffer.concat([u32(0x04034b50), ...common, fileName, data]);
    centrals.push(
      Buffer.concat([u32(0x02014b50), u16(20), ...common, u16(0), u16(0), u16(0), u32(0), u32(offset), fileName]),
    );
    locals.push(local);
    offset += local.length;
  }
  const central = Buffer.concat(centrals);
  const end = Buffer.concat([
    u32(0x06054b50),
    u16(0),
    u16(0),
    u16(entries.length),
    u16(entries.length),
    u32(central.length),
    u32(offset),
    u16(0),
  ]);
  return Buffer.concat([...locals, central, end]);
};

export const docxBytes = (): Buffer =>
  storedZip([
    [
      '[Content_Types].xml',
      '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
    ],
    ['word/document.xml', '<w:document/>'],
  ]);

export const odtBytes = (): Buffer =>
  storedZip([
    ['mimetype', 'application/vnd.oasis.opendocument.text'],
    ['content.xml', '<office:document-content/>'],
  ]);

export async function* inPieces(bytes: Buffer, size = 64 * 1024): AsyncIterable<Uint8Array> {
  for (let at = 0; at < bytes.length; at += size) yield bytes.subarray(at, at + size);
}
