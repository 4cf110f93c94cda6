// Runs in a worker thread of the UploadParser pool: everything heavy about an upload (unzipping,
// reading a spreadsheet, extracting a document's text, parsing a 工作要点 — the parser's pure entry
// parsePlanDocument, wrapped here) happens here, off the
// event loop that answers requests. Answers are plain data; refusals are Chinese messages naming
// the field. The limits are checked before the heavy work starts.
// Heavy modules (the parser, mammoth, exceljs) are loaded on first use, so a refusal never waits for them.
import { DomainError } from '../../common/errors/domain-error';
import type { PlanParseResult } from '../plans/parser/plan-parser.types';
import type { AssignmentRow } from '../tasks/assignment-rows';
import { inspectSheets, SheetLimits } from './sheet-inspect';
import { inspectZip, isZip } from './zip-inspect';

export type ParseJob =
  | { kind: 'plan-text'; text: string }
  | { kind: 'plan-file'; buffer: Uint8Array; filename?: string }
  | { kind: 'sheet'; buffer: Uint8Array; limits: SheetLimits };

export type ParseAnswer =
  | { kind: 'plan'; result: PlanParseResult }
  | { kind: 'sheet'; rows: AssignmentRow[] }
  | { kind: 'refused'; message: string };

/** A plan item number of five digits or more: the parser reads at most four, so refuse rather than merge. */
const OVERSIZED_NUMBER = /^[ \t\u3000]*(\d{5,})[ \t]*[.．、]/m;

async function planOf(text: string): Promise<ParseAnswer> {
  const big = OVERSIZED_NUMBER.exec(text);
  if (big) {
    const line = text.slice(0, big.index).split('\n').length;
    return { kind: 'refused', message: `line ${line}: 条目编号 ${big[1]} 超过上限（一个计划最多 9999 条，编号最多四位数字）` };
  }
  const { parsePlanDocument } = await import('../plans/parser/plan-document.js');
  return { kind: 'plan', result: await parsePlanDocument(text) };
}

export default async function parseUpload(job: ParseJob): Promise<ParseAnswer> {
  try {
    if (job.kind === 'plan-text') return planOf(job.text);
    const buffer = Buffer.from(job.buffer.buffer, job.buffer.byteOffset, job.buffer.byteLength);
    if (job.kind === 'plan-file') {
      if (isZip(buffer)) {
        const zip = inspectZip(buffer);
        if (!zip.ok) return { kind: 'refused', message: zip.message };
      }
      // Decoded first (the parser's own decoder), so the item-number check sees the text; then the
      // parser's entry parsePlanDocument on that text.
      const { decodePlanDocument } = await import('../plans/parser/document-decoder.js');
      const decoded = await decodePlanDocument(buffer, job.filename);
      if (!decoded.ok) return { kind: 'plan', result: { ok: false, error: { line: null, message: decoded.error.message, kind: 'file' } } };
      return planOf(decoded.text);
    }
    if (!isZip(buffer)) return { kind: 'refused', message: 'file: 不是有效的 .xlsx 文件' };
    const zip = inspectZip(buffer);
    if (!zip.ok) return { kind: 'refused', message: zip.message };
    const tooBig = await inspectSheets(buffer, zip.entries, job.limits);
    if (tooBig) return { kind: 'refused', message: tooBig };
    // exceljs is loaded only once a sheet has passed the limits.
    const { readAssignmentSheet } = await import('../tasks/assignment-sheet.js');
    return { kind: 'sheet', rows: await readAssignmentSheet(buffer) };
  } catch (err) {
    if (err instanceof DomainError) return { kind: 'refused', message: err.message };
    return { kind: 'refused', message: 'file: 无法读取该文件' };
  }
}
