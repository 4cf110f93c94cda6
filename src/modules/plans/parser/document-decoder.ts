/**
 * Turns an uploaded plan file into text for the parser: a .docx is read with mammoth, anything else
 * must be UTF-8 text (.txt / .md). The type is decided by content alone: the file name (kept in the
 * signature for callers and logs) can lie, the ZIP magic and a readable word/document.xml cannot.
 * Never throws.
 */
import mammoth from 'mammoth';

export const MAX_PLAN_FILE_BYTES = 5 * 1024 * 1024;

export type DecodeResult = { ok: true; text: string } | { ok: false; error: { message: string } };

const TOO_LARGE: DecodeResult = { ok: false, error: { message: 'file: 文件超过 5 MB 上限' } };
const NOT_TEXT: DecodeResult = { ok: false, error: { message: 'file: 文件既不是 UTF-8 文本也不是 .docx 文档' } };

const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]); // "PK\x03\x04"

export async function decodePlanDocument(buf: Buffer, _filename: string | undefined): Promise<DecodeResult> {
  try {
    if (!Buffer.isBuffer(buf)) return NOT_TEXT;
    if (buf.length > MAX_PLAN_FILE_BYTES) return TOO_LARGE;
    if (buf.subarray(0, 4).equals(ZIP_MAGIC)) {
      // A ZIP is only accepted when it really is a Word document (an .xlsx or a plain archive is not).
      const text = await docxText(buf);
      return text === null ? NOT_TEXT : { ok: true, text };
    }
    // Whatever the name says (.txt, .md, or a mislabelled .docx), anything else must be UTF-8 text.
    const text = utf8Text(buf);
    return text === null ? NOT_TEXT : { ok: true, text };
  } catch {
    return NOT_TEXT;
  }
}

async function docxText(buf: Buffer): Promise<string | null> {
  try {
    const result = await mammoth.extractRawText({ buffer: buf });
    // mammoth separates paragraphs with a blank line; the parser reads one paragraph per line.
    return result.value.replace(/\r\n?/g, '\n').replace(/\n{2,}/g, '\n');
  } catch {
    return null;
  }
}

/** Strict UTF-8 without NUL or other binary control bytes; the BOM is dropped. */
function utf8Text(buf: Buffer): string | null {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(buf);
  } catch {
    return null;
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return looksLikeTextString(text) ? text : null;
}

/** Text files hold no NUL and almost no C0 control characters (tab, CR, LF, FF aside). */
function looksLikeTextString(text: string): boolean {
  if (text.includes('\u0000')) return false;
  const controls = text.match(/[\u0001-\u0008\u000e-\u001a\u001c-\u001f\u007f]/g)?.length ?? 0;
  return controls === 0 || controls / text.length < 0.001;
}
