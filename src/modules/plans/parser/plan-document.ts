/**
 * The parser's one entry for whole documents: bytes of an uploaded file (or text already in hand)
 * in, a parsed plan or a refusal out. Pure — no Nest, no database, no clock, nothing shared — so
 * it can run in a worker thread; it never throws.
 */
import { decodePlanDocument, type DecodeOptions } from './document-decoder.js';
import { parsePlanText } from './plan-parser.js';
import type { PlanParseResult } from './plan-parser.types.js';

export async function parsePlanDocument(input: Buffer | Uint8Array | string, filename?: string, options: DecodeOptions = {}): Promise<PlanParseResult> {
  if (typeof input === 'string') {
    const parsed = parsePlanText(input);
    return parsed.ok ? { ...parsed, text: input } : parsed;
  }
  const decoded = await decodePlanDocument(Buffer.isBuffer(input) ? input : Buffer.from(input), filename, options);
  if (!decoded.ok) return { ok: false, error: { line: null, message: decoded.error.message, kind: 'file' } };
  const parsed = parsePlanText(decoded.text);
  return parsed.ok ? { ...parsed, text: decoded.text } : parsed;
}
