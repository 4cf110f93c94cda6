/**
 * Turns an uploaded plan file into text for the parser. The type is decided by content alone (the
 * file name can lie, the bytes cannot): a .docx (ZIP with word/document.xml) is read from its XML
 * with Word's automatic numbering and tables kept; a PDF from its text layer; anything else must be
 * text — UTF-8 (with or without BOM), UTF-16 with a BOM, or GBK/GB18030 (what Notepad on Chinese
 * Windows writes). Every other format gets a message saying what it is and what to do.
 * Pure and never throws, so it can run in a worker thread.
 */
import { readDocx } from './docx-reader.js';
import { readPdf } from './pdf-reader.js';

export const MAX_PLAN_FILE_BYTES = 5 * 1024 * 1024;

export type DecodeResult = { ok: true; text: string } | { ok: false; error: { message: string } };

const fail = (message: string): DecodeResult => ({ ok: false, error: { message: `file: ${message}` } });

export const DECODE_MESSAGES = {
  tooLarge: '文件超过 5 MB 上限',
  legacyOffice: '这是旧版 Word/WPS 文档（.doc/.wps），无法直接读取，请在 Word 或 WPS 中另存为 .docx 后上传',
  rtf: '这是 RTF 文档，请另存为 .docx 后上传',
  notDocx: '该压缩文件不是 Word 文档（缺少 word/document.xml），请上传 .docx、.txt 或 .pdf',
  brokenDocx: '无法打开该 .docx 文件（文件已损坏或不完整），请在 Word 中重新保存后上传',
  hugeDocx: '该 .docx 解压后内容过大，无法读取',
  scannedPdf: '该 PDF 没有文字层（扫描件无文字层），无法识别文字；请上传带文字的 PDF、.docx 或 .txt',
  encryptedPdf: '该 PDF 已加密，无法读取，请上传未加密的文件',
  brokenPdf: '无法读取该 PDF 文件（文件已损坏或格式不受支持），请另存为 .docx 或 .txt 后上传',
  slowPdf: '读取该 PDF 超时（文件过于复杂或已损坏），请另存为 .docx 或 .txt 后上传',
  image: '这是图片文件，无法识别其中的文字；请上传 .docx、.txt 或带文字层的 PDF',
  binary: '文件含有二进制内容（NUL 字节），不是文本文件；请上传 .txt、.md、.docx 或 .pdf',
  unknownEncoding: '无法识别文本编码（既不是 UTF-8、UTF-16，也不是 GBK/GB18030），请另存为 UTF-8 文本后上传',
  empty: '文件为空',
} as const;

const startsWith = (buf: Buffer, bytes: readonly number[]): boolean => buf.length >= bytes.length && bytes.every((b, i) => buf[i] === b);

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const PDF = [0x25, 0x50, 0x44, 0x46, 0x2d]; // %PDF-
const RTF = [0x7b, 0x5c, 0x72, 0x74, 0x66]; // {\rtf
const IMAGES = [[0x89, 0x50, 0x4e, 0x47], [0xff, 0xd8, 0xff], [0x47, 0x49, 0x46, 0x38], [0x49, 0x49, 0x2a, 0x00], [0x4d, 0x4d, 0x00, 0x2a], [0x42, 0x4d]];

export interface DecodeOptions {
  /** How long pdf.js may work on a PDF (in its worker thread) before the file is refused. */
  pdfTimeLimitMs?: number;
}

