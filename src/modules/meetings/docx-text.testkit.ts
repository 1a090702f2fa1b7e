import zlib from 'node:zlib';

/**
 * The parts of a .docx as bytes, read the way Word opens it: the zip's central directory, then each entry
 * inflated. Throws when the file is not a valid package.
 */
export function docxFiles(file: Buffer): Map<string, Buffer> {
  const end = file.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (end < 0) throw new Error('not a zip: no end of central directory');
  const count = file.readUInt16LE(end + 10);
  let at = file.readUInt32LE(end + 16);
  const parts = new Map<string, Buffer>();
  for (let i = 0; i < count; i++) {
    if (file.readUInt32LE(at) !== 0x02014b50) throw new Error('broken central directory');
    const method = file.readUInt16LE(at + 10);
    const size = file.readUInt32LE(at + 20);
    const nameLength = file.readUInt16LE(at + 28);
    const extra = file.readUInt16LE(at + 30);
    const comment = file.readUInt16LE(at + 32);
    const local = file.readUInt32LE(at + 42);
    const name = file.subarray(at + 46, at + 46 + nameLength).toString('utf8');
    const dataAt = local + 30 + file.readUInt16LE(local + 26) + file.readUInt16LE(local + 28);
    const data = file.subarray(dataAt, dataAt + size);
    parts.set(name, method === 8 ? zlib.inflateRawSync(data) : data);
    at += 46 + nameLength + extra + comment;
  }
  return parts;
}

/** The text parts of a .docx (word/document.xml and the rest), as UTF-8. */
export function docxParts(file: Buffer): Map<string, string> {
  return new Map([...docxFiles(file)].map(([name, data]) => [name, data.toString('utf8')]));
}

const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const textOf = (xml: string) =>
  [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)]
    .map((t) => (t[1] ?? '').replace(/&(amp|lt|gt|quot|apos);/g, (_, e: string) => entities[e] ?? ''))
    .join('');

/** The paragraphs of the document body as plain text. */
export function docxParagraphs(file: Buffer): string[] {
  const xml = docxParts(file).get('word/document.xml');
  if (!xml) throw new Error('no word/document.xml');
  return [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((p) => textOf(p[0]));
}

/** The tables of the document body: each a list of rows, each row the text of its cells. */
export function docxTables(file: Buffer): string[][][] {
  const xml = docxParts(file).get('word/document.xml');
  if (!xml) throw new Error('no word/document.xml');
  return [...xml.matchAll(/<w:tbl>[\s\S]*?<\/w:tbl>/g)].map((table) =>
    [...table[0].matchAll(/<w:tr[ >][\s\S]*?<\/w:tr>/g)].map((row) =>
      [...row[0].matchAll(/<w:tc>[\s\S]*?<\/w:tc>/g)].map((cell) => textOf(cell[0])),
    ),
  );
}