export async function decodePlanDocument(buf: Buffer, _filename?: string, options: DecodeOptions = {}): Promise<DecodeResult> {
  try {
    if (!Buffer.isBuffer(buf)) return fail(DECODE_MESSAGES.binary);
    if (buf.length > MAX_PLAN_FILE_BYTES) return fail(DECODE_MESSAGES.tooLarge);
    if (buf.length === 0) return fail(DECODE_MESSAGES.empty);
    if (startsWith(buf, ZIP)) {
      const docx = await readDocx(buf);
      if (docx.ok) return { ok: true, text: docx.text };
      return fail(docx.reason === 'not-docx' ? DECODE_MESSAGES.notDocx : docx.reason === 'too-large' ? DECODE_MESSAGES.hugeDocx : DECODE_MESSAGES.brokenDocx);
    }
    if (startsWith(buf, OLE)) return fail(DECODE_MESSAGES.legacyOffice);
    if (startsWith(buf, RTF)) return fail(DECODE_MESSAGES.rtf);
    if (startsWith(buf, PDF) || buf.subarray(0, 1024).includes('%PDF-')) {
      const pdf = await readPdf(buf, options.pdfTimeLimitMs);
      if (pdf.ok) return { ok: true, text: pdf.text };
      const messages = { 'no-text': DECODE_MESSAGES.scannedPdf, encrypted: DECODE_MESSAGES.encryptedPdf, timeout: DECODE_MESSAGES.slowPdf, unreadable: DECODE_MESSAGES.brokenPdf };
      return fail(messages[pdf.reason]);
    }
    if (IMAGES.some((magic) => startsWith(buf, magic))) return fail(DECODE_MESSAGES.image);
    const text = decodeText(buf);
    return text.ok ? { ok: true, text: text.text } : fail(text.message);
  } catch {
    return fail(DECODE_MESSAGES.brokenDocx);
  }
}

/** Text in one of the encodings a Chinese office produces; the encoding is told by BOM, else by validity. */
export function decodeText(buf: Buffer): { ok: true; text: string; encoding: string } | { ok: false; message: string } {
  if (startsWith(buf, [0xef, 0xbb, 0xbf])) return checked(decode('utf-8', buf.subarray(3)), 'utf-8');
  if (startsWith(buf, [0xff, 0xfe])) return checked(decode('utf-16le', buf.subarray(2)), 'utf-16le');
  if (startsWith(buf, [0xfe, 0xff])) return checked(decode('utf-16be', buf.subarray(2)), 'utf-16be');
  if (buf.includes(0)) {
    const utf16 = utf16WithoutBom(buf);
    return utf16 ? checked(utf16.text, utf16.encoding) : { ok: false, message: DECODE_MESSAGES.binary };
  }
  const utf8 = decode('utf-8', buf);
  if (utf8 !== null) return checked(utf8, 'utf-8');
  // GB18030 is a superset of GBK and GB2312; strict decoding refuses bytes that are neither.
  const gb = decode('gb18030', buf);
  if (gb !== null && /\p{Script=Han}/u.test(gb)) return checked(gb, 'gb18030');
  return { ok: false, message: DECODE_MESSAGES.unknownEncoding };
}

function decode(encoding: string, bytes: Uint8Array): string | null {
  try {
    return new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return null;
  }
}

/** UTF-16 saved without a BOM: ASCII characters leave a zero in every other byte. */
function utf16WithoutBom(buf: Buffer): { text: string; encoding: string } | null {
  // Short files and stray NULs are not evidence: a binary file has them too.
  if (buf.length % 2 !== 0 || buf.length < 32) return null;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < buf.length; i += 2) {
    if (buf[i] === 0) evenZeros++;
    if (buf[i + 1] === 0) oddZeros++;
  }
  const pairs = buf.length / 2;
  const encoding = oddZeros > pairs * 0.3 && evenZeros === 0 ? 'utf-16le' : evenZeros > pairs * 0.3 && oddZeros === 0 ? 'utf-16be' : null;
  if (!encoding) return null;
  const text = decode(encoding, buf);
  return text === null ? null : { text, encoding };
}

function checked(text: string | null, encoding: string): { ok: true; text: string; encoding: string } | { ok: false; message: string } {
  if (text === null) return { ok: false, message: DECODE_MESSAGES.unknownEncoding };
  const t = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (t.includes('\u0000')) return { ok: false, message: DECODE_MESSAGES.binary };
  if (!looksLikeTextString(t)) return { ok: false, message: DECODE_MESSAGES.binary };
  return { ok: true, text: t, encoding };
}

/** Text files hold almost no C0 control characters (tab, CR, LF, FF aside). */
function looksLikeTextString(text: string): boolean {
  const controls = text.match(/[\u0001-\u0008\u000e-\u001a\u001c-\u001f\u007f]/g)?.length ?? 0;
  return controls === 0 || controls / text.length < 0.001;
}
